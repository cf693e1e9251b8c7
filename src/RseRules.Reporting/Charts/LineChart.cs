using System.Globalization;
using System.Text;

namespace RseRules.Reporting.Charts;

/// <summary>Draws <see cref="SvgCharts.Lines"/>.</summary>
internal static class LineChart
{
    private const double Margin = 12;
    private const double PlotHeight = 220;
    private const double MarkerLevelHeight = 15;
    private const double LegendRowHeight = 20;
    private const double LegendSample = 30;

    public static string Render(string title, IReadOnlyList<string> xLabels, IReadOnlyList<LineSeries> series, IReadOnlyList<ChartMarker> markers, Func<double, string> tickFormat)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabels);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(tickFormat);
        Guard.NoNullItems(xLabels, nameof(xLabels));
        Guard.NoNullItems(series, nameof(series));
        Guard.NoNullItems(markers, nameof(markers));
        foreach (var line in series)
        {
            ArgumentNullException.ThrowIfNull(line.Name, nameof(series));
            ArgumentNullException.ThrowIfNull(line.Values, nameof(series));
            if (line.Values.Count > xLabels.Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Series '{line.Name}' has {line.Values.Count} values for {xLabels.Count} x labels."), nameof(series));
            }
        }

        var finiteValues = series.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        if (xLabels.Count == 0 || finiteValues.Count == 0)
        {
            return NoDataChart.Render("lines-chart", title);
        }

        var width = ChartStyle.Width;
        var small = ChartStyle.SmallFontSize;
        var count = xLabels.Count;

        // The value axis always includes zero, so that no slope or gap is exaggerated.
        var ticks = NiceScale.Ticks(Math.Min(0, finiteValues.Min()), Math.Max(0, finiteValues.Max()));
        var tickTexts = ticks.Select(t => tickFormat(t) ?? string.Empty).ToList();
        var low = ticks[0];
        var high = ticks[^1];

        var plotLeft = Math.Ceiling(Margin + Math.Max(24, TextLayout.MaxWidth(tickTexts, small)) + 8);
        var lastLabelHalf = TextLayout.Width(xLabels[^1], small) / 2;
        var plotRight = Math.Floor(width - Margin - (count > 1 ? Math.Max(8, lastLabelHalf) : 0));
        var plotWidth = plotRight - plotLeft;
        double XAt(double index) => count == 1 ? plotLeft + (plotWidth / 2) : plotLeft + (index / (count - 1) * plotWidth);

        // Marker labels stack over the plot in as many levels as needed for them not to overlap.
        var shownMarkers = markers.Where(m => double.IsFinite(m.X) && m.X >= 0 && m.X <= count - 1).OrderBy(m => m.X).ToList();
        var markerPlacement = PlaceMarkers(shownMarkers, XAt, width);
        var levels = markerPlacement.Count == 0 ? 0 : markerPlacement.Max(p => p.Level) + 1;
        var plotTop = Margin + 6 + (levels * MarkerLevelHeight);
        var plotBottom = plotTop + PlotHeight;
        double YAt(double value) => plotTop + ((high - value) / (high - low) * PlotHeight);

        var legendItems = series.Select((s, i) => (Series: s, Index: i, Width: LegendSample + 8 + TextLayout.Width(s.Name, small) + 18)).ToList();
        var legendRows = FlowLayout.Rows(legendItems.Select(item => item.Width).ToList(), width - (2 * Margin));
        var legendTop = plotBottom + 40;
        var height = legendTop + (legendRows.Max() * LegendRowHeight) + 8 + Margin;

        var svg = SvgWriter.Begin("lines-chart", title, width, height);

        for (var i = 0; i < ticks.Count; i++)
        {
            var y = YAt(ticks[i]);
            svg.Start("line").Attr("class", "gridline").Attr("x1", plotLeft).Attr("y1", y).Attr("x2", plotRight).Attr("y2", y)
                .Attr("stroke", ChartStyle.Grid).Attr("stroke-width", 1).End();
            svg.TextLines("tick", [tickTexts[i]], plotLeft - 8, y + (small * 0.35), "end", 0, ChartStyle.MutedInk, fontSize: small);
        }

        svg.Start("line").Attr("class", "zero-line").Attr("x1", plotLeft).Attr("y1", YAt(0)).Attr("x2", plotRight).Attr("y2", YAt(0))
            .Attr("stroke", ChartStyle.Axis).Attr("stroke-width", 1.4).End();

        var labelStep = 1;
        if (count > 1)
        {
            var spacing = plotWidth / (count - 1);
            labelStep = Math.Max(1, (int)Math.Ceiling((TextLayout.MaxWidth(xLabels, small) + 8) / spacing));
        }

        for (var i = 0; i < count; i += labelStep)
        {
            svg.Start("line").Attr("class", "x-tick").Attr("x1", XAt(i)).Attr("y1", plotBottom).Attr("x2", XAt(i)).Attr("y2", plotBottom + 4)
                .Attr("stroke", ChartStyle.Axis).Attr("stroke-width", 1).End();
            svg.TextLines("x-label", [xLabels[i]], XAt(i), plotBottom + 17, "middle", 0, ChartStyle.MutedInk, fontSize: small);
        }

        foreach (var (marker, level, _, _) in markerPlacement)
        {
            var x = XAt(marker.X);
            svg.Start("line").Attr("class", "marker").Attr("x1", x).Attr("y1", MarkerBaseline(plotTop, level) + 3).Attr("x2", x).Attr("y2", plotBottom)
                .Attr("stroke", ChartStyle.Ink).Attr("stroke-width", 1.3).Attr("stroke-dasharray", ChartStyle.DotPattern).End();
        }

        foreach (var (marker, level, anchor, labelX) in markerPlacement)
        {
            svg.TextLines("marker-label", [marker.Label], labelX, MarkerBaseline(plotTop, level), anchor, 0, fontSize: small, halo: true);
        }

        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var color = ChartStyle.SeriesColors[s % ChartStyle.SeriesColors.Count];
            var path = new StringBuilder();
            var penDown = false;
            for (var i = 0; i < line.Values.Count; i++)
            {
                if (!double.IsFinite(line.Values[i]))
                {
                    penDown = false;
                    continue;
                }

                path.Append(path.Length == 0 ? string.Empty : " ").Append(penDown ? 'L' : 'M')
                    .Append(SvgWriter.Num(XAt(i))).Append(' ').Append(SvgWriter.Num(YAt(line.Values[i])));
                penDown = true;
            }

            svg.Start("path").Attr("class", "series").Attr("d", path.ToString()).Attr("fill", "none")
                .Attr("stroke", color).Attr("stroke-width", 2.2).Attr("stroke-linejoin", "round").Attr("stroke-linecap", "round");
            if (line.Dashed)
            {
                svg.Attr("stroke-dasharray", ChartStyle.DashPattern);
            }

            svg.End();
            for (var i = 0; i < line.Values.Count; i++)
            {
                if (double.IsFinite(line.Values[i]))
                {
                    Point(svg, "point", s, XAt(i), YAt(line.Values[i]), color);
                }
            }
        }

        var rowX = new double[legendRows.Max() + 1];
        for (var i = 0; i < legendItems.Count; i++)
        {
            var (item, index, itemWidth) = legendItems[i];
            var row = legendRows[i];
            var x = Margin + rowX[row];
            var y = legendTop + (row * LegendRowHeight);
            var color = ChartStyle.SeriesColors[index % ChartStyle.SeriesColors.Count];
            svg.Start("g").Attr("class", "legend-item");
            svg.Start("line").Attr("x1", x).Attr("y1", y).Attr("x2", x + LegendSample).Attr("y2", y)
                .Attr("stroke", color).Attr("stroke-width", 2.2);
            if (item.Dashed)
            {
                svg.Attr("stroke-dasharray", ChartStyle.DashPattern);
            }

            svg.End();
            Point(svg, "legend-point", index, x + (LegendSample / 2), y, color);
            svg.TextLines("legend-label", [item.Name], x + LegendSample + 8, y + (small * 0.35), "start", 0, fontSize: small);
            svg.End();
            rowX[row] += itemWidth;
        }

        return svg.Finish();
    }

    private static double MarkerBaseline(double plotTop, int level) => plotTop - 6 - (level * MarkerLevelHeight);

    /// <summary>Draws the point shape of series <paramref name="series"/>: circle, square, triangle or diamond.</summary>
    private static void Point(SvgWriter svg, string cssClass, int series, double x, double y, string color)
    {
        var shape = ChartStyle.PointShapes[series % ChartStyle.PointShapes.Count];
        switch (shape)
        {
            case "circle":
                svg.Start("circle").Attr("class", cssClass).Attr("cx", x).Attr("cy", y).Attr("r", 3.8);
                break;
            case "square":
                svg.Start("rect").Attr("class", cssClass).Attr("x", x - 3.5).Attr("y", y - 3.5).Attr("width", 7).Attr("height", 7);
                break;
            case "triangle":
                svg.Start("path").Attr("class", cssClass).Attr("d", $"M{SvgWriter.Num(x)} {SvgWriter.Num(y - 4.5)} L{SvgWriter.Num(x + 4.5)} {SvgWriter.Num(y + 3.5)} L{SvgWriter.Num(x - 4.5)} {SvgWriter.Num(y + 3.5)} Z");
                break;
            default:
                svg.Start("path").Attr("class", cssClass).Attr("d", $"M{SvgWriter.Num(x)} {SvgWriter.Num(y - 4.8)} L{SvgWriter.Num(x + 4.8)} {SvgWriter.Num(y)} L{SvgWriter.Num(x)} {SvgWriter.Num(y + 4.8)} L{SvgWriter.Num(x - 4.8)} {SvgWriter.Num(y)} Z");
                break;
        }

        svg.Attr("fill", color).Attr("stroke", ChartStyle.Paper).Attr("stroke-width", 1).End();
    }

    /// <summary>Assigns each marker label (sorted by x) the lowest level where it overlaps no other label.</summary>
    private static List<(ChartMarker Marker, int Level, string Anchor, double LabelX)> PlaceMarkers(IReadOnlyList<ChartMarker> markers, Func<double, double> xAt, double width)
    {
        var placed = new List<(ChartMarker Marker, int Level, string Anchor, double LabelX)>();
        var extents = new List<(int Level, double Left, double Right)>();
        foreach (var marker in markers)
        {
            var x = xAt(marker.X);
            var labelWidth = TextLayout.Width(marker.Label, ChartStyle.SmallFontSize);
            var (anchor, left) = x - (labelWidth / 2) < Margin ? ("start", x + 4)
                : x + (labelWidth / 2) > width - Margin ? ("end", x - 4 - labelWidth)
                : ("middle", x - (labelWidth / 2));
            var right = left + labelWidth;
            var level = 0;
            while (extents.Any(e => e.Level == level && left < e.Right + 6 && e.Left < right + 6))
            {
                level++;
            }

            extents.Add((level, left, right));
            var labelX = anchor switch { "start" => x + 4, "end" => x - 4, _ => x };
            placed.Add((marker, level, anchor, labelX));
        }

        return placed;
    }
}
