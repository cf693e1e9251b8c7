using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RseRules.Spreadsheets.Layout;
using RseRules.Spreadsheets.Writing;

namespace RseRules.Spreadsheets.Reading;

/// <summary>
/// An .xlsx package opened for reading within limits: the file's size, the bytes its parts inflate to (counted as they are
/// inflated, whatever the zip declares), the number of parts, then, while sheets are read, rows, cells and characters of
/// text. A file that breaks a limit, or that is not a spreadsheet package, gives a reason instead of an exception.
/// </summary>
internal sealed class WorkbookPackage : IDisposable
{
    private readonly MemoryStream bytes;
    private readonly SpreadsheetDocument document;
    private readonly WorkbookLimits limits;
    private readonly Dictionary<string, string> sheetIds;
    private List<string>? sharedStrings;
    private long cells;
    private long rows;
    private long characters;

    private WorkbookPackage(MemoryStream bytes, SpreadsheetDocument document, WorkbookLimits limits, Dictionary<string, string> sheetIds)
    {
        this.bytes = bytes;
        this.document = document;
        this.limits = limits;
        this.sheetIds = sheetIds;
    }

    /// <summary>The names of the workbook's sheets.</summary>
    public IReadOnlyCollection<string> SheetNames => sheetIds.Keys;

    /// <summary>Opens a package; null with the code and reason when it cannot be read.</summary>
    public static (WorkbookPackage? Package, bool TooLarge, string? Error) Open(Stream input, WorkbookLimits limits)
    {
        MemoryStream? bytes = null;
        SpreadsheetDocument? document = null;
        try
        {
            bytes = ReadBounded(input, limits.MaxBytes);
            if (bytes is null)
            {
                return (null, true, string.Create(CultureInfo.InvariantCulture, $"the file is larger than {limits.MaxBytes:N0} bytes."));
            }

            if (bytes.Length == 0)
            {
                return (null, false, "the file is empty.");
            }

            if (CheckZip(bytes, limits) is { } zipError)
            {
                return (null, zipError.TooLarge, zipError.Message);
            }

            bytes.Position = 0;
            document = SpreadsheetDocument.Open(bytes, false, new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes, AutoSave = false });
            var workbook = document.WorkbookPart?.Workbook;
            if (workbook is null)
            {
                document.Dispose();
                return (null, false, "it has no workbook part: it is not a spreadsheet.");
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var sheet in workbook.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Name?.Value is { } name && sheet.Id?.Value is { } id)
                {
                    ids.TryAdd(name, id);
                }
            }

