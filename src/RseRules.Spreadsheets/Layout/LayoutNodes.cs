using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>
/// Where a value of the input document sits in the workbook. The tree mirrors the method's input declarations; the writer
/// walks it with the prefill document, the reader with the cells, so both agree by construction.
/// </summary>
internal abstract class LayoutNode;

/// <summary>One value in one cell (and, for an uncertain number, the four cells of its distribution).</summary>
internal sealed class ScalarNode(ValueKind kind, TypeSpec type, CellAddress value, IReadOnlyList<CellAddress>? uncertainty) : LayoutNode
{
    public ValueKind Kind { get; } = kind;

    public TypeSpec Type { get; } = type;

    public CellAddress Value { get; } = value;

    /// <summary>Distribution, min, mode and max cells, or null when the value may not be a distribution.</summary>
    public IReadOnlyList<CellAddress>? Uncertainty { get; } = uncertainty;
}

/// <summary>A series (one cell per year) or a list of scalars (one cell per element).</summary>
internal sealed class VectorNode(bool isSeries, IReadOnlyList<ScalarNode> elements) : LayoutNode
{
    public bool IsSeries { get; } = isSeries;

    public IReadOnlyList<ScalarNode> Elements { get; } = elements;
}

/// <summary>A declared field and where its value sits.</summary>
internal sealed record FieldNode(Declaration Declaration, LayoutNode Node);

/// <summary>A record (or the document, or a collection's item): its fields.</summary>
internal sealed class RecordNode(IReadOnlyList<FieldNode> fields, CellAddress? anchor) : LayoutNode
{
    public IReadOnlyList<FieldNode> Fields { get; } = fields;

    /// <summary>The cell that stands for the record itself (its title row, or its table row's first cell).</summary>
    public CellAddress? Anchor { get; } = anchor;
}

/// <summary>A collection laid out as a table.</summary>
internal sealed class CollectionNode(TableLayout table) : LayoutNode
{
    public TableLayout Table { get; } = table;
}

/// <summary>A map keyed by a collection: one cell per row of that collection's table (a column of a matrix, a row of a list).</summary>
internal sealed class KeyedMapNode(string collection, IReadOnlyList<ScalarNode> cells, CellAddress anchor) : LayoutNode
{
    /// <summary>The id of the collection input whose keys are the map's keys.</summary>
    public string Collection { get; } = collection;

    /// <summary>The cell of the key in row <c>j</c> of the collection's table is <c>Cells[j]</c>.</summary>
    public IReadOnlyList<ScalarNode> Cells { get; } = cells;

    public CellAddress Anchor { get; } = anchor;
}

/// <summary>A map keyed by free text or integers: rows of a key cell and a value.</summary>
internal sealed class FreeMapNode(IReadOnlyList<(ScalarNode Key, ScalarNode Value)> rows, CellAddress anchor) : LayoutNode
{
    public IReadOnlyList<(ScalarNode Key, ScalarNode Value)> Rows { get; } = rows;

    public CellAddress Anchor { get; } = anchor;
}

/// <summary>A collection's table: one row per item.</summary>
internal sealed class TableLayout(Declaration declaration, string pointer, int sheet, CellAddress header, IReadOnlyList<RecordNode> rows, int firstRow, int? keyColumn, int? labelColumn)
{
    public Declaration Declaration { get; } = declaration;

    /// <summary>The collection's pointer in the document (tables are laid out only for collections outside any other collection).</summary>
    public string Pointer { get; } = pointer;

    public int Sheet { get; } = sheet;

    /// <summary>The table's first header cell.</summary>
    public CellAddress Header { get; } = header;

    /// <summary>The provisioned rows, in order.</summary>
    public IReadOnlyList<RecordNode> Rows { get; } = rows;

    public int FirstRow { get; } = firstRow;

    /// <summary>The column of the key field, when the collection has one laid out in a column.</summary>
    public int? KeyColumn { get; } = keyColumn;

    /// <summary>The column of the field that names an item (<c>label</c>, <c>name</c>, else the first other text), if any.</summary>
    public int? LabelColumn { get; } = labelColumn;
}
