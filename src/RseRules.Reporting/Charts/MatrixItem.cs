namespace RseRules.Reporting.Charts;

/// <summary>An item placed in one cell of a <see cref="SvgCharts.Matrix"/> chart.</summary>
/// <param name="Row">The row index, 0 being the bottom row.</param>
/// <param name="Column">The column index, 0 being the leftmost column.</param>
/// <param name="Text">
/// The short text printed in the item's badge (a code such as "R1" reads best); a text too wide for the cell
/// is shortened with an ellipsis and kept whole in the badge's tooltip.
/// </param>
public sealed record MatrixItem(int Row, int Column, string Text);
