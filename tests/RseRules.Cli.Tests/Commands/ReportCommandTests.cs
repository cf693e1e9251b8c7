using Newtonsoft.Json.Linq;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    private static string NormDir => Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");

    private static string Example => Path.Combine(NormDir, "examples", "example.json");

    private static string Templates => Path.Combine(Repo.Root, "templates", "white-paper");

    [Fact]
    public void Report_Example_WritesTheFrenchHtmlReport()
    {
        using var temp = new TempFolder();
        var result = Rse.Run("report", "--method", NormDir, "--inputs", Example, "--template", Templates, "--date", "2026-11-27", "--out", temp.File("report.html"));
        result.ExitCode.ShouldBe(0, result.ToString());
        var html = File.ReadAllText(temp.File("report.html"));
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<html lang=\"fr\">");
        html.ShouldContain("GO sous conditions");
        html.ShouldContain("2026-11-27");
        Directory.GetFiles(temp.Path).ShouldHaveSingleItem(); // no temporary file left beside it
    }

    [Fact]
    public void Report_FromSavedRecord_IsIdenticalToReportFromEvaluation()
    {
        using var temp = new TempFolder();
        Rse.Run("evaluate", "--method", NormDir, "--inputs", Example, "--format", "json", "--out", temp.File("evaluation.json")).ExitCode.ShouldBe(0);
        var direct = Rse.Run("report", "--method", NormDir, "--inputs", Example, "--template", Templates, "--date", "2026-11-27", "--format", "md", "--lang", "en", "--out", temp.File("a.md"));
        var replay = Rse.Run("report", "--record", temp.File("evaluation.json"), "--methods-dir", Path.Combine(Repo.Root, "methods"), "--template", Templates,
            "--date", "2026-11-27", "--format", "md", "--lang", "en", "--out", temp.File("b.md"));
        direct.ExitCode.ShouldBe(0, direct.ToString());
        replay.ExitCode.ShouldBe(0, replay.ToString());
        File.ReadAllText(temp.File("b.md")).ShouldBe(File.ReadAllText(temp.File("a.md")));
    }

    [Fact]
    public void Report_RecordOfAnotherMethodVersion_IsRejected()
    {
        using var temp = new TempFolder();
        Rse.Run("evaluate", "--method", NormDir, "--inputs", Example, "--format", "json", "--out", temp.File("evaluation.json")).ExitCode.ShouldBe(0);
        var record = JObject.Parse(File.ReadAllText(temp.File("evaluation.json")));
        record["method"]!["sha256"] = new string('0', 64);
        File.WriteAllText(temp.File("evaluation.json"), record.ToString());
        var result = Rse.Run("report", "--record", temp.File("evaluation.json"), "--methods-dir", Path.Combine(Repo.Root, "methods"), "--out", temp.File("r.html"));
        // The record is replayed before it is presented: its hash and the method's no longer match (exit 3, as rse replay).
        result.ExitCode.ShouldBe(3, result.ToString());
        result.Stderr.ShouldContain("error RSE8005");
        result.Stderr.ShouldContain("method sha256");
        result.Stderr.ShouldContain("record hash");
        File.Exists(temp.File("r.html")).ShouldBeFalse();
    }

    [Fact]
    public void Report_BrokenTemplate_FailsWithTheTemplatePlaceAndWritesNothing()
    {
        using var temp = new TempFolder();
        var set = temp.CopyFolder(Templates, "set");
        File.WriteAllText(Path.Combine(set, "html", "_risks.sbn"), "<section>\n{{ for r in inputs.risks }}\n");
        File.WriteAllText(temp.File("report.html"), "previous good report");
        var result = Rse.Run("report", "--method", NormDir, "--inputs", Example, "--template", set, "--out", temp.File("report.html"));
        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("_risks.sbn(2,");
        result.Stderr.ShouldContain("error RSE8001");
        File.ReadAllText(temp.File("report.html")).ShouldBe("previous good report");
    }

    [Theory]
    [InlineData("report", "--out", "x.html")]
    [InlineData("report", "--inputs", "x.json", "--out", "x.html")]
    [InlineData("report", "--method", "m", "--inputs", "x.json")]
    [InlineData("report", "--record", "r.json", "--inputs", "x.json", "--method", "m", "--out", "x.html")]
    [InlineData("report", "--record", "r.json", "--out", "x.html", "--format", "docx")]
    [InlineData("report", "--record", "r.json", "--out", "x.html", "--lang", "de")]
    [InlineData("report", "--record", "r.json", "--out", "x.html", "--date", "27/11/2026")]
    public void Report_BadArguments_ExitsWithUsageError(params string[] args) => Rse.Run(args).ExitCode.ShouldBe(2);
}

[Collection(CurrentDirectoryDependent.Name)]
public sealed class ReportPdfCommandTests
{
    [Fact]
    public void Report_PdfWithoutChromium_ExitsOneWithInstructions()
    {
        using var temp = new TempFolder();
        using var chromium = new EnvironmentVariable("RSE_CHROMIUM", "/nonexistent/chromium");
        var norm = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
        var result = Rse.Run("report", "--method", norm, "--inputs", Path.Combine(norm, "examples", "example.json"),
            "--template", Path.Combine(Repo.Root, "templates", "white-paper"), "--format", "pdf", "--out", temp.File("report.pdf"));
        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("error RSE8004");
        result.Stderr.ShouldContain("apt-get install -y chromium");
        File.Exists(temp.File("report.pdf")).ShouldBeFalse();
    }
}
