using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RseRules.Reporting.Charts;

namespace RseRules.Reporting.Tests.Charts;

public sealed partial class SvgChartsTests
{
    private const string Nasty = "R&D <core> \"quoted\"";

    private static string Sample(string chart, string label = "Label") => chart switch
    {
        "bars" => SvgCharts.Bars("Bars " + label, [label, "Second", "Third"], [50, 12.345, 100], ["50 %", "12.3 %", "100 %"], 100, [50, 75]),
        "heatmap" => SvgCharts.HeatMap("Heat map " + label, [label, "Row two"], ["Column one", "Column two", label], [[0, 2.5, 5], [1.04, 3, -0.3]], 0, 5, [true, false]),
        "lines" => SvgCharts.Lines(
            "Lines " + label,
            ["Y0", "Y1", "Y2", label],
            [new LineSeries(label, [-1000.5, -250.25, 400, 1200.125], false), new LineSeries("Second", [-1000, -600, -100, 300.333], true)],
            [new ChartMarker(1.4, label)],
            v => v.ToString("N0", CultureInfo.CurrentCulture)),
        "matrix" => SvgCharts.Matrix(
            "Matrix " + label,
            ["Low", label, "High"],
            ["Minor", label, "Major"],
            [[0, 0, 1], [0, 1, 2], [1, 2, 2]],
            ["Band A", label, "Band C"],
            [new MatrixItem(0, 0, label), new MatrixItem(2, 2, "R2"), new MatrixItem(2, 2, "R3")],
            label,
            "Columns " + label),
        "radar" => SvgCharts.Radar("Radar " + label, [label, "Two", "Three", "Four"], [10.123, 50, 75, 100], 100, [label, "50", "75", "100"]),
        "histogram" => SvgCharts.Histogram("Histogram " + label, [-100.125, -50, 0.333, 50, 100], [3, 10, 7.5, 1], v => v.ToString("N0", CultureInfo.InvariantCulture), [new ChartMarker(0, label)]),
        _ => throw new ArgumentOutOfRangeException(nameof(chart)),
    };

    public static TheoryData<string> Charts => ["bars", "heatmap", "lines", "matrix", "radar", "histogram"];

    [GeneratedRegex("-?[0-9]+\\.[0-9]{3,}")]
    private static partial Regex ThreeDecimals();

    // ---- Every chart ----

