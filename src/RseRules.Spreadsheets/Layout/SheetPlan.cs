namespace RseRules.Spreadsheets.Layout;

/// <summary>A sheet as planned: its name, its cells by row and column, widths, frozen header rows, visibility.</summary>
internal sealed class SheetPlan(string name)
{
    private readonly SortedDictionary<(int Row, int Column), PlannedCell> cells = [];

    public string Name { get; } = name;

    public bool Hidden { get; init; }

    /// <summary>Rows kept in view when scrolling (a table's title and header).</summary>
    public int FrozenRows { get; set; }

    /// <summary>Columns kept in view when scrolling (a matrix's row keys).</summary>
    public int FrozenColumns { get; set; }

    public SortedDictionary<int, double> Widths { get; } = [];

    public IReadOnlyDictionary<(int Row, int Column), PlannedCell> Cells => cells;

    public IEnumerable<((int Row, int Column) At, PlannedCell Cell)> Ordered => cells.Select(kv => (kv.Key, kv.Value));

    public PlannedCell At(int row, int column)
    {
        if (!cells.TryGetValue((row, column), out var cell))
        {
            cell = new PlannedCell();
            cells[(row, column)] = cell;
        }

        return cell;
    }

    public PlannedCell? Find(int row, int column) => cells.GetValueOrDefault((row, column));

    public PlannedCell Text(int row, int column, string? text, CellStyle? style = null)
    {
        var cell = At(row, column);
        cell.SetText(text);
        cell.Style = style ?? CellStyle.Default;
        return cell;
    }

    public void Width(int column, double width)
    {
        if (!Widths.TryGetValue(column, out var w) || w < width)
        {
            Widths[column] = width;
        }
    }
}