            var package = new WorkbookPackage(bytes, document, limits, ids);
            bytes = null;
            document = null;
            return (package, false, null);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            return (null, false, Describe(ex));
        }
        finally
        {
            document?.Dispose();
            bytes?.Dispose();
        }
    }

    /// <summary>The exceptions a malformed package raises while it is opened or read (never a bug of ours: those still surface).</summary>
    public static bool IsMalformed(Exception ex) => ex is InvalidDataException or XmlException or OpenXmlPackageException or IOException
        or InvalidOperationException or ArgumentException or NotSupportedException or FormatException or KeyNotFoundException
        or UriFormatException or OverflowException or FileFormatException;

    public static string Describe(Exception ex)
    {
        var message = ex.Message.ReplaceLineEndings(" ");
        return "it is not a readable .xlsx package (" + (message.Length > 200 ? message[..197] + "..." : message) + ").";
    }

    /// <summary>The cells of a sheet by row and column; null when the workbook has no such worksheet.</summary>
    public Dictionary<(int Row, int Column), RawCell>? ReadSheet(string name, out string? tooLarge)
    {
        tooLarge = null;
        if (!sheetIds.TryGetValue(name, out var id) || document.WorkbookPart!.Parts.FirstOrDefault(p => p.RelationshipId == id).OpenXmlPart is not WorksheetPart part)
        {
            return null;
        }

        var strings = SharedStrings(out tooLarge);
        if (strings is null)
        {
            return null;
        }

        var result = new Dictionary<(int, int), RawCell>();
        using var reader = OpenXmlReader.Create(part);
        var row = 0;
        var column = 0;
        while (reader.Read())
        {
            if (!reader.IsStartElement)
            {
                continue;
            }

            if (reader.ElementType == typeof(Row))
            {
                if (++rows > limits.MaxRows)
                {
                    tooLarge = string.Create(CultureInfo.InvariantCulture, $"its sheets have more than {limits.MaxRows:N0} rows.");
                    return null;
                }

                var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                row = uint.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index is >= 1 and <= CellReferences.MaxRow ? (int)index : row + 1;
                column = 0;
            }
            else if (reader.ElementType == typeof(Cell))
            {
                if (++cells > limits.MaxCells)
                {
                    tooLarge = string.Create(CultureInfo.InvariantCulture, $"its sheets have more than {limits.MaxCells:N0} cells.");
                    return null;
                }

                var cell = (Cell)reader.LoadCurrentElement()!;
                if (CellReferences.TryParse(cell.CellReference?.Value, out var cellRow, out var cellColumn))
                {
                    (row, column) = (cellRow, cellColumn);
                }
                else
                {
                    column++;
                }

                var raw = Raw(cell, strings, out tooLarge);
                if (tooLarge is not null)
                {
                    return null;
                }

                result[(row, column)] = raw;
            }
        }

        return result;
    }

    private RawCell Raw(Cell cell, List<string> strings, out string? tooLarge)
    {
        tooLarge = null;
        var type = cell.DataType?.InnerText ?? "n";
        var formula = cell.CellFormula is not null;
        string? value;
        switch (type)
        {
            case "s":
                value = int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count ? strings[index] : null;
                if (value is null && cell.CellValue is not null)
                {
                    return new RawCell("e", "#REF! (no such shared string)", formula);
                }

                break;
            case "inlineStr":
                value = cell.InlineString is null ? cell.CellValue?.Text : ItemText(cell.InlineString);
                value = value is null ? null : CellText.Decode(value);
                break;
            case "str":
                value = cell.CellValue?.Text is { } s ? CellText.Decode(s) : null;
                break;
            default:
                value = cell.CellValue?.Text;
                break;
        }

        if (value is not null && value.Length > limits.MaxCellText)
        {
            tooLarge = string.Create(CultureInfo.InvariantCulture, $"a cell holds more than {limits.MaxCellText:N0} characters.");
        }
        else if (value is not null && type is not "s" && (characters += value.Length) > limits.MaxStringCharacters)
        {
            tooLarge = string.Create(CultureInfo.InvariantCulture, $"its cells hold more than {limits.MaxStringCharacters:N0} characters.");
        }

        return new RawCell(type, value, formula);
    }

    private List<string>? SharedStrings(out string? tooLarge)
    {
        tooLarge = null;
        if (sharedStrings is not null)
        {
            return sharedStrings;
        }

        var list = new List<string>();
        if (document.WorkbookPart!.SharedStringTablePart is { } part)
        {
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (!reader.IsStartElement || reader.ElementType != typeof(SharedStringItem))
                {
                    continue;
                }

                if (list.Count >= limits.MaxSharedStrings)
                {
                    tooLarge = string.Create(CultureInfo.InvariantCulture, $"its shared-strings table has more than {limits.MaxSharedStrings:N0} items.");
                    return null;
                }

                var text = ItemText((SharedStringItem)reader.LoadCurrentElement()!);
                if ((characters += text.Length) > limits.MaxStringCharacters || text.Length > limits.MaxCellText)
                {
                    tooLarge = string.Create(CultureInfo.InvariantCulture, $"its shared strings hold more than {limits.MaxStringCharacters:N0} characters, or one more than {limits.MaxCellText:N0}.");
                    return null;
                }

                list.Add(CellText.Decode(text));
            }
        }

        sharedStrings = list;
        return list;
    }

    /// <summary>The text of a shared-string item or inline string: its text, or its runs' texts (phonetic runs left out).</summary>
    private static string ItemText(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } text)
        {
            return text.Text;
        }

        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? string.Empty));
    }

    private static MemoryStream? ReadBounded(Stream input, long max)
    {
        if (input.CanSeek && input.Length - input.Position > max)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int n;
        while ((n = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max)
            {
                buffer.Dispose();
                return null;
            }
        }

        return buffer;
    }

    /// <summary>Checks the zip before anything parses it: the number of entries and the bytes they inflate to, counted as inflated.</summary>
    private static (bool TooLarge, string Message)? CheckZip(MemoryStream bytes, WorkbookLimits limits)
    {
        bytes.Position = 0;
        using var zip = new ZipArchive(bytes, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > limits.MaxEntries)
        {
            return (true, string.Create(CultureInfo.InvariantCulture, $"the package has {zip.Entries.Count:N0} parts; at most {limits.MaxEntries:N0} are read."));
        }

        if (zip.Entries.Count == 0)
        {
            return (false, "the package is an empty zip: it is not a spreadsheet.");
        }

        var total = 0L;
        var chunk = new byte[81_920];
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > limits.MaxUncompressedBytes - total)
            {
                return (true, string.Create(CultureInfo.InvariantCulture, $"its parts would inflate to more than {limits.MaxUncompressedBytes:N0} bytes."));
            }

            using var stream = entry.Open();
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                total += n;
                if (total > limits.MaxUncompressedBytes)
                {
                    return (true, string.Create(CultureInfo.InvariantCulture, $"its parts inflate to more than {limits.MaxUncompressedBytes:N0} bytes."));
                }
            }
        }

        return null;
    }

    public void Dispose()
    {
        document.Dispose();
        bytes.Dispose();
    }
}