    [Theory]
    [MemberData(nameof(Charts))]
    public void AnyChart_Sample_IsWellFormedAccessibleSvg(string chart)
    {
        var svg = Sample(chart);
        var root = ChartSvg.Parse(svg);

        svg.ShouldStartWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        svg.ShouldEndWith("</svg>");
        ((string?)root.Attribute("role")).ShouldBe("img");
        ((string?)root.Attribute("aria-label")).ShouldNotBeNullOrWhiteSpace();
        root.Element(ChartSvg.Svg + "title")!.Value.ShouldBe((string?)root.Attribute("aria-label"));
        root.Elements().First().Name.ShouldBe(ChartSvg.Svg + "title");
        ((string?)root.Attribute("width")).ShouldBe("100%");
        root.Attribute("height").ShouldBeNull();
        ((string?)root.Attribute("viewBox")).ShouldNotBeNull().ShouldMatch("^0 0 [0-9.]+ [0-9.]+$");
        ((string?)root.Attribute("font-family")).ShouldNotBeNull().ShouldEndWith("sans-serif");
        root.Descendants().ShouldAllBe(e => e.Attribute("id") == null);
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void AnyChart_RenderedTwice_IsIdentical(string chart) =>
        Sample(chart).ShouldBe(Sample(chart));

    [Theory]
    [MemberData(nameof(Charts))]
    public void AnyChart_FrenchCurrentCulture_WritesInvariantNumbers(string chart)
    {
        var saved = CultureInfo.CurrentCulture;
        string invariant;
        string french;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = Sample(chart);
            CultureInfo.CurrentCulture = ChartSvg.FrenchNumbers();
            french = Sample(chart);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        // The only culture-dependent text is the caller's tick format, which uses the current culture on purpose.
        var root = ChartSvg.Parse(french);
        foreach (var attribute in root.DescendantsAndSelf().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "x1" or "y1" or "x2" or "y2" or "width" or "height" or "viewBox" or "d" or "cx" or "cy" or "r" or "transform"))
        {
            attribute.Value.ShouldNotContain(",", customMessage: attribute.ToString());
            attribute.Value.ShouldNotContain("\u2212", customMessage: attribute.ToString());
        }

        foreach (var points in root.Descendants().Attributes("points"))
        {
            points.Value.ShouldMatch(@"^-?[0-9]+(\.[0-9]{1,2})?,-?[0-9]+(\.[0-9]{1,2})?( -?[0-9]+(\.[0-9]{1,2})?,-?[0-9]+(\.[0-9]{1,2})?)*$");
        }

        if (chart != "lines")
        {
            french.ShouldBe(invariant);
        }
        else
        {
            root.ByClass("tick").Select(t => t.Value).ShouldContain(t => t.Contains('\u2212', StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void AnyChart_Numbers_HaveAtMostTwoDecimals(string chart)
    {
        var root = ChartSvg.Parse(Sample(chart));
        foreach (var attribute in root.DescendantsAndSelf().Attributes())
        {
            ThreeDecimals().IsMatch(attribute.Value).ShouldBeFalse(attribute.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void AnyChart_MarkupInTexts_IsEscaped(string chart)
    {
        var svg = Sample(chart, Nasty);
        var root = ChartSvg.Parse(svg);

        svg.ShouldNotContain("<core>");
        svg.ShouldNotContain("\"quoted\"");
        ((string?)root.Attribute("aria-label")).ShouldEndWith(Nasty);
        root.Element(ChartSvg.Svg + "title")!.Value.ShouldEndWith(Nasty);
        root.AllText().ShouldContain(Nasty);
    }

    [Theory]
    [InlineData("bars")]
    [InlineData("heatmap")]
    [InlineData("lines")]
    [InlineData("matrix")]
    [InlineData("radar")]
    [InlineData("histogram")]
    public void AnyChart_Empty_IsValidSvgSayingNoData(string chart)
    {
        var svg = chart switch
        {
            "bars" => SvgCharts.Bars("Empty", [], [], [], 100),
            "heatmap" => SvgCharts.HeatMap("Empty", [], [], [], 0, 1),
            "lines" => SvgCharts.Lines("Empty", [], [], [], v => v.ToString(CultureInfo.InvariantCulture)),
            "matrix" => SvgCharts.Matrix("Empty", [], [], [], ["A"], [], "Rows", "Columns"),
            "histogram" => SvgCharts.Histogram("Empty", [], [], v => v.ToString(CultureInfo.InvariantCulture)),
            _ => SvgCharts.Radar("Empty", [], [], 100, []),
        };

        var root = ChartSvg.Parse(svg);

        ((string?)root.Attribute("role")).ShouldBe("img");
        root.Element(ChartSvg.Svg + "title")!.Value.ShouldBe("Empty");
        root.AllText().ShouldBe("No data");
    }

    // ---- Bars ----

    [Fact]
    public void Bars_ThreeLabels_DrawsOneBarAndValueTextEach()
    {
        var root = ChartSvg.Parse(Sample("bars"));

        root.ByClass("bar").Count.ShouldBe(3);
        root.ByClass("track").Count.ShouldBe(3);
        root.ByClass("bar-label").Select(e => e.Value).ShouldBe(["Label", "Second", "Third"]);
        root.ByClass("bar-value").Select(e => e.Value).ShouldBe(["50 %", "12.3 %", "100 %"]);
    }

    [Fact]
    public void Bars_HalfOfMax_IsHalfThePlotWidth()
    {
        var root = ChartSvg.Parse(SvgCharts.Bars("t", ["half", "full", "over", "negative", "nan"], [50, 100, 180, -20, double.NaN], ["a", "b", "c", "d", "e"], 100));
        var tracks = root.ByClass("track");
        var bars = root.ByClass("bar");
        var plotWidth = tracks[0].Num("width");

        tracks.ShouldAllBe(t => t.Num("width") == plotWidth && t.Num("x") == tracks[0].Num("x"));
        bars[0].Num("width").ShouldBe(plotWidth / 2, 0.01);
        bars[1].Num("width").ShouldBe(plotWidth, 0.01);
        bars[2].Num("width").ShouldBe(plotWidth, 0.01);
        bars[3].Num("width").ShouldBe(0);
        bars[4].Num("width").ShouldBe(0);
        bars.ShouldAllBe(b => b.Num("x") == tracks[0].Num("x"));
    }

    [Fact]
    public void Bars_ValueText_StartsJustAfterTheBarEnd()
    {
        var root = ChartSvg.Parse(SvgCharts.Bars("t", ["a", "b"], [25, 75], ["25", "75"], 100));
        var bars = root.ByClass("bar");
        var texts = root.ByClass("bar-value");

        for (var i = 0; i < 2; i++)
        {
            var end = bars[i].Num("x") + bars[i].Num("width");
            texts[i].Num("x").ShouldBeGreaterThan(end);
            texts[i].Num("x").ShouldBeLessThan(end + 10);
        }
    }

    [Fact]
    public void Bars_Thresholds_AreDashedLinesAtTheirValueWithTheirLabel()
    {
        var root = ChartSvg.Parse(SvgCharts.Bars("t", ["a", "b"], [10, 90], ["10", "90"], 200, [50, 75, 250, -1, double.NaN]));
        var track = root.ByClass("track")[0];
        var lines = root.ByClass("threshold");

        lines.Count.ShouldBe(2, "thresholds outside [0, max] or not finite are skipped");
        lines[0].Num("x1").ShouldBe(track.Num("x") + (track.Num("width") * 50 / 200), 0.01);
        lines[1].Num("x1").ShouldBe(track.Num("x") + (track.Num("width") * 75 / 200), 0.01);
        lines.ShouldAllBe(l => l.Attribute("stroke-dasharray") != null && l.Num("x1") == l.Num("x2"));
        root.ByClass("threshold-label").Select(e => e.Value).ShouldBe(["50", "75"]);
    }

    [Fact]
    public void Bars_AllZero_DrawsEmptyBarsWithTheirTexts()
    {
        var root = ChartSvg.Parse(SvgCharts.Bars("t", ["a", "b", "c"], [0, 0, 0], ["0", "0", "0"], 100));

        root.ByClass("bar").ShouldAllBe(b => b.Num("width") == 0);
        root.ByClass("bar-value").Count.ShouldBe(3);
        root.ByClass("threshold").ShouldBeEmpty();
    }

    [Fact]
    public void Bars_SingleLabel_DrawsOneBar() =>
        ChartSvg.Parse(SvgCharts.Bars("t", ["only"], [3], ["3"], 4)).ByClass("bar").Count.ShouldBe(1);

    [Fact]
    public void Bars_LongLabel_WrapsOverSeveralLines()
    {
        var label = string.Join(' ', Enumerable.Repeat("collaboration", 8));
        var root = ChartSvg.Parse(SvgCharts.Bars("t", [label], [3], ["3"], 4));
        var text = root.ByClass("bar-label").Single();

        text.Elements(ChartSvg.Svg + "tspan").Count().ShouldBeInRange(2, 3);
        text.Elements(ChartSvg.Svg + "tspan").First().Value.ShouldStartWith("collaboration");
    }

    [Fact]
    public void Bars_MismatchedCountsOrBadMax_Throw()
    {
        Should.Throw<ArgumentException>(() => SvgCharts.Bars("t", ["a", "b"], [1], ["1", "2"], 10));
        Should.Throw<ArgumentException>(() => SvgCharts.Bars("t", ["a"], [1], [], 10));
        Should.Throw<ArgumentOutOfRangeException>(() => SvgCharts.Bars("t", ["a"], [1], ["1"], 0));
        Should.Throw<ArgumentOutOfRangeException>(() => SvgCharts.Bars("t", ["a"], [1], ["1"], double.NaN));
    }

    // ---- Heat map ----

    [Fact]
    public void HeatMap_TwoRowsThreeColumns_DrawsSixCellsWithTheirValues()
    {
        var root = ChartSvg.Parse(Sample("heatmap"));
        var cells = root.ByClass("cell");

        cells.Count.ShouldBe(6);
        cells.Select(c => ((string?)c.Attribute("data-row"), (string?)c.Attribute("data-column")))
            .ShouldBe([("0", "0"), ("0", "1"), ("0", "2"), ("1", "0"), ("1", "1"), ("1", "2")]);
        root.ByClass("cell-value").Select(t => t.Value).ShouldBe(["0", "2.5", "5", "1", "3", "-0.3"]);
        root.ByClass("column-label").Count.ShouldBe(3);
        root.ByClass("row-label").Count.ShouldBe(2);
    }

    [Fact]
    public void HeatMap_Values_AreIntegersWhenWholeElseOneDecimal()
    {
        var root = ChartSvg.Parse(SvgCharts.HeatMap("t", ["r"], ["a", "b", "c", "d", "e", "f"], [[3, 2.46, 2.96, -0.04, 1234.5, double.NaN]], 0, 5));

        root.ByClass("cell-value").Select(t => t.Value).ShouldBe(["3", "2.5", "3", "0", "1234.5", "–"]);
    }

    [Fact]
    public void HeatMap_Shades_DarkenWithValueAndSwitchTextToWhite()
    {
        var root = ChartSvg.Parse(SvgCharts.HeatMap("t", ["r"], ["a", "b", "c", "d", "e"], [[0, 1, 2, 3, 4]], 0, 4));
        var fills = root.ByClass("cell").Select(c => Luminance((string)c.Attribute("fill")!)).ToList();
        var textFills = root.ByClass("cell-value").Select(t => ((string?)t.Attribute("fill"))?.ToUpperInvariant()).ToList();

        fills.ShouldBeInOrder(SortDirection.Descending);
        fills.Zip(fills.Skip(1)).ShouldAllBe(pair => pair.First - pair.Second > 0.05, "neighbouring shades must differ in grey too");
        textFills[0].ShouldNotBe("#FFFFFF");
        textFills[^1].ShouldBe("#FFFFFF");
    }

    [Fact]
    public void HeatMap_MinEqualsMax_ShadesEveryCellLightest()
    {
        var root = ChartSvg.Parse(SvgCharts.HeatMap("t", ["r", "s"], ["a", "b"], [[0, 0], [0, 0]], 0, 0));

        root.ByClass("cell").Select(c => (string?)c.Attribute("fill")).Distinct().Count().ShouldBe(1);
        root.ByClass("cell-value").ShouldAllBe(t => t.Value == "0");
    }

    [Fact]
    public void HeatMap_HighlightedRows_GetBoldLabelMarkerAndBorder()
    {
        var root = ChartSvg.Parse(SvgCharts.HeatMap("t", ["kept", "dropped", "kept too"], ["a"], [[1], [2], [3]], 0, 5, [true, false, true]));
        var labels = root.ByClass("row-label");

        root.ByClass("highlight-marker").Count.ShouldBe(2);
        root.ByClass("highlight").Count.ShouldBe(2);
        labels.Select(l => (string?)l.Attribute("font-weight")).ShouldBe(["bold", null, "bold"]);
    }

    [Fact]
    public void HeatMap_LongColumnLabels_AreRotated_ShortOnesWrapped()
    {
        var longLabels = Enumerable.Range(1, 8).Select(i => $"Reduction of internal e-mail volume {i}").ToList();
        var rotated = ChartSvg.Parse(SvgCharts.HeatMap("t", ["r"], longLabels, [[.. longLabels.Select(_ => 1.0)]], 0, 5));
        var wrapped = ChartSvg.Parse(SvgCharts.HeatMap("t", ["r"], ["Knowledge retention", "Customer satisfaction"], [[1, 2]], 0, 5));

        rotated.ByClass("column-label").ShouldAllBe(l => ((string?)l.Attribute("transform"))!.StartsWith("rotate(-45", StringComparison.Ordinal));
        rotated.ByClass("column-label").Select(l => l.Value).ShouldBe(longLabels);
        wrapped.ByClass("column-label").ShouldAllBe(l => l.Attribute("transform") == null);
        wrapped.ByClass("column-label").Select(l => l.HasElements ? string.Join(' ', l.Elements().Select(s => s.Value)) : l.Value).ShouldBe(["Knowledge retention", "Customer satisfaction"]);
    }

    [Fact]
    public void HeatMap_RaggedValues_Throw() =>
        Should.Throw<ArgumentException>(() => SvgCharts.HeatMap("t", ["r", "s"], ["a", "b"], [[1, 2], [3]], 0, 5));

    // ---- Lines ----

    [Fact]
    public void Lines_TwoSeries_DrawOnePointPerValueAndALegend()
    {
        var root = ChartSvg.Parse(Sample("lines"));

        root.ByClass("series").Count.ShouldBe(2);
        root.ByClass("point").Count.ShouldBe(8);
        root.ByClass("legend-item").Count.ShouldBe(2);
        root.ByClass("x-label").Select(l => l.Value).ShouldBe(["Y0", "Y1", "Y2", "Label"]);
        root.ByClass("legend-label").Select(l => l.Value).ShouldBe(["Label", "Second"]);
    }

    [Fact]
    public void Lines_DashedSeries_IsDashedAndPointShapesDiffer()
    {
        var root = ChartSvg.Parse(Sample("lines"));
        var series = root.ByClass("series");
        var points = root.ByClass("point");

        series[0].Attribute("stroke-dasharray").ShouldBeNull();
        series[1].Attribute("stroke-dasharray").ShouldNotBeNull();
        points[0].Name.ShouldNotBe(points[4].Name, "each series has its own point shape, not only its own colour");
    }

    [Fact]
    public void Lines_NegativeValues_ZeroLineAndTicksMatchThePoints()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines("t", ["0", "1", "2", "3"], [new LineSeries("s", [-100, 0, 100, 200], false)], [], v => v.ToString(CultureInfo.InvariantCulture)));
        var points = root.ByClass("point");
        var zero = root.ByClass("zero-line").Single();
        var ticks = root.ByClass("tick").Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();
        var gridlines = root.ByClass("gridline");

        points[1].Num("cy").ShouldBe(zero.Num("y1"), 0.01);
        (points[0].Num("cy") - points[1].Num("cy")).ShouldBe(points[1].Num("cy") - points[2].Num("cy"), 0.02);
        ticks.Count.ShouldBeInRange(4, 6);
        ticks.ShouldBeInOrder(SortDirection.Ascending);
        ticks[0].ShouldBeLessThanOrEqualTo(-100);
        ticks[^1].ShouldBeGreaterThanOrEqualTo(200);
        ticks.ShouldContain(0);
        var zeroGridline = gridlines[ticks.IndexOf(0)];
        zeroGridline.Num("y1").ShouldBe(zero.Num("y1"), 0.01);
        var top = gridlines[^1];
        var bottom = gridlines[0];
        var expected = bottom.Num("y1") + ((top.Num("y1") - bottom.Num("y1")) * (200 - ticks[0]) / (ticks[^1] - ticks[0]));
        points[3].Num("cy").ShouldBe(expected, 0.02);
    }

    [Theory]
    [InlineData(0.0, 1000.0)]
    [InlineData(-3.7, 12.2)]
    [InlineData(-0.05, 0.0)]
    [InlineData(0.0, 382018.41)]
    [InlineData(-250000.0, 98885.73)]
    [InlineData(0.0, 0.0)]
    public void Lines_AnyRange_GetsFourToSixRoundTicks(double low, double high)
    {
        var root = ChartSvg.Parse(SvgCharts.Lines("t", ["a", "b"], [new LineSeries("s", [low, high], false)], [], v => v.ToString("R", CultureInfo.InvariantCulture)));
        var ticks = root.ByClass("tick").Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();

        ticks.Count.ShouldBeInRange(4, 6);
        ticks[0].ShouldBeLessThanOrEqualTo(Math.Min(0, low));
        ticks[^1].ShouldBeGreaterThanOrEqualTo(Math.Max(0, high));
        var step = ticks[1] - ticks[0];
        ticks.Zip(ticks.Skip(1)).ShouldAllBe(p => Math.Abs(p.Second - p.First - step) < step * 1e-9);
        var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        new[] { 1.0, 2.0, 2.5, 5.0 }.ShouldContain(m => Math.Abs(m - mantissa) < 1e-9);
    }

    [Fact]
    public void Lines_AllZero_DrawsFlatLineOnTheZeroLine()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines("t", ["a", "b", "c"], [new LineSeries("s", [0, 0, 0], false)], [], v => v.ToString(CultureInfo.InvariantCulture)));
        var zero = root.ByClass("zero-line").Single();

        root.ByClass("point").ShouldAllBe(p => Math.Abs(p.Num("cy") - zero.Num("y1")) < 0.01);
    }

    [Fact]
    public void Lines_SinglePoint_IsCentredInThePlot()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines("t", ["only"], [new LineSeries("s", [5], false)], [], v => v.ToString(CultureInfo.InvariantCulture)));
        var point = root.ByClass("point").Single();
        var gridline = root.ByClass("gridline")[0];

        point.Num("cx").ShouldBe((gridline.Num("x1") + gridline.Num("x2")) / 2, 0.01);
    }

    [Fact]
    public void Lines_FractionalMarker_SitsBetweenItsPoints()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines(
            "t",
            ["0", "1", "2", "3", "4"],
            [new LineSeries("s", [-3, -1, 1, 3, 5], false)],
            [new ChartMarker(2.25, "Break-even"), new ChartMarker(0, "start"), new ChartMarker(4, "end")],
            v => v.ToString(CultureInfo.InvariantCulture)));
        var points = root.ByClass("point");
        var markers = root.ByClass("marker");

