namespace RseRules.Reporting.Charts;

/// <summary>Draws <see cref="SvgCharts.Bars"/>.</summary>
internal static class BarChart
{
    private const double Margin = 12;
    private const double LabelGap = 8;
    private const double BarHeight = 16;
    private const double LineHeight = 14;

    public static string Render(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values, IReadOnlyList<string> valueTexts, double max, IReadOnlyList<double>? thresholds)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueTexts);
        Guard.SameCount(labels, values, nameof(values));
        Guard.SameCount(labels, valueTexts, nameof(valueTexts));
        Guard.Positive(max, nameof(max));
        Guard.NoNullItems(labels, nameof(labels));
        Guard.NoNullItems(valueTexts, nameof(valueTexts));
        if (labels.Count == 0)
        {
            return NoDataChart.Render("bars-chart", title);
        }

        var width = ChartStyle.Width;
        var fontSize = ChartStyle.FontSize;
        var wrapped = labels.Select(l => TextLayout.Wrap(l, (width * 0.4) - LabelGap, fontSize, 3)).ToList();
        var labelColumn = Math.Ceiling(Math.Max(40, wrapped.Max(lines => TextLayout.MaxWidth(lines, fontSize))) + LabelGap);
        var valueColumn = Math.Ceiling(TextLayout.MaxWidth(valueTexts, ChartStyle.SmallFontSize) + 12);
        var plotLeft = Margin + labelColumn;
        var plotWidth = Math.Floor(width - Margin - valueColumn - plotLeft);
        var shownThresholds = (thresholds ?? []).Where(double.IsFinite).Where(t => t >= 0 && t <= max).ToList();
        var top = shownThresholds.Count > 0 ? 28.0 : Margin;

        var rowHeights = wrapped.Select(lines => Math.Max(30, (lines.Count * LineHeight) + 12)).ToList();
        var plotBottom = top + rowHeights.Sum();
        var height = plotBottom + Margin;

        var svg = SvgWriter.Begin("bars-chart", title, width, height);
        var y = top;
        var valuePositions = new List<(double X, double Baseline)>();
        for (var i = 0; i < labels.Count; i++)
        {
            var rowHeight = rowHeights[i];
            var barY = y + ((rowHeight - BarHeight) / 2);
            var centre = y + (rowHeight / 2);
            var lines = wrapped[i];
            var firstBaseline = centre - ((lines.Count - 1) * LineHeight / 2) + (fontSize * 0.35);
            svg.TextLines("bar-label", lines, plotLeft - LabelGap, firstBaseline, "end", LineHeight);
            svg.Start("rect").Attr("class", "track").Attr("x", plotLeft).Attr("y", barY)
                .Attr("width", plotWidth).Attr("height", BarHeight).Attr("fill", ChartStyle.Track).End();
            var value = values[i];
            var barWidth = double.IsFinite(value) ? Math.Clamp(value / max, 0, 1) * plotWidth : 0;
            svg.Start("rect").Attr("class", "bar").Attr("x", plotLeft).Attr("y", barY)
                .Attr("width", barWidth).Attr("height", BarHeight).Attr("fill", ChartStyle.Primary).End();
            valuePositions.Add((plotLeft + barWidth + 6, centre + (ChartStyle.SmallFontSize * 0.35)));
            y += rowHeight;
        }

        foreach (var threshold in shownThresholds)
        {
            var x = plotLeft + (threshold / max * plotWidth);
            svg.Start("line").Attr("x1", x).Attr("y1", top - 4).Attr("x2", x).Attr("y2", plotBottom)
                .Attr("stroke", ChartStyle.Paper).Attr("stroke-width", 3).End();
            svg.Start("line").Attr("class", "threshold").Attr("x1", x).Attr("y1", top - 4).Attr("x2", x).Attr("y2", plotBottom)
                .Attr("stroke", ChartStyle.Ink).Attr("stroke-width", 1.2).Attr("stroke-dasharray", ChartStyle.DashPattern).End();
            svg.TextLines("threshold-label", [ValueText.Format(threshold)], x, top - 9, "middle", 0, ChartStyle.MutedInk, fontSize: ChartStyle.SmallFontSize);
        }

        // Value texts come last, on a chip of the background's tone when a threshold line could run under them.
        for (var i = 0; i < labels.Count; i++)
        {
            if (shownThresholds.Count > 0)
            {
                var chipWidth = TextLayout.Width(valueTexts[i], ChartStyle.SmallFontSize) + 6;
                svg.Start("rect").Attr("x", valuePositions[i].X - 3).Attr("y", valuePositions[i].Baseline - 11.5)
                    .Attr("width", chipWidth).Attr("height", 15)
                    .Attr("fill", valuePositions[i].X - 3 + chipWidth <= plotLeft + plotWidth ? ChartStyle.Track : ChartStyle.Paper).End();
            }

            svg.TextLines("bar-value", [valueTexts[i]], valuePositions[i].X, valuePositions[i].Baseline, "start", 0, fontSize: ChartStyle.SmallFontSize);
        }

        return svg.Finish();
    }
}
