using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RseRules.Spreadsheets.Tests.Support;

/// <summary>A produced workbook opened with the Open XML SDK, independently of the library's own reader.</summary>
internal sealed class OpenedWorkbook : IDisposable
{
    private readonly MemoryStream stream;
    private readonly List<string> strings;

    public OpenedWorkbook(byte[] bytes)
    {
        stream = new MemoryStream(bytes);
        Document = SpreadsheetDocument.Open(stream, false);
        strings = Document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
    }

    public SpreadsheetDocument Document { get; }

    public Workbook Workbook => Document.WorkbookPart!.Workbook;

    public IReadOnlyList<Sheet> Sheets => Workbook.Sheets!.Elements<Sheet>().ToList();

    public IReadOnlyList<string> SheetNames => Sheets.Select(s => s.Name!.Value!).ToList();

    public Worksheet Worksheet(string name)
    {
        var sheet = Sheets.Single(s => s.Name == name);
        return ((WorksheetPart)Document.WorkbookPart!.GetPartById(sheet.Id!)).Worksheet;
    }

    public WorksheetPart Part(string name) => (WorksheetPart)Document.WorkbookPart!.GetPartById(Sheets.Single(s => s.Name == name).Id!);

    public Cell? Cell(string sheet, string reference) =>
        Worksheet(sheet).Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);

    /// <summary>What a cell shows (a shared string resolved), or null when it is absent or empty.</summary>
    public string? Text(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        if (cell?.CellValue is null)
        {
            return null;
        }

        return cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue.Text, CultureInfo.InvariantCulture)] : cell.CellValue.Text;
    }

    /// <summary>Every cell reference of a sheet whose text is <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Find(string sheet, string text) =>
        Worksheet(sheet).Descendants<Cell>().Where(c => Text(sheet, c.CellReference!) == text).Select(c => c.CellReference!.Value!).ToList();

    /// <summary>Whether sheet protection locks the cell (every cell is locked unless its format says otherwise).</summary>
    public bool IsLocked(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        var index = cell?.StyleIndex?.Value ?? 0;
        var format = Document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)index);
        return format.Protection?.Locked?.Value ?? true;
    }

    /// <summary>The data validation that covers a cell, if any.</summary>
    public DataValidation? Validation(string sheet, string reference)
    {
        CellReferences(reference, out var row, out var column);
        foreach (var v in Worksheet(sheet).Descendants<DataValidation>())
        {
            foreach (var range in v.SequenceOfReferences!.Items.Select(i => i.Value!))
            {
                var parts = range.Split(':');
                CellReferences(parts[0], out var r1, out var c1);
                var (r2, c2) = (r1, c1);
                if (parts.Length == 2)
                {
                    CellReferences(parts[1], out r2, out c2);
                }

                if (row >= r1 && row <= r2 && column >= c1 && column <= c2)
                {
                    return v;
                }
            }
        }

        return null;
    }

    /// <summary>The items of a drop-down list validation (its defined name resolved to the range's texts).</summary>
    public IReadOnlyList<string> ListItems(DataValidation validation)
    {
        var name = validation.Formula1!.Text;
        var range = Workbook.DefinedNames!.Elements<DefinedName>().Single(n => n.Name == name).Text;
        var bang = range.LastIndexOf('!');
        var sheet = range[..bang].Trim('\'').Replace("''", "'", StringComparison.Ordinal);
        var cells = range[(bang + 1)..].Replace("$", string.Empty, StringComparison.Ordinal).Split(':');
        CellReferences(cells[0], out var r1, out var c1);
        CellReferences(cells[^1], out var r2, out _);
        var items = new List<string>();
        for (var r = r1; r <= r2; r++)
        {
            if (Text(sheet, Spreadsheets.Layout.CellReferences.Format(r, c1)) is { } t)
            {
                items.Add(t);
            }
        }

        return items;
    }

    public string? Comment(string sheet, string reference) =>
        Part(sheet).WorksheetCommentsPart?.Comments.Descendants<Comment>().FirstOrDefault(c => c.Reference == reference)?.InnerText;

    private static void CellReferences(string reference, out int row, out int column) =>
        Spreadsheets.Layout.CellReferences.TryParse(reference, out row, out column).ShouldBeTrue(reference);

    public void Dispose()
    {
        Document.Dispose();
        stream.Dispose();
    }
}
