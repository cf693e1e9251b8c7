namespace RseRules.Reporting.Charts;

/// <summary>Draws <see cref="SvgCharts.Histogram"/>.</summary>
internal static class HistogramChart
{
    private const double Margin = 12;
    private const double PlotHeight = 180;
    private const double TickGap = 6;

    public static string Render(string title, IReadOnlyList<double> edges, IReadOnlyList<double> counts, Func<double, string> tickFormat, IReadOnlyList<ChartMarker> markers)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(tickFormat);
        ArgumentNullException.ThrowIfNull(markers);
        if (counts.Count == 0 && edges.Count == 0)
        {
            return NoDataChart.Render("histogram-chart", title);
        }

        if (edges.Count != counts.Count + 1)
        {
            throw new ArgumentException($"Expected {counts.Count + 1} edges, got {edges.Count}.", nameof(edges));
        }

        foreach (var e in edges)
        {
            Guard.Finite(e, nameof(edges));
        }

        var peak = counts.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        if (!(peak > 0))
        {
            return NoDataChart.Render("histogram-chart", title);
        }

        var lo = edges[0];
        var hi = edges[^1];
        var ticks = NiceScale.Ticks(lo, hi).Where(t => t >= lo - (1e-9 * Math.Abs(hi - lo)) && t <= hi + (1e-9 * Math.Abs(hi - lo))).ToList();
        var width = ChartStyle.Width;
        var top = markers.Count > 0 ? 28.0 : Margin;
        var plotLeft = Margin + 8;
        var plotRight = width - Margin - 8;
        var plotBottom = top + PlotHeight;
        var height = plotBottom + TickGap + ChartStyle.SmallFontSize + Margin;
        double XAt(double v) => hi > lo ? plotLeft + ((v - lo) / (hi - lo) * (plotRight - plotLeft)) : (plotLeft + plotRight) / 2;

        var svg = SvgWriter.Begin("histogram-chart", title, width, height);
        for (var i = 0; i < counts.Count; i++)
        {
            var count = double.IsFinite(counts[i]) ? Math.Max(0, counts[i]) : 0;
            var x0 = XAt(edges[i]);
            var x1 = hi > lo ? XAt(edges[i + 1]) : x0 + 24;
            if (hi <= lo)
            {
                x0 -= 12;
                x1 -= 12;
            }

            var barHeight = count / peak * PlotHeight;
            svg.Start("rect").Attr("class", "bin").Attr("x", x0).Attr("y", plotBottom - barHeight)
                .Attr("width", Math.Max(0, x1 - x0 - 1)).Attr("height", barHeight).Attr("fill", ChartStyle.Primary).End();
        }

        svg.Start("line").Attr("class", "axis").Attr("x1", plotLeft).Attr("y1", plotBottom).Attr("x2", plotRight).Attr("y2", plotBottom)
            .Attr("stroke", ChartStyle.Axis).Attr("stroke-width", 1).End();
        foreach (var t in ticks)
        {
            var x = XAt(t);
            svg.Start("line").Attr("class", "tick").Attr("x1", x).Attr("y1", plotBottom).Attr("x2", x).Attr("y2", plotBottom + 4)
                .Attr("stroke", ChartStyle.Axis).Attr("stroke-width", 1).End();
            svg.TextLines("tick-label", [tickFormat(t) ?? string.Empty], x, plotBottom + TickGap + ChartStyle.SmallFontSize, "middle", 0, ChartStyle.MutedInk, fontSize: ChartStyle.SmallFontSize);
        }

        foreach (var m in markers.Where(m => double.IsFinite(m.X) && m.X >= lo && m.X <= hi))
        {
            var x = XAt(m.X);
            svg.Start("line").Attr("class", "marker").Attr("x1", x).Attr("y1", top - 4).Attr("x2", x).Attr("y2", plotBottom)
                .Attr("stroke", ChartStyle.Ink).Attr("stroke-width", 1.2).Attr("stroke-dasharray", ChartStyle.DashPattern).End();
            svg.TextLines("marker-label", [m.Label], x, top - 9, "middle", 0, ChartStyle.Ink, fontSize: ChartStyle.SmallFontSize, halo: true);
        }

        return svg.Finish();
    }
}
