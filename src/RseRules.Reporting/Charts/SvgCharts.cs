namespace RseRules.Reporting.Charts;

/// <summary>
/// Generic inline-SVG charts for printed reports. Each method returns one <c>&lt;svg&gt;</c> element with
/// <c>xmlns</c>, a viewBox, <c>width="100%"</c> and no fixed pixel size, <c>role="img"</c>, an <c>aria-label</c>
/// and a <c>&lt;title&gt;</c> carrying the chart's title (the title is not drawn: the report's figure caption is).
/// </summary>
/// <remarks>
/// <para>
/// Output is deterministic: the same inputs give the same string whatever the current culture; every number
/// written into the SVG is invariant and rounded to 2 decimals; elements come in a fixed order and carry no id.
/// </para>
/// <para>
/// Charts read in black and white: tones are dark blue and grey of distinct lightness, every fill has a text
/// label or value beside it, lines differ by dash and point shape, not by colour alone. Texts are XML-escaped.
/// Texts that labels or values print are the caller's, already formatted; a chart formats numbers itself only
/// for axis ticks (through the caller's tick format), heat-map cells and threshold labels (an integer when the
/// value is whole at one decimal, else one decimal, invariant).
/// </para>
/// <para>
/// Lists that do not match (counts, indexes) throw <see cref="ArgumentException"/>; an empty chart (no label,
/// row or column, no finite value) is a valid SVG saying "No data". Drawn elements carry a <c>class</c> naming
/// what they are (<c>bar</c>, <c>cell</c>, <c>point</c>, <c>item</c>, …) for styling and tests.
/// </para>
/// </remarks>
public static class SvgCharts
{
    /// <summary>
    /// A horizontal bar chart: one bar (<c>class="bar"</c>) per label over a light track (<c>class="track"</c>)
    /// that stands for <paramref name="max"/>, each bar's value text printed at its end.
    /// </summary>
    /// <param name="title">The chart's accessible title.</param>
    /// <param name="labels">One label per bar, top to bottom; long labels wrap over up to 3 lines.</param>
    /// <param name="values">The bar values; clamped to [0, <paramref name="max"/>], a non-finite value draws no bar.</param>
    /// <param name="valueTexts">The formatted value printed at each bar's end.</param>
    /// <param name="max">The value of a full-length bar, finite and greater than 0.</param>
    /// <param name="thresholds">
    /// Values drawn as vertical dashed lines (<c>class="threshold"</c>) labelled with their value;
    /// those outside [0, <paramref name="max"/>] or not finite are skipped.
    /// </param>
    /// <returns>The <c>&lt;svg&gt;</c> markup.</returns>
    public static string Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values, IReadOnlyList<string> valueTexts, double max, IReadOnlyList<double>? thresholds = null) =>
        BarChart.Render(title, labels, values, valueTexts, max, thresholds);

    /// <summary>
    /// A grid of cells (<c>class="cell"</c>, with <c>data-row</c> and <c>data-column</c>) shaded light to dark by
    /// value, each showing its value (white text on dark cells). Column labels wrap over up to 3 lines, or are
    /// rotated by 45° when they do not fit their column.
    /// </summary>
    /// <param name="title">The chart's accessible title.</param>
    /// <param name="rowLabels">One label per row, top to bottom.</param>
    /// <param name="columnLabels">One label per column, left to right.</param>
    /// <param name="values">
    /// <c>values[row][column]</c>; a non-finite value leaves a white cell showing an en dash.
    /// </param>
    /// <param name="min">The value of the lightest shade (values below are clamped).</param>
    /// <param name="max">The value of the darkest shade, not less than <paramref name="min"/>; when equal, every cell is lightest.</param>
    /// <param name="highlightedRows">
    /// Per row, whether it is highlighted: bold label, a check mark (<c>class="highlight-marker"</c>) and a thick
    /// border around the row (<c>class="highlight"</c>). None when null.
    /// </param>
    /// <returns>The <c>&lt;svg&gt;</c> markup.</returns>
    public static string HeatMap(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, IReadOnlyList<IReadOnlyList<double>> values, double min, double max, IReadOnlyList<bool>? highlightedRows = null) =>
        HeatMapChart.Render(title, rowLabels, columnLabels, values, min, max, highlightedRows);

    /// <summary>
    /// A line chart: one line (<c>class="series"</c>) per series with a point (<c>class="point"</c>) per finite value,
    /// each series with its own point shape, 4 to 6 round y ticks over a range that always includes zero, a zero line
    /// (<c>class="zero-line"</c>), a legend, and vertical dotted marker lines (<c>class="marker"</c>) with their label.
    /// </summary>
    /// <param name="title">The chart's accessible title.</param>
    /// <param name="xLabels">The x positions' labels, evenly spaced; when they are too many to fit, every k-th one is printed.</param>
    /// <param name="series">The lines, none longer than <paramref name="xLabels"/>.</param>
    /// <param name="markers">
    /// Vertical markers at fractional x indexes; a marker outside [0, count − 1] or not finite is skipped, not clamped.
    /// </param>
    /// <param name="tickFormat">Formats a y tick value for display.</param>
    /// <returns>The <c>&lt;svg&gt;</c> markup.</returns>
    public static string Lines(string title, IReadOnlyList<string> xLabels, IReadOnlyList<LineSeries> series, IReadOnlyList<ChartMarker> markers, Func<double, string> tickFormat) =>
        LineChart.Render(title, xLabels, series, markers, tickFormat);

    /// <summary>
    /// A matrix whose cells (<c>class="cell"</c>, with <c>data-row</c>, <c>data-column</c> and <c>data-band</c>) are
    /// shaded by band, lightest for band 0, with a legend naming each band, and items drawn as labelled badges
    /// (<c>class="item"</c>) in their cell, laid out in rows that wrap so that they never overlap. Row 0 is the bottom row.
    /// </summary>
    /// <param name="title">The chart's accessible title.</param>
    /// <param name="rowLabels">One label per row, row 0 first (drawn at the bottom).</param>
    /// <param name="columnLabels">One label per column, left to right.</param>
    /// <param name="cellBand"><c>cellBand[row][column]</c>: the band index of each cell, in [0, bandLabels.Count − 1].</param>
    /// <param name="bandLabels">The name of each band, lightest first.</param>
    /// <param name="items">The items to place, drawn in the order given within a cell.</param>
    /// <param name="rowAxisTitle">The title of the vertical (row) axis.</param>
    /// <param name="columnAxisTitle">The title of the horizontal (column) axis.</param>
    /// <returns>The <c>&lt;svg&gt;</c> markup.</returns>
    public static string Matrix(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, IReadOnlyList<IReadOnlyList<int>> cellBand, IReadOnlyList<string> bandLabels, IReadOnlyList<MatrixItem> items, string rowAxisTitle, string columnAxisTitle) =>
        MatrixChart.Render(title, rowLabels, columnLabels, cellBand, bandLabels, items, rowAxisTitle, columnAxisTitle);

    /// <summary>
    /// A histogram: one bar (<c>class="bin"</c>) per bin, its height proportional to its count (the tallest bin is full
    /// height), 4 to 6 round value ticks (<c>class="tick"</c>) on the horizontal axis within the bins' range, and vertical
    /// dashed markers (<c>class="marker"</c>) at values with their label (e.g. zero, the median). Bins without any count give
    /// the "No data" chart.
    /// </summary>
    /// <param name="title">The chart's accessible title.</param>
    /// <param name="edges">The bin edges, ascending and finite: one more than <paramref name="counts"/>.</param>
    /// <param name="counts">How many values fell in each bin; a non-finite or negative count draws no bar.</param>
    /// <param name="tickFormat">Formats a tick value for display.</param>
    /// <param name="markers">Markers at values on the horizontal axis (<see cref="ChartMarker.X"/> is a value here, not an index); those outside the edges are skipped.</param>
    /// <returns>The <c>&lt;svg&gt;</c> markup.</returns>
    public static string Histogram(string title, IReadOnlyList<double> edges, IReadOnlyList<double> counts, Func<double, string> tickFormat, IReadOnlyList<ChartMarker>? markers = null) =>
        HistogramChart.Render(title, edges, counts, tickFormat, markers ?? []);

    /// <summary>
    /// A radar chart: one axis per label (the first pointing up, then clockwise), grid rings (<c>class="grid-ring"</c>)
    /// at 25, 50, 75 and 100 % of <paramref name="max"/>, and the values' polygon (<c>class="area"</c>) with a point
    /// (<c>class="point"</c>) and its value text on each axis. Fewer than 3 axes give the "No data" chart.
    /// </summary>
    /// <param name="title">The chart's accessible title.</param>
    /// <param name="axes">The axis labels; long labels wrap over up to 3 lines.</param>
    /// <param name="values">One value per axis, clamped to [0, <paramref name="max"/>]; a non-finite value is drawn at 0.</param>
    /// <param name="max">The value at the outer ring, finite and greater than 0.</param>
    /// <param name="valueTexts">The formatted value printed beside each point.</param>
    /// <returns>The <c>&lt;svg&gt;</c> markup.</returns>
    public static string Radar(string title, IReadOnlyList<string> axes, IReadOnlyList<double> values, double max, IReadOnlyList<string> valueTexts) =>
        RadarChart.Render(title, axes, values, max, valueTexts);

    /// <summary>
    /// Horizontal bars from a base line to values either side of it: a tornado (per row, the result at an input's minimum
    /// and at its maximum around the base case: two ends, two tones named by <paramref name="endNames"/>) or signed
    /// values (one end per row, the base line at zero).
    /// </summary>
    /// <param name="title">The chart's title (its accessible name).</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="ends">Per row, the values the bars run to from the base line (NaN: no bar).</param>
    /// <param name="baseline">Where the bars start.</param>
    /// <param name="baselineLabel">What the base line is (printed under it, e.g. "Base case: -206 k€"; empty: no label).</param>
    /// <param name="endNames">The name of each end (a legend when there are two or more).</param>
    /// <param name="valueTexts">Per row, a text printed at the right of its bars (may be empty).</param>
    /// <param name="tickFormat">Formats the axis ticks.</param>
    public static string Spans(string title, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<double>> ends, double baseline, string baselineLabel,
        IReadOnlyList<string> endNames, IReadOnlyList<string> valueTexts, Func<double, string> tickFormat) =>
        SpanChart.Render(title, labels, ends, baseline, baselineLabel, endNames, valueTexts, tickFormat);
}