        markers.Count.ShouldBe(3);
        var marker = markers.Single(m => Math.Abs(m.Num("x1") - points[0].Num("cx")) > 1 && Math.Abs(m.Num("x1") - points[4].Num("cx")) > 1);
        marker.Num("x1").ShouldBe(points[2].Num("cx") + (0.25 * (points[3].Num("cx") - points[2].Num("cx"))), 0.02);
        marker.Attribute("stroke-dasharray").ShouldNotBeNull();
        root.ByClass("marker-label").Select(l => l.Value).ShouldBe(["start", "Break-even", "end"]);
    }

    [Fact]
    public void Lines_MarkersOutsideTheRange_AreSkipped()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines(
            "t",
            ["0", "1", "2"],
            [new LineSeries("s", [1, 2, 3], false)],
            [new ChartMarker(-0.5, "before"), new ChartMarker(2.01, "after"), new ChartMarker(double.NaN, "nan"), new ChartMarker(1, "inside")],
            v => v.ToString(CultureInfo.InvariantCulture)));

        root.ByClass("marker").Count.ShouldBe(1);
        root.ByClass("marker-label").Single().Value.ShouldBe("inside");
    }

    [Fact]
    public void Lines_CloseMarkers_LabelsDoNotOverlap()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines(
            "t",
            ["0", "1", "2", "3"],
            [new LineSeries("s", [1, 2, 3, 4], false)],
            [new ChartMarker(1.5, "Payback of the project"), new ChartMarker(1.6, "Adjusted payback of the project")],
            v => v.ToString(CultureInfo.InvariantCulture)));
        var labels = root.ByClass("marker-label");

        labels[0].Num("y").ShouldNotBe(labels[1].Num("y"));
    }

    [Fact]
    public void Lines_NonFiniteValue_LeavesAGapAndNoPoint()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines("t", ["0", "1", "2", "3"], [new LineSeries("s", [1, double.NaN, 3, 4], false)], [], v => v.ToString(CultureInfo.InvariantCulture)));

        root.ByClass("point").Count.ShouldBe(3);
        ((string)root.ByClass("series").Single().Attribute("d")!).Count(c => c == 'M').ShouldBe(2);
    }

    [Fact]
    public void Lines_ShorterSeries_StopsEarly_LongerSeriesThrows()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines("t", ["0", "1", "2"], [new LineSeries("s", [1, 2], false)], [], v => v.ToString(CultureInfo.InvariantCulture)));

        root.ByClass("point").Count.ShouldBe(2);
        Should.Throw<ArgumentException>(() => SvgCharts.Lines("t", ["0"], [new LineSeries("s", [1, 2], false)], [], v => v.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Lines_NoFiniteValue_SaysNoData()
    {
        var root = ChartSvg.Parse(SvgCharts.Lines("t", ["0", "1"], [new LineSeries("s", [double.NaN], false)], [], v => v.ToString(CultureInfo.InvariantCulture)));

        root.AllText().ShouldBe("No data");
    }

    // ---- Matrix ----

    [Fact]
    public void Matrix_ThreeByThree_DrawsNineCellsItemsAndBandLegend()
    {
        var root = ChartSvg.Parse(Sample("matrix"));

        root.ByClass("cell").Count.ShouldBe(9);
        root.ByClass("item").Count.ShouldBe(3);
        root.ByClass("legend-item").Count.ShouldBe(3);
        root.ByClass("legend-label").Select(l => l.Value).ShouldBe(["Band A", "Label", "Band C"]);
        root.ByClass("axis-title").Select(l => l.Value).ShouldBe(["Label", "Columns Label"]);
    }

    [Fact]
    public void Matrix_RowZero_IsDrawnAtTheBottom()
    {
        var root = ChartSvg.Parse(Sample("matrix"));
        double CellY(int row) => root.ByClass("cell").First(c => (string?)c.Attribute("data-row") == row.ToString(CultureInfo.InvariantCulture)).Num("y");
        var rowLabels = root.ByClass("row-label");

        CellY(0).ShouldBeGreaterThan(CellY(1));
        CellY(1).ShouldBeGreaterThan(CellY(2));
        rowLabels.Single(l => l.Value == "Low").Num("y").ShouldBeGreaterThan(rowLabels.Single(l => l.Value == "High").Num("y"));
    }

    [Fact]
    public void Matrix_Bands_DarkenWithTheirIndex()
    {
        var root = ChartSvg.Parse(Sample("matrix"));
        var byBand = root.ByClass("cell").GroupBy(c => (string)c.Attribute("data-band")!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(c => Luminance((string)c.Attribute("fill")!)).Distinct().Single()).ToList();

        byBand.Count.ShouldBe(3);
        byBand.ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Matrix_SeveralItemsInOneCell_DoNotOverlapAndStayInTheCell()
    {
        var items = Enumerable.Range(1, 9).Select(i => new MatrixItem(1, 2, "R" + i.ToString(CultureInfo.InvariantCulture)))
            .Append(new MatrixItem(1, 2, "A rather long item text that cannot fit"))
            .ToList();
        var root = ChartSvg.Parse(SvgCharts.Matrix("t", ["1", "2", "3"], ["a", "b", "c"], [[0, 0, 0], [0, 1, 1], [1, 1, 1]], ["low", "high"], items, "P", "I"));
        var cell = root.ByClass("cell").Single(c => (string?)c.Attribute("data-row") == "1" && (string?)c.Attribute("data-column") == "2");
        var badges = root.ByClass("item").Select(g => g.ByClass("item-badge").Single())
            .Select(b => (X: b.Num("x"), Y: b.Num("y"), Right: b.Num("x") + b.Num("width"), Bottom: b.Num("y") + b.Num("height"))).ToList();

        badges.Count.ShouldBe(10);
        foreach (var b in badges)
        {
            b.X.ShouldBeGreaterThanOrEqualTo(cell.Num("x"));
            b.Y.ShouldBeGreaterThanOrEqualTo(cell.Num("y"));
            b.Right.ShouldBeLessThanOrEqualTo(cell.Num("x") + cell.Num("width"));
            b.Bottom.ShouldBeLessThanOrEqualTo(cell.Num("y") + cell.Num("height"));
        }

        for (var i = 0; i < badges.Count; i++)
        {
            for (var j = i + 1; j < badges.Count; j++)
            {
                var overlap = badges[i].X < badges[j].Right && badges[j].X < badges[i].Right && badges[i].Y < badges[j].Bottom && badges[j].Y < badges[i].Bottom;
                overlap.ShouldBeFalse($"items {i} and {j} overlap");
            }
        }

        var longItem = root.ByClass("item")[^1];
        longItem.Element(ChartSvg.Svg + "title")!.Value.ShouldBe("A rather long item text that cannot fit");
        longItem.ByClass("item-label").Single().Value.ShouldEndWith("…");
    }

    [Fact]
    public void Matrix_OutOfRangeItemOrBand_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SvgCharts.Matrix("t", ["1"], ["a"], [[0]], ["low"], [new MatrixItem(1, 0, "x")], "P", "I"));
        Should.Throw<ArgumentOutOfRangeException>(() => SvgCharts.Matrix("t", ["1"], ["a"], [[2]], ["low", "high"], [], "P", "I"));
        Should.Throw<ArgumentException>(() => SvgCharts.Matrix("t", ["1", "2"], ["a"], [[0]], ["low"], [], "P", "I"));
    }

    // ---- Radar ----

    [Fact]
    public void Radar_FourAxes_DrawsFourPointsRingsAndLabels()
    {
        var root = ChartSvg.Parse(Sample("radar"));

        root.ByClass("point").Count.ShouldBe(4);
        root.ByClass("grid-ring").Count.ShouldBe(4);
        root.ByClass("axis").Count.ShouldBe(4);
        root.ByClass("area").Count.ShouldBe(1);
        root.ByClass("axis-label").Select(l => l.Value).ShouldBe(["Label", "Two", "Three", "Four"]);
        root.ByClass("point-value").Select(l => l.Value).ShouldBe(["Label", "50", "75", "100"]);
    }

    [Fact]
    public void Radar_Values_LieAtTheirFractionOfTheOuterRing()
    {
        var root = ChartSvg.Parse(SvgCharts.Radar("t", ["a", "b", "c", "d", "e"], [100, 50, 0, 150, 25], 100, ["100", "50", "0", "150", "25"]));
        var axes = root.ByClass("axis");
        var points = root.ByClass("point");
        var centre = (X: axes[0].Num("x1"), Y: axes[0].Num("y1"));
        var rings = root.ByClass("grid-ring").Select(r => ((string)r.Attribute("points")!).Split(' ')[0].Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray()).ToList();

        double Fraction(int i) =>
            Math.Sqrt(Math.Pow(points[i].Num("cx") - centre.X, 2) + Math.Pow(points[i].Num("cy") - centre.Y, 2))
            / Math.Sqrt(Math.Pow(axes[i].Num("x2") - centre.X, 2) + Math.Pow(axes[i].Num("y2") - centre.Y, 2));

        Fraction(0).ShouldBe(1, 0.001);
        Fraction(1).ShouldBe(0.5, 0.001);
        Fraction(2).ShouldBe(0, 0.001);
        Fraction(3).ShouldBe(1, 0.001, "values above max are clamped to the outer ring");
        Fraction(4).ShouldBe(0.25, 0.001);
        axes[0].Num("x2").ShouldBe(centre.X, 0.01, "the first axis points up");
        axes[0].Num("y2").ShouldBeLessThan(centre.Y);
        rings.Select(r => (centre.Y - r[1]) / (centre.Y - axes[0].Num("y2"))).ToList().ShouldBe([0.25, 0.5, 0.75, 1.0], tolerance: 0.001);
    }

    [Fact]
    public void Radar_AllZero_IsValidWithEveryPointAtTheCentre()
    {
        var root = ChartSvg.Parse(SvgCharts.Radar("t", ["a", "b", "c"], [0, 0, 0], 10, ["0", "0", "0"]));
        var axis = root.ByClass("axis")[0];

        root.ByClass("point").ShouldAllBe(p => Math.Abs(p.Num("cx") - axis.Num("x1")) < 0.01 && Math.Abs(p.Num("cy") - axis.Num("y1")) < 0.01);
    }

    [Fact]
    public void Radar_FewerThanThreeAxes_SaysNoData() =>
        ChartSvg.Parse(SvgCharts.Radar("t", ["a", "b"], [1, 2], 10, ["1", "2"])).AllText().ShouldBe("No data");

    private static double Luminance(string color)
    {
        static double Channel(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
        return (0.2126 * Channel(color[1..3])) + (0.7152 * Channel(color[3..5])) + (0.0722 * Channel(color[5..7]));
    }
}
