using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using RseRules.Spreadsheets.Tests.Support;

namespace RseRules.Spreadsheets.Tests;

/// <summary>The template as a spreadsheet application sees it, opened with the Open XML SDK: parts, sheets, cells, validations, protection.</summary>
public sealed class TemplateStructureTests
{
    private static byte[] NormExample(string language = "fr") =>
        Fixtures.Template(Fixtures.Norm, Fixtures.Document(Path.Combine(Fixtures.NormDir, "examples", "example.json")), language);

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void WriteTemplate_EveryMethod_IsAValidOpenXmlPackage(string language)
    {
        foreach (var method in new[] { Fixtures.Norm, Fixtures.Loan, Fixtures.AllTypes })
        {
            using var view = new OpenedWorkbook(Fixtures.Template(method, null, language));
            var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(view.Document)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            errors.ShouldBeEmpty(method.Reference);
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void WriteTemplate_Norm_ASheetPerSectionInDeclarationOrder(string language)
    {
        using var view = new OpenedWorkbook(NormExample(language));
        var sections = Inputs(Fixtures.NormDir).Where(i => i.GetProperty("type").GetString() is "record" or "collection")
            .Select(i => SheetName(Label(i, language))).ToList();

        view.SheetNames[0].ShouldBe(language == "en" ? "General" : "Général");
        sections.Count.ShouldBe(6);
        view.SheetNames.Where(sections.Contains).ShouldBe(sections);
        view.SheetNames.TakeLast(2).ShouldBe(["_lists", "_map"]);
        view.Sheets.Where(s => s.State?.Value == SheetStateValues.Hidden).Select(s => s.Name!.Value).ShouldBe(["_lists", "_map"]);
        view.Workbook.GetFirstChild<WorkbookProtection>()!.LockStructure!.Value.ShouldBeTrue();
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void WriteTemplate_Norm_EachScalarInputHasItsLabelUnitAndAnUnlockedValueCell(string language)
    {
        using var view = new OpenedWorkbook(NormExample(language));
        var sheet = view.SheetNames[0];
        var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.NormDir, "examples", "example.json"))).RootElement;
        var scalars = Inputs(Fixtures.NormDir).Where(i => i.GetProperty("type").GetString() is "number" or "integer").ToList();

        scalars.Count.ShouldBe(8);
        foreach (var input in scalars)
        {
            var id = input.GetProperty("id").GetString()!;
            var label = view.Find(sheet, Label(input, language)).Single();
            label.ShouldStartWith("A");
            var row = label[1..];
            view.Text(sheet, "C" + row).ShouldBe(input.GetProperty("unit").GetString(), id);
            double.Parse(view.Text(sheet, "B" + row)!, CultureInfo.InvariantCulture).ShouldBe(example.GetProperty(id).GetDouble(), id);
            view.IsLocked(sheet, "A" + row).ShouldBeTrue(id);
            view.IsLocked(sheet, "C" + row).ShouldBeTrue(id);
            view.IsLocked(sheet, "B" + row).ShouldBeFalse(id);
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void WriteTemplate_Loan_EnumIsADropDownOfItsLabels(string language)
    {
        using var view = new OpenedWorkbook(Fixtures.Template(Fixtures.Loan, null, language));
        var sheet = view.SheetNames[0];
        var preference = Inputs(Fixtures.LoanDir).Single(i => i.GetProperty("id").GetString() == "preference");
        var row = view.Find(sheet, Label(preference, language)).Single()[1..];

        var validation = view.Validation(sheet, "B" + row).ShouldNotBeNull();

        validation.Type!.Value.ShouldBe(DataValidationValues.List);
        view.ListItems(validation).ShouldBe(preference.GetProperty("values").EnumerateArray().Select(v => Label(v, language)).ToList());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void WriteTemplate_Norm_ScaleColumnsAreDropDownsOfTheirLevels(string language)
    {
        using var view = new OpenedWorkbook(NormExample(language));
        var risks = Inputs(Fixtures.NormDir).Single(i => i.GetProperty("id").GetString() == "risks");
        var sheet = SheetName(Label(risks, language));
        var scales = MethodFile(Fixtures.NormDir).GetProperty("scales");

        foreach (var field in risks.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("type").GetString() == "scale"))
        {
            var header = view.Find(sheet, Label(field, language)).Single();
            header.ShouldEndWith("4");
            var column = header[..^1];
            var scale = scales.GetProperty(field.GetProperty("scale").GetString()!);
            var levels = Enumerable.Range(scale.GetProperty("min").GetInt32(), scale.GetProperty("max").GetInt32() - scale.GetProperty("min").GetInt32() + 1)
                .Select(l => $"{l} — {scale.GetProperty("levels").GetProperty(l.ToString(CultureInfo.InvariantCulture)).GetProperty(language).GetString()}").ToList();

            // The first row and the last of the table's rows offer the same list.
            foreach (var row in new[] { 5, 104 })
            {
                var validation = view.Validation(sheet, column + row).ShouldNotBeNull();
                validation.Type!.Value.ShouldBe(DataValidationValues.List);
                view.ListItems(validation).ShouldBe(levels);
            }
        }
    }

    [Fact]
    public void WriteTemplate_LoanPrefilled_SeriesHasAColumnPerYear()
    {
        var example = Fixtures.Document(Path.Combine(Fixtures.LoanDir, "examples", "delivery-van.json"));
        using var view = new OpenedWorkbook(Fixtures.Template(Fixtures.Loan, example));
        var payments = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.LoanDir, "examples", "delivery-van.json"))).RootElement
            .GetProperty("leasePayments").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var series = Inputs(Fixtures.LoanDir).Single(i => i.GetProperty("id").GetString() == "leasePayments");
        var row = int.Parse(view.Find("Général", $"{Label(series, "fr")} (EUR)").Single()[1..], CultureInfo.InvariantCulture);
        string[] columns = ["B", "C", "D", "E", "F"];

