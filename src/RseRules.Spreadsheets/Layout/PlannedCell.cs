using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>What a cell holds when written.</summary>
internal enum CellContent
{
    /// <summary>Nothing (a styled empty cell).</summary>
    Empty,

    /// <summary>A text.</summary>
    Text,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A formula with its cached text value.</summary>
    Formula,
}

/// <summary>An input cell: what it holds and the JSON pointer (pattern) it maps to, for validation and the <c>_map</c> sheet.</summary>
/// <param name="Kind">How the value is written and read.</param>
/// <param name="Type">The declared type of the value (bounds, values, scale, ref).</param>
/// <param name="Role">Value, distribution member, or map key.</param>
/// <param name="Pattern">The JSON pointer, with <c>{item}</c> for a table row's item index and <c>{key}</c> for a map key.</param>
/// <param name="Declaration">The declaration, for the input message (description, unit, default).</param>
internal sealed record InputSpec(ValueKind Kind, TypeSpec Type, CellRole Role, string Pattern, Declaration? Declaration)
{
    /// <summary>The defined name of the drop-down list of the cell's choices, if any.</summary>
    public string? List { get; init; }
}

/// <summary>A formula cell that shows the key (or label) of row <paramref name="Row"/> of a collection's table, resolved once every table is laid out.</summary>
internal sealed record KeyReference(string Collection, int Row, bool Label);

/// <summary>One cell of a planned sheet.</summary>
internal sealed class PlannedCell
{
    public CellContent Content { get; set; }

    public string? Text { get; set; }

    public double Number { get; set; }

    public string? Formula { get; set; }

    public CellStyle Style { get; set; } = CellStyle.Default;

    /// <summary>A note (cell comment) shown on hover: a declaration's description.</summary>
    public string? Comment { get; set; }

    /// <summary>The sheet a hyperlink on this cell leads to.</summary>
    public string? LinkToSheet { get; set; }

    public InputSpec? Input { get; set; }

    public KeyReference? Reference { get; set; }

    /// <summary>For a resolved <see cref="Reference"/>: the cell the formula shows (its cached value is that cell's).</summary>
    public (SheetPlan Sheet, int Row, int Column)? Source { get; set; }

    public void SetText(string? text)
    {
        Content = string.IsNullOrEmpty(text) ? CellContent.Empty : CellContent.Text;
        Text = text;
    }

    public void SetNumber(double value)
    {
        Content = CellContent.Number;
        Number = value;
    }
}
