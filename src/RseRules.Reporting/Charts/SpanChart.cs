namespace RseRules.Reporting.Charts;

/// <summary>
/// Draws <see cref="SvgCharts.Spans"/>: horizontal bars that run from a base line to a value, either side of it — a
/// tornado (each input's result at its minimum and at its maximum, around the base case) or signed values (bars from
/// zero, negative ones to the left). A shared value axis with ticks, the base line drawn over the bars and labelled.
/// </summary>
internal static class SpanChart
{
    private const double Margin = 12;
    private const double LabelGap = 8;
    private const double BarHeight = 14;
    private const double LineHeight = 14;
    private const double AxisHeight = 22;
    private const double LegendHeight = 22;

    public static string Render(string title, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<double>> ends, double baseline, string baselineLabel,
        IReadOnlyList<string> endNames, IReadOnlyList<string> valueTexts, Func<double, string> tickFormat)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(baselineLabel);
        ArgumentNullException.ThrowIfNull(endNames);
        ArgumentNullException.ThrowIfNull(valueTexts);
        ArgumentNullException.ThrowIfNull(tickFormat);
        Guard.SameCount(labels, ends, nameof(ends));
        Guard.SameCount(labels, valueTexts, nameof(valueTexts));
        Guard.NoNullItems(labels, nameof(labels));
        var values = ends.SelectMany(e => e).Append(baseline).Where(double.IsFinite).ToList();
        if (labels.Count == 0 || values.Count == 0)
        {
            return NoDataChart.Render("spans-chart", title);
        }

        var width = ChartStyle.Width;
        var fontSize = ChartStyle.FontSize;
        var small = ChartStyle.SmallFontSize;
        var wrapped = labels.Select(l => TextLayout.Wrap(l, (width * 0.34) - LabelGap, fontSize, 3)).ToList();
        var labelColumn = Math.Ceiling(Math.Max(40, wrapped.Max(lines => TextLayout.MaxWidth(lines, fontSize))) + LabelGap);
        var ticks = NiceScale.Ticks(values.Min(), values.Max());
        var (min, max) = (Math.Min(ticks[0], values.Min()), Math.Max(ticks[^1], values.Max()));
        if (max <= min)
        {
            max = min + 1;
        }

        // The values' texts get a column of their own at the right, so that they never run over bars or labels.
        var valueColumn = valueTexts.Any(t => t.Length > 0) ? Math.Ceiling(TextLayout.MaxWidth(valueTexts, small) + LabelGap) : 0;
        var plotLeft = Margin + labelColumn;
        var plotWidth = width - Margin - valueColumn - plotLeft;
        double XAt(double v) => plotLeft + ((v - min) / (max - min) * plotWidth);
        var legend = endNames.Count > 1;
        var top = Margin + (legend ? LegendHeight : 0);
        var rowHeights = wrapped.Select(lines => Math.Max(28, (lines.Count * LineHeight) + 10)).ToList();
        var plotBottom = top + rowHeights.Sum();
        var height = plotBottom + AxisHeight + (baselineLabel.Length > 0 ? small : 0) + Margin;

        var svg = SvgWriter.Begin("spans-chart", title, width, height);
        if (legend)
        {
            var x = plotLeft;
            for (var k = 0; k < endNames.Count; k++)
            {
                svg.Start("rect").Attr("x", x).Attr("y", Margin).Attr("width", 12).Attr("height", 10).Attr("fill", Tone(k)).End();
                svg.TextLines("legend-label", [endNames[k]], x + 16, Margin + 9, "start", 0, fontSize: small);
                x += 16 + TextLayout.Width(endNames[k], small) + 18;
            }
        }

        foreach (var tick in ticks)
        {
            var x = XAt(tick);
            svg.Start("line").Attr("class", "grid").Attr("x1", x).Attr("y1", top).Attr("x2", x).Attr("y2", plotBottom)
                .Attr("stroke", ChartStyle.Grid).Attr("stroke-width", 1).End();
            svg.TextLines("tick", [tickFormat(tick)], x, plotBottom + 14, "middle", 0, ChartStyle.MutedInk, fontSize: small);
        }

        var y = top;
        for (var i = 0; i < labels.Count; i++)
        {
            var rowHeight = rowHeights[i];
            var centre = y + (rowHeight / 2);
            var lines = wrapped[i];
            svg.TextLines("span-label", lines, plotLeft - LabelGap, centre - ((lines.Count - 1) * LineHeight / 2) + (fontSize * 0.35), "end", LineHeight);
            for (var k = 0; k < ends[i].Count; k++)
            {
                var end = ends[i][k];
                if (!double.IsFinite(end))
                {
                    continue;
                }

                var (from, to) = (Math.Min(XAt(baseline), XAt(end)), Math.Max(XAt(baseline), XAt(end)));
                svg.Start("rect").Attr("class", "span").Attr("x", from).Attr("y", centre - (BarHeight / 2))
                    .Attr("width", Math.Max(1, to - from)).Attr("height", BarHeight).Attr("fill", Tone(k)).End();
            }

            if (valueTexts[i].Length > 0)
            {
                svg.TextLines("span-value", [valueTexts[i]], width - Margin - valueColumn + LabelGap, centre + (small * 0.35), "start", 0, fontSize: small);
            }

            y += rowHeight;
        }

        // The base line over the bars, and its label under the axis.
        var bx = XAt(baseline);
        svg.Start("line").Attr("class", "baseline").Attr("x1", bx).Attr("y1", top - 4).Attr("x2", bx).Attr("y2", plotBottom + 4)
            .Attr("stroke", ChartStyle.Ink).Attr("stroke-width", 1.6).End();
        if (baselineLabel.Length > 0)
        {
            svg.TextLines("baseline-label", [baselineLabel], bx, plotBottom + AxisHeight + small - 2, "middle", 0, fontSize: small, bold: true, halo: true);
        }

        return svg.Finish();
    }

    private static string Tone(int k) => k % 2 == 0 ? ChartStyle.Primary : ChartStyle.SeriesColors[Math.Min(1, ChartStyle.SeriesColors.Count - 1)];
}
