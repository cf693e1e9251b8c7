using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Spreadsheets.Tests.Support;

namespace RseRules.Spreadsheets.Tests;

/// <summary>
/// <see cref="RecordWorkbook.Write"/> on the norm's shipped example: the workbook is opened with the Open XML SDK and each
/// cell compared with the record's JSON text and the method file, both read here with System.Text.Json.
/// </summary>
public sealed class RecordWorkbookTests
{
    private const string Example = "examples/example.json";

    private static string RecordText => Fixtures.RecordText(Fixtures.NormDir, Example);

    private static JsonElement Record => JsonDocument.Parse(RecordText).RootElement;

    private static JsonElement MethodFile => JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.NormDir, "method.json"))).RootElement;

    private static OpenedWorkbook Open(string language) => new(Fixtures.RecordWorkbook(Fixtures.Norm, RecordText, language));

    private static string ResultsSheet(string language) => language == "en" ? "Results" : "Résultats";

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Write_NormExample_ResultsComeFirstWithMethodRecordHashAndDecision(string language)
    {
        using var view = Open(language);
        var sheet = ResultsSheet(language);

        view.SheetNames[0].ShouldBe(sheet);
        view.Text(sheet, "B2").ShouldBe("rse-value@1.0.0");
        view.Text(sheet, "B3").ShouldBe(Record.GetProperty("recordSha256").GetString());
        view.Text(sheet, "A4").ShouldBe(language == "en" ? "Decision" : "Décision");
        view.Text(sheet, "B4").ShouldBe(Record.GetProperty("results").GetProperty("decision").GetString());
        view.Text(sheet, "B4").ShouldBe("GO_WITH_CONDITIONS");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Write_NormExample_EveryScalarResultHasItsLabelUnitAndExactValue(string language)
    {
        using var view = Open(language);
        var sheet = ResultsSheet(language);
        var results = Record.GetProperty("results");
        var checkedResults = 0;

        foreach (var (id, from) in DeclaredResults())
        {
            var value = results.GetProperty(id);
            if (value.ValueKind == JsonValueKind.Array || (value.ValueKind == JsonValueKind.Object && !value.TryGetProperty("fr", out _)))
            {
                continue;
            }

            var row = RowOf(view, sheet, id);
            var indicator = MethodFile.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == from);
            view.Text(sheet, "A" + row).ShouldBe(indicator.GetProperty("label").GetProperty(language).GetString(), id);
            view.Text(sheet, "C" + row).ShouldBe(indicator.TryGetProperty("unit", out var unit) ? unit.GetString() : null, id);
            var cell = view.Text(sheet, "B" + row);
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    view.Cell(sheet, "B" + row)!.DataType.ShouldBeNull(id);
                    double.Parse(cell!, CultureInfo.InvariantCulture).ShouldBe(value.GetDouble(), id);
                    break;
                case JsonValueKind.Object:
                    cell.ShouldBe(value.GetProperty(language).GetString(), id);
                    break;
                default:
                    cell.ShouldBe(value.GetString(), id);
                    break;
            }

            checkedResults++;
        }

        // The norm has 24 scalar results (numbers, grades, the decision and its localized label): none is left out.
        checkedResults.ShouldBe(24);
    }

    [Fact]
    public void Write_NormExample_SeriesByYearFromYearZero()
    {
        using var view = Open("fr");
        var sheet = ResultsSheet("fr");
        var benefits = Record.GetProperty("results").GetProperty("benefits").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var title = RowOf(view, sheet, "benefits");

        view.Text(sheet, "A" + title).ShouldBe("Bénéfices (EUR)");
        var columns = new[] { "B", "C", "D", "E" };
        benefits.Count.ShouldBe(columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            view.Text(sheet, columns[i] + (title + 1)).ShouldBe("Année " + i.ToString(CultureInfo.InvariantCulture));
            double.Parse(view.Text(sheet, columns[i] + (title + 2))!, CultureInfo.InvariantCulture).ShouldBe(benefits[i]);
        }

        view.Text(sheet, "F" + (title + 1)).ShouldBeNull();
    }

    [Fact]
    public void Write_NormExample_MapsByKeyWithTheItemsLabel()
    {
        using var view = Open("en");
        var sheet = ResultsSheet("en");
        var criticality = Record.GetProperty("results").GetProperty("riskCriticality");
        var risks = Record.GetProperty("inputs").GetProperty("risks").EnumerateArray().ToList();
        var row = RowOf(view, sheet, "riskCriticality") + 1;

        foreach (var entry in criticality.EnumerateObject())
        {
            var label = risks.Single(r => r.GetProperty("id").GetString() == entry.Name).GetProperty("label").GetString();
            view.Text(sheet, "A" + row).ShouldBe($"{entry.Name} — {label}");
            double.Parse(view.Text(sheet, "B" + row)!, CultureInfo.InvariantCulture).ShouldBe(entry.Value.GetDouble());
            row++;
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Write_NormExample_FindingsSheetHasEachFindingInTheLanguage(string language)
    {
        using var view = Open(language);
        var sheet = language == "en" ? "Findings" : "Constats";
        var findings = Record.GetProperty("findings").EnumerateArray().ToList();

        findings.Count.ShouldBe(1);
        view.Text(sheet, "B5").ShouldBe(findings[0].GetProperty("code").GetString());
        view.Text(sheet, "C5").ShouldBe(findings[0].GetProperty("message").GetProperty(language).GetString());
        view.Text(sheet, "D5").ShouldBe(findings[0].GetProperty("item").GetString());
        view.Text(sheet, "A5").ShouldBe(language == "en" ? "warning" : "avertissement");
        view.Text(sheet, "A6").ShouldBeNull();
    }

    [Fact]
    public void Write_NormExample_RecordSheetHasEveryHash()
    {
        using var view = Open("en");
        var values = Enumerable.Range(4, 5).Select(r => (view.Text("Record", "A" + r), view.Text("Record", "B" + r))).ToList();

        values.ShouldBe(
        [
            ("Method", "rse-value@1.0.0"),
            ("Method SHA-256", Record.GetProperty("method").GetProperty("sha256").GetString()),
            ("Inputs SHA-256", Record.GetProperty("inputsSha256").GetString()),
            ("Record SHA-256", Record.GetProperty("recordSha256").GetString()),
            ("Engine version", Record.GetProperty("engine").GetProperty("version").GetString()),
        ]);
        Record.GetProperty("method").GetProperty("sha256").GetString().ShouldBe(CanonicalJson.Sha256(JObject.Parse(File.ReadAllText(Path.Combine(Fixtures.NormDir, "method.json")))));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Write_NormExample_InputSheetsAreTheTemplateFilledAndReadBackToTheRecordsInputs(string language)
    {
        var bytes = Fixtures.RecordWorkbook(Fixtures.Norm, RecordText, language);
        var inputs = JObject.Parse(RecordText)["inputs"]!;

        var read = Fixtures.Read(Fixtures.Norm, bytes);

        read.Diagnostics.ShouldBeEmpty();
        CanonicalJson.Write(read.Document.ShouldNotBeNull()).ShouldBe(CanonicalJson.Write(inputs));
        using var record = new OpenedWorkbook(bytes);
        using var template = new OpenedWorkbook(Fixtures.Template(Fixtures.Norm, (JObject)inputs, language));
        record.SheetNames.Skip(3).ShouldBe(template.SheetNames);
    }

    [Fact]
    public void Write_NormExample_RecordSheetsAreProtectedWithoutAnInputCell()
    {
        using var view = Open("fr");

        foreach (var sheet in view.SheetNames.Take(3))
        {
            view.Worksheet(sheet).Elements<SheetProtection>().Single().Sheet!.Value.ShouldBeTrue(sheet);
            foreach (var cell in view.Worksheet(sheet).Descendants<Cell>())
            {
                view.IsLocked(sheet, cell.CellReference!).ShouldBeTrue($"{sheet}!{cell.CellReference}");
            }
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Write_NormAndLoanRecords_AreValidOpenXmlPackages(string language)
    {
        var loan = Fixtures.RecordText(Fixtures.LoanDir, "examples/delivery-van.json");
        foreach (var bytes in new[] { Fixtures.RecordWorkbook(Fixtures.Norm, RecordText, language), Fixtures.RecordWorkbook(Fixtures.Loan, loan, language) })
        {
            using var view = new OpenedWorkbook(bytes);
            new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(view.Document)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        }
    }

    [Fact]
    public void Write_LoanRecord_DecisionIsTheResultItsReportMemberNames()
    {
        var recordText = Fixtures.RecordText(Fixtures.LoanDir, "examples/delivery-van.json");
        using var method = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.LoanDir, "method.json")));
        using var record = JsonDocument.Parse(recordText);
        var decision = record.RootElement.GetProperty("results").GetProperty(method.RootElement.GetProperty("report").GetProperty("decision").GetString()!);

        using var view = new OpenedWorkbook(Fixtures.RecordWorkbook(Fixtures.Loan, recordText, "en"));

        view.Text("Results", "B2").ShouldBe("loan-vs-lease@1.0.0");
        view.Text("Results", "B4").ShouldBe(decision.ValueKind == JsonValueKind.Object ? decision.GetProperty("en").GetString() : decision.GetString());
        view.Text("Results", "B4").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Write_SameRecord_SameBytes()
    {
        Fixtures.RecordWorkbook(Fixtures.Norm, RecordText).SequenceEqual(Fixtures.RecordWorkbook(Fixtures.Norm, RecordText)).ShouldBeTrue();
    }

    /// <summary>The method file's results: id, and the indicator it exposes.</summary>
    private static IEnumerable<(string Id, string From)> DeclaredResults() =>
        MethodFile.GetProperty("results").EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String
            ? (r.GetString()!, r.GetString()!)
            : (r.GetProperty("id").GetString()!, r.GetProperty("from").GetString()!));

    /// <summary>The row whose id column (D) holds <paramref name="id"/>.</summary>
    private static int RowOf(OpenedWorkbook view, string sheet, string id) =>
        int.Parse(view.Find(sheet, id).Single(r => r.StartsWith('D'))[1..], CultureInfo.InvariantCulture);
}
