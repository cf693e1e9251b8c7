using System.Text.Json;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse evaluate --inputs &lt;folder&gt;</c>: one summary row per document, bad documents listed, exit 1 when any.</summary>
public class EvaluateBatchTests
{
    private const string MethodJson = """
        {
          "formatVersion": 1, "id": "batch-test", "version": "1.0.0", "title": { "fr": "Lot", "en": "Batch" },
          "inputs": [
            { "id": "label", "type": "text", "label": { "fr": "Libellé", "en": "Label" } },
            { "id": "x", "type": "number", "min": 0, "label": { "fr": "x", "en": "x" } }
          ],
          "indicators": [ { "id": "twice", "type": "number", "label": { "fr": "2x", "en": "2x" }, "formula": "2 * x" } ],
          "results": ["label", "twice"]
        }
        """;

    private static (TempFolder Temp, string Method, string Folder) Setup()
    {
        var temp = new TempFolder();
        var method = temp.File("method", "method.json");
        Directory.CreateDirectory(Path.GetDirectoryName(method)!);
        File.WriteAllText(method, MethodJson);
        var folder = temp.File("docs");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "b-bad.json"), """{ "label": "Bad", "x": "oops" }""");
        File.WriteAllText(Path.Combine(folder, "a.json"), """{ "label": "Acme, Inc.", "x": 1.5 }""");
        File.WriteAllText(Path.Combine(folder, "c.json"), """{ "label": "He said \"hi\"", "x": 2 }""");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a document");
        return (temp, method, folder);
    }

    [Fact]
    public void EvaluateFolder_OneBadDocument_Exit1SummaryListsItAndQuotesTheCsv()
    {
        var (temp, method, folder) = Setup();
        using var _ = temp;
        var summary = temp.File("out", "summary");

        var r = Rse.Run("evaluate", "--method", method, "--inputs", folder, "--out", summary, "--csv-culture", "en");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldContain("3 document(s), 2 evaluated, 1 bad: b-bad.json");
        Located.Parse(r.StderrLines.ShouldHaveSingleItem()).Code.ShouldBe("RSE5001");
        var csv = File.ReadAllText(summary + ".csv");
        var lines = csv.Split("\r\n");
        lines[0].ShouldBe("document,label,twice,error");
        lines[1].ShouldBe("a.json,\"Acme, Inc.\",3,");
        lines[2].ShouldStartWith("b-bad.json,,,\"");
        lines[2].ShouldContain("RSE5001");
        lines[3].ShouldBe("c.json,\"He said \"\"hi\"\"\",4,");
        lines[4].ShouldBeEmpty();

        using var json = JsonDocument.Parse(File.ReadAllText(summary + ".json"));
        var root = json.RootElement;
        root.GetProperty("documents").GetInt32().ShouldBe(3);
        root.GetProperty("evaluated").GetInt32().ShouldBe(2);
        root.GetProperty("bad").EnumerateArray().Select(e => e.GetString()).ShouldBe(["b-bad.json"]);
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        rows.Select(row => row.GetProperty("document").GetString()).ShouldBe(["a.json", "b-bad.json", "c.json"]);
        rows[0].GetProperty("results").GetProperty("twice").GetDouble().ShouldBe(3);
        rows[1].GetProperty("ok").GetBoolean().ShouldBeFalse();
        var diagnostic = rows[1].GetProperty("diagnostics").EnumerateArray().ShouldHaveSingleItem();
        diagnostic.GetProperty("code").GetString().ShouldBe("RSE5001");
        diagnostic.GetProperty("pointer").GetString().ShouldBe("/x");
    }

    [Fact]
    public void EvaluateFolder_AllGood_Exit0AndColumnsOptionChoosesTheResults()
    {
        var (temp, method, folder) = Setup();
        using var _ = temp;
        File.Delete(Path.Combine(folder, "b-bad.json"));

        var r = Rse.Run("evaluate", "--method", method, "--inputs", folder, "--columns", "twice", "--lang", "en");
        var fr = Rse.Run("evaluate", "--method", method, "--inputs", folder, "--columns", "twice");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldBe("document,twice,error\r\na.json,3,\r\nc.json,4,\r\n");
        fr.Stdout.ShouldBe("document;twice;error\r\na.json;3;\r\nc.json;4;\r\n");
    }

    [Fact]
    public void EvaluateFolder_UnknownColumn_UsageError()
    {
        var (temp, method, folder) = Setup();
        using var _ = temp;

        var r = Rse.Run("evaluate", "--method", method, "--inputs", folder, "--columns", "twice,nope");

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("'nope'");
    }

    [Fact]
    public void EvaluateFolder_JsonFormatWithoutOut_PrintsTheJsonSummary()
    {
        var (temp, method, folder) = Setup();
        using var _ = temp;

        var r = Rse.Run("evaluate", "--method", method, "--inputs", folder, "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        using var json = JsonDocument.Parse(r.Stdout);
        json.RootElement.GetProperty("columns").EnumerateArray().Select(e => e.GetString()).ShouldBe(["label", "twice"]);
    }

    [Fact]
    public void Evaluate_ColumnsWithASingleFile_UsageError()
    {
        var (temp, method, folder) = Setup();
        using var _ = temp;

        var r = Rse.Run("evaluate", "--method", method, "--inputs", Path.Combine(folder, "a.json"), "--columns", "twice");

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
    }
}
