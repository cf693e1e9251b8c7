using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RseRules.Cli.Tests.TestSupport;

/// <summary>Workbooks read and edited with the Open XML SDK, as a spreadsheet application would, independently of rse's reader.</summary>
internal static class Workbooks
{
    /// <summary>Puts a text in the value cell of the row labelled <paramref name="label"/> (as a user typing it); returns the cell's reference.</summary>
    public static string SetText(string path, string sheetName, string label, string text)
    {
        using var document = SpreadsheetDocument.Open(path, true);
        var part = Part(document, sheetName);
        var labelCell = part.Worksheet.Descendants<Cell>().Single(c => CellText(document, c) == label);
        var row = labelCell.CellReference!.Value![1..];
        var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == "B" + row);
        cell.CellFormula = null;
        cell.DataType = CellValues.InlineString;
        cell.CellValue = null;
        cell.InlineString = new InlineString(new Text(text));
        part.Worksheet.Save();
        return "B" + row;
    }

    public static string? Text(SpreadsheetDocument document, string sheetName, string reference) =>
        Part(document, sheetName).Worksheet.Descendants<Cell>().Where(c => c.CellReference == reference).Select(c => CellText(document, c)).SingleOrDefault();

    public static WorksheetPart Part(SpreadsheetDocument document, string sheetName)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        return (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
    }

    public static string? CellText(SpreadsheetDocument document, Cell cell) => cell.DataType?.Value == CellValues.SharedString
        ? document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText
        : cell.CellValue?.Text;
}
