namespace RseRules.Reporting.Charts;

/// <summary>The chart drawn when there is nothing to plot: a framed box saying "No data".</summary>
internal static class NoDataChart
{
    /// <summary>The text printed in the box.</summary>
    public const string Text = "No data";

    /// <summary>A valid SVG, titled like the chart it stands for, saying <see cref="Text"/>.</summary>
    public static string Render(string chartClass, string title)
    {
        const double height = 96;
        var svg = SvgWriter.Begin(chartClass + " no-data", title, ChartStyle.Width, height);
        svg.Start("rect").Attr("class", "no-data-frame").Attr("x", 8).Attr("y", 8)
            .Attr("width", ChartStyle.Width - 16).Attr("height", height - 16).Attr("rx", 4)
            .Attr("fill", ChartStyle.Paper).Attr("stroke", ChartStyle.Grid).Attr("stroke-dasharray", ChartStyle.DashPattern).End();
        svg.TextLines("no-data", [Text], ChartStyle.Width / 2, (height / 2) + 4, "middle", 0, ChartStyle.MutedInk);
        return svg.Finish();
    }
}
