using System.Globalization;
using RseRules.Reporting.Charts;

namespace RseRules.Reporting.Tests.Charts;

/// <summary><see cref="SvgCharts.Histogram"/>: bars in proportion to their counts, ticks within the range, markers at values.</summary>
public sealed class HistogramChartTests
{
    private static string Format(double v) => v.ToString("0", CultureInfo.InvariantCulture);

    [Fact]
    public void Histogram_FourBins_OneBarEachTheTallestFullHeight()
    {
        var root = ChartSvg.Parse(SvgCharts.Histogram("H", [0, 10, 20, 30, 40], [5, 10, 2.5, 0], Format));

        var bins = root.ByClass("bin");
        bins.Count.ShouldBe(4);
        var heights = bins.Select(b => b.Num("height")).ToArray();
        heights[1].ShouldBe(heights.Max());
        heights[0].ShouldBe(heights[1] / 2, 0.01);
        heights[2].ShouldBe(heights[1] / 4, 0.01);
        heights[3].ShouldBe(0);
        bins.Select(b => b.Num("x")).ShouldBeInOrder();
    }

    [Fact]
    public void Histogram_Ticks_WithinTheBinsRange()
    {
        var root = ChartSvg.Parse(SvgCharts.Histogram("H", [-35, 0, 35, 70], [1, 2, 1], Format));

        var ticks = root.ByClass("tick-label").Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToArray();
        ticks.Length.ShouldBeGreaterThanOrEqualTo(2);
        ticks.ShouldAllBe(t => t >= -35 && t <= 70);
        ticks.ShouldContain(0);
    }

    [Fact]
    public void Histogram_Markers_DrawnAtTheirValueAndSkippedOutsideTheRange()
    {
        var root = ChartSvg.Parse(SvgCharts.Histogram("H", [0, 50, 100], [1, 1], Format, [new ChartMarker(50, "median"), new ChartMarker(150, "outside")]));

        var marker = root.ByClass("marker").ShouldHaveSingleItem();
        var axis = root.ByClass("axis").ShouldHaveSingleItem();
        marker.Num("x1").ShouldBe((axis.Num("x1") + axis.Num("x2")) / 2, 0.01);
        root.ByClass("marker-label").ShouldHaveSingleItem().Value.ShouldBe("median");
    }

    [Fact]
    public void Histogram_EdgesDoNotMatchCounts_Throws() =>
        Should.Throw<ArgumentException>(() => SvgCharts.Histogram("H", [0, 1], [1, 2], Format));

    [Fact]
    public void Histogram_AllCountsZero_NoData() =>
        ChartSvg.Parse(SvgCharts.Histogram("H", [0, 1, 2], [0, 0], Format)).AllText().ShouldBe("No data");
}
