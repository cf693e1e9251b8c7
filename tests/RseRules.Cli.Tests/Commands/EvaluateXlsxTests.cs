using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse evaluate --format xlsx --out F.xlsx</c>: the evaluation record as a workbook (its cells are tested in RseRules.Spreadsheets.Tests).</summary>
public class EvaluateXlsxTests
{
    [Fact]
    public void EvaluateXlsx_LoanExample_RecordWorkbookWithTheRecordsHash()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("evaluation.xlsx");
        var json = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json");

        var result = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "xlsx", "--lang", "en", "--out", workbook);

        result.ExitCode.ShouldBe(0, result.ToString());
        using var record = JsonDocument.Parse(json.Stdout);
        using var document = SpreadsheetDocument.Open(workbook, false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        sheets.Take(3).ShouldBe(["Results", "Findings", "Record"]);
        Workbooks.Text(document, "Results", "B2").ShouldBe("loan-vs-lease@1.0.0");
        Workbooks.Text(document, "Results", "B3").ShouldBe(record.RootElement.GetProperty("recordSha256").GetString());
    }

    [Theory]
    [InlineData("--inputs", "folder")]
    [InlineData("--out", "evaluation.json")]
    [InlineData("--out", null)]
    public void EvaluateXlsx_WithoutAnXlsxFileForOneDocument_UsageErrorExitTwo(string option, string? value)
    {
        using var temp = new TempFolder();
        var args = new List<string> { "evaluate", "--method", Repo.LoanMethodDir, "--format", "xlsx" };
        args.AddRange(option == "--inputs" ? ["--inputs", temp.Path, "--out", temp.File("e.xlsx")] : ["--inputs", Repo.LoanExample]);
        if (option == "--out" && value is not null)
        {
            args.AddRange(["--out", temp.File(value)]);
        }

        var result = Rse.Run([.. args]);

        result.ExitCode.ShouldBe(2, result.ToString());
        Directory.GetFiles(temp.Path).ShouldBeEmpty();
    }
}
