using System.Text;
using RseRules.Core.Json;

namespace RseRules.Spreadsheets.Layout;

/// <summary>
/// A method's input workbook as planned: its sheets and cells, and the tree that says which cell holds which value of the
/// document. Built from the method's declarations, a language and sizes alone, so that the reader rebuilds exactly the
/// layout the writer used from what the <c>_map</c> sheet records.
/// </summary>
internal sealed class WorkbookLayout
{
    public required IReadOnlyList<SheetPlan> Sheets { get; init; }

    /// <summary>The document: one field per top-level input.</summary>
    public required RecordNode Root { get; init; }

    /// <summary>Tables by the pointer of their collection (<c>/stakes</c>).</summary>
    public required IReadOnlyDictionary<string, TableLayout> Tables { get; init; }

    public required Sizes Sizes { get; init; }

    public required Texts Texts { get; init; }

    public required ListCatalog Lists { get; init; }

    /// <summary>Defined names (drop-down lists) and the ranges they stand for.</summary>
    public required IReadOnlyList<(string Name, string Formula)> Names { get; init; }

    /// <summary>The number of input cells.</summary>
    public required int InputCells { get; init; }

    /// <summary>The table of a top-level collection input, by its id.</summary>
    public TableLayout? TableOf(string collectionId) => Tables.GetValueOrDefault(JsonPointer.Append(string.Empty, collectionId));

    /// <summary><c>Sheet!C7</c>.</summary>
    public string Name(CellAddress at) => CellReferences.Name(Sheets[at.Sheet].Name, at.Row, at.Column);

    /// <summary>
    /// SHA-256 of every input cell's sheet, reference, role and pointer pattern: two layouts with the same fingerprint put the
    /// same values in the same cells. The <c>_map</c> sheet records it; a workbook whose layout the method no longer gives is refused.
    /// </summary>
    public string Fingerprint()
    {
        var sb = new StringBuilder();
        foreach (var sheet in Sheets.Where(s => !s.Hidden))
        {
            foreach (var (at, cell) in sheet.Ordered)
            {
                if (cell.Input is { } input)
                {
                    sb.Append(sheet.Name).Append('!').Append(CellReferences.Format(at.Row, at.Column)).Append('|')
                        .Append(input.Role).Append('|').Append(input.Kind).Append('|').Append(input.Pattern).Append('\n');
                }
            }
        }

        return CanonicalJson.Sha256(sb.ToString());
    }
}