        payments.Count.ShouldBe(columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            view.Text("Général", columns[i] + row).ShouldBe($"Année {i + 1}");
            double.Parse(view.Text("Général", columns[i] + (row + 1))!, CultureInfo.InvariantCulture).ShouldBe(payments[i]);
            view.IsLocked("Général", columns[i] + (row + 1)).ShouldBeFalse();
        }

        view.Text("Général", "G" + row).ShouldBeNull();
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void WriteTemplate_Loan_DescriptionIsACommentOnTheLabel(string language)
    {
        using var view = new OpenedWorkbook(Fixtures.Template(Fixtures.Loan, null, language));
        var sheet = view.SheetNames[0];
        var described = Inputs(Fixtures.LoanDir).Where(i => i.TryGetProperty("description", out _)).ToList();

        described.ShouldNotBeEmpty();
        foreach (var input in described)
        {
            var label = view.Find(sheet, Label(input, language)).Single();
            view.Comment(sheet, label).ShouldBe(input.GetProperty("description").GetProperty(language).GetString());
        }
    }

    [Fact]
    public void WriteTemplate_Norm_EveryVisibleSheetIsProtectedAndOnlyInputCellsAreUnlocked()
    {
        using var view = new OpenedWorkbook(NormExample());
        var visible = view.Sheets.Where(s => s.State is null).Select(s => s.Name!.Value!).ToList();

        foreach (var sheet in visible)
        {
            view.Worksheet(sheet).Elements<SheetProtection>().Single().Sheet!.Value.ShouldBeTrue(sheet);
            // Titles, instructions and table headers (rows 1 to 4) are locked; so is every cell holding a label, unit or header.
            foreach (var cell in view.Worksheet(sheet).Descendants<Cell>().Where(c => RowOf(c.CellReference!) <= 4))
            {
                view.IsLocked(sheet, cell.CellReference!).ShouldBeTrue($"{sheet}!{cell.CellReference}");
            }
        }

        var unlocked = visible.Sum(s => view.Worksheet(s).Descendants<Cell>().Count(c => !view.IsLocked(s, c.CellReference!)));
        unlocked.ShouldBeGreaterThan(100);
    }

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private static int RowOf(string reference) => int.Parse(reference.AsSpan(reference.IndexOfAny(Digits)), CultureInfo.InvariantCulture);

    private static JsonElement MethodFile(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "method.json"))).RootElement;

    private static List<JsonElement> Inputs(string dir) => [.. MethodFile(dir).GetProperty("inputs").EnumerateArray()];

    private static string Label(JsonElement declaration, string language) => declaration.GetProperty("label").GetProperty(language).GetString()!;

    /// <summary>A sheet name as Excel allows it: at most 31 characters (a longer label cut to 30 and an ellipsis).</summary>
    private static string SheetName(string label) => label.Length <= 31 ? label : label[..30] + "…";
}
