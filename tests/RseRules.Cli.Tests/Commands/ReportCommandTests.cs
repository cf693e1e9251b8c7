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
        html.ShouldContain("27 novembre 2026"); // --date, written out on the cover
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

    [Theory]
    [InlineData("report.md", null, "# ")]
    [InlineData("report.MD", null, "# ")]
    [InlineData("report.htm", null, "<!DOCTYPE html>")]
    [InlineData("report.html", null, "<!DOCTYPE html>")]
    [InlineData("report", "md", "# ")]
    [InlineData("report.md", "md", "# ")]
    public void Report_OutExtension_PicksTheFormatWhenFormatIsAbsent(string file, string? format, string start)
    {
        using var temp = new TempFolder();
        string[] args = ["report", "--method", NormDir, "--inputs", Example, "--date", "2026-12-06", "--out", temp.File(file)];
        var result = Rse.Run(format is null ? args : [.. args, "--format", format]);
        result.ExitCode.ShouldBe(0, result.ToString());
        File.ReadAllText(temp.File(file)).ShouldStartWith(start);
    }

    [Theory]
    [InlineData("report.pdf", "html")]
    [InlineData("report.md", "pdf")]
    [InlineData("report.html", "md")]
    [InlineData("report.docx", null)]
    [InlineData("report.txt", "md")]
    [InlineData("report", null)]
    public void Report_OutExtensionUnknownOrContradicted_IsAUsageErrorAndWritesNothing(string file, string? format)
    {
        using var temp = new TempFolder();
        string[] args = ["report", "--method", NormDir, "--inputs", Example, "--out", temp.File(file)];
        var result = Rse.Run(format is null ? args : [.. args, "--format", format]);
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("--out");
        Directory.GetFileSystemEntries(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public void Report_MethodWithoutTemplate_UsesTheDefaultSet()
    {
        using var temp = new TempFolder();
        var result = Rse.Run("report", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--lang", "en", "--date", "2026-12-06", "--out", temp.File("loan.md"));
        result.ExitCode.ShouldBe(0, result.ToString());
        var text = File.ReadAllText(temp.File("loan.md"));
        text.ShouldStartWith("# Loan or lease: total cost of ownership");
        text.ShouldContain("**Recommended option : loan**");
    }

    [Fact]
    public void Report_SeveralInputs_WritesAComparisonOfTheScenarios()
    {
        using var temp = new TempFolder();
        var car = Path.Combine(Repo.LoanMethodDir, "examples", "company-car.json");
        var result = Rse.Run("report", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--inputs", car, "--lang", "en", "--date", "2026-12-06", "--out", temp.File("cmp.md"));
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("comparison of 2 scenarios");
        var text = File.ReadAllText(temp.File("cmp.md"));
        text.ShouldStartWith("# Scenario comparison");
        text.ShouldContain("| Result | delivery-van | company-car | Difference |");

        // The norm's set (white-paper) has its own comparison template; scenarios that share a file name are numbered.
        var norm = Rse.Run("report", "--method", NormDir, "--inputs", Example, "--inputs", Example, "--date", "2026-12-06", "--out", temp.File("norm.html"));
        norm.ExitCode.ShouldBe(0, norm.ToString());
        File.ReadAllText(temp.File("norm.html")).ShouldContain("example (2)");
    }

    [Fact]
    public void Report_ScenarioThatFails_WritesNothing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.json"), "{}");
        var result = Rse.Run("report", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--inputs", temp.File("bad.json"), "--out", temp.File("cmp.html"));
        result.ExitCode.ShouldBe(1, result.ToString());
        File.Exists(temp.File("cmp.html")).ShouldBeFalse();
    }
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
