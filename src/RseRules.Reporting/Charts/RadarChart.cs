using System.Text;

namespace RseRules.Reporting.Charts;

/// <summary>Draws <see cref="SvgCharts.Radar"/>.</summary>
internal static class RadarChart
{
    private const double Margin = 12;
    private const double Radius = 128;
    private const double LabelOffset = 32;
    private const double LabelWidth = 140;
    private const double LineHeight = 14;
    private static readonly double[] Rings = [0.25, 0.5, 0.75, 1];

    public static string Render(string title, IReadOnlyList<string> axes, IReadOnlyList<double> values, double max, IReadOnlyList<string> valueTexts)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueTexts);
        Guard.NoNullItems(axes, nameof(axes));
        Guard.NoNullItems(valueTexts, nameof(valueTexts));
        Guard.SameCount(axes, values, nameof(values));
        Guard.SameCount(axes, valueTexts, nameof(valueTexts));
        Guard.Positive(max, nameof(max));
        if (axes.Count < 3)
        {
            return NoDataChart.Render("radar-chart", title);
        }

        var fontSize = ChartStyle.FontSize;
        var count = axes.Count;

        // Axis i points up for i = 0, then clockwise; geometry is computed around (0, 0), then shifted.
        var directions = Enumerable.Range(0, count).Select(i =>
        {
            var angle = (-Math.PI / 2) + (2 * Math.PI * i / count);
            var (dx, dy) = (Math.Cos(angle), Math.Sin(angle));
            return (Dx: Math.Abs(dx) < 1e-12 ? 0 : dx, Dy: Math.Abs(dy) < 1e-12 ? 0 : dy);
        }).ToList();

        var labels = new List<(IReadOnlyList<string> Lines, double X, double FirstBaseline, string Anchor)>();
        var top = directions.Min(d => d.Dy) * Radius;
        var bottom = directions.Max(d => d.Dy) * Radius;
        for (var i = 0; i < count; i++)
        {
            var (dx, dy) = directions[i];
            var lines = TextLayout.Wrap(axes[i], LabelWidth, fontSize, 3);
            var x = dx * (Radius + LabelOffset);
            var y = dy * (Radius + LabelOffset);
            var anchor = Math.Abs(dx) < 0.3 ? "middle" : dx > 0 ? "start" : "end";
            var blockHeight = lines.Count * LineHeight;
            var blockTop = dy < -0.7 ? y - blockHeight + 2 : dy > 0.7 ? y + 2 : y - (blockHeight / 2);
            labels.Add((lines, x, blockTop + (fontSize * 0.85), anchor));
            top = Math.Min(top, blockTop);
            bottom = Math.Max(bottom, blockTop + blockHeight);
        }

        var width = ChartStyle.Width;
        var centreX = width / 2;
        var centreY = Math.Ceiling(Margin - top);
        var height = Math.Ceiling(centreY + bottom + Margin);

        var svg = SvgWriter.Begin("radar-chart", title, width, height);
        foreach (var ring in Rings)
        {
            var points = Polygon(directions, _ => ring * Radius, centreX, centreY);
            svg.Start("polygon").Attr("class", "grid-ring").Attr("points", points).Attr("fill", "none")
                .Attr("stroke", ring == 1 ? ChartStyle.Axis : ChartStyle.Grid).Attr("stroke-width", 1).End();
        }

        for (var i = 0; i < count; i++)
        {
            var (dx, dy) = directions[i];
            svg.Start("line").Attr("class", "axis").Attr("x1", centreX).Attr("y1", centreY)
                .Attr("x2", centreX + (dx * Radius)).Attr("y2", centreY + (dy * Radius)).Attr("stroke", ChartStyle.Grid).Attr("stroke-width", 1).End();
        }

        for (var i = 0; i < count; i++)
        {
            var (lines, x, firstBaseline, anchor) = labels[i];
            svg.TextLines("axis-label", lines, centreX + x, centreY + firstBaseline, anchor, LineHeight);
        }

        var radii = values.Select(v => (double.IsFinite(v) ? Math.Clamp(v / max, 0, 1) : 0) * Radius).ToList();
        svg.Start("polygon").Attr("class", "area").Attr("points", Polygon(directions, i => radii[i], centreX, centreY))
            .Attr("fill", ChartStyle.Primary).Attr("fill-opacity", 0.2).Attr("stroke", ChartStyle.PrimaryDark)
            .Attr("stroke-width", 2).Attr("stroke-linejoin", "round").End();

        for (var i = 0; i < count; i++)
        {
            var (dx, dy) = directions[i];
            svg.Start("circle").Attr("class", "point").Attr("cx", centreX + (dx * radii[i])).Attr("cy", centreY + (dy * radii[i]))
                .Attr("r", 4).Attr("fill", ChartStyle.PrimaryDark).Attr("stroke", ChartStyle.Paper).Attr("stroke-width", 1.2).End();
        }

        for (var i = 0; i < count; i++)
        {
            // The value sits just outside its point along the axis, in the gap left between the rim and the axis labels.
            var (dx, dy) = directions[i];
            var distance = radii[i] + 9;
            var x = centreX + (dx * distance);
            var y = centreY + (dy * distance);
            var anchor = Math.Abs(dx) < 0.3 ? "middle" : dx > 0 ? "start" : "end";
            var small = ChartStyle.SmallFontSize;
            var baseline = dy < -0.7 ? y : dy > 0.7 ? y + (small * 0.8) : y + (small * 0.35) + (dy * small * 0.5);
            svg.TextLines("point-value", [valueTexts[i]], x, baseline, anchor, 0, ChartStyle.PrimaryDark, bold: true, fontSize: small, halo: true);
        }

        return svg.Finish();
    }

    private static string Polygon(List<(double Dx, double Dy)> directions, Func<int, double> radius, double centreX, double centreY)
    {
        var points = new StringBuilder();
        for (var i = 0; i < directions.Count; i++)
        {
            var r = radius(i);
            points.Append(i == 0 ? string.Empty : " ")
                .Append(SvgWriter.Num(centreX + (directions[i].Dx * r))).Append(',')
                .Append(SvgWriter.Num(centreY + (directions[i].Dy * r)));
        }

        return points.ToString();
    }
}
