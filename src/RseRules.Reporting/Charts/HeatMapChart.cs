namespace RseRules.Reporting.Charts;

/// <summary>Draws <see cref="SvgCharts.HeatMap"/>.</summary>
internal static class HeatMapChart
{
    private const double Margin = 12;
    private const double LabelGap = 8;
    private const double LineHeight = 14;
    private const double MarkerSpace = 20;
    private const double MaxColumnWidth = 120;
    private const double MaxRotatedLabel = 230;
    private const double Sin45 = 0.7071;

    public static string Render(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, IReadOnlyList<IReadOnlyList<double>> values, double min, double max, IReadOnlyList<bool>? highlightedRows)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(values);
        Guard.NoNullItems(rowLabels, nameof(rowLabels));
        Guard.NoNullItems(columnLabels, nameof(columnLabels));
        Guard.SameCount(rowLabels, values, nameof(values));
        foreach (var row in values)
        {
            Guard.SameCount(columnLabels, row, nameof(values));
        }

        if (highlightedRows is not null)
        {
            Guard.SameCount(rowLabels, highlightedRows, nameof(highlightedRows));
        }

        Guard.Finite(min, nameof(min));
        Guard.Finite(max, nameof(max));
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "Must not be less than min.");
        }

        if (rowLabels.Count == 0 || columnLabels.Count == 0)
        {
            return NoDataChart.Render("heat-map-chart", title);
        }

        var width = ChartStyle.Width;
        var fontSize = ChartStyle.FontSize;
        var highlighted = highlightedRows ?? [.. rowLabels.Select(_ => false)];
        var anyHighlight = highlighted.Any(h => h);
        var markerSpace = anyHighlight ? MarkerSpace : 0;

        var wrappedRows = rowLabels.Select((l, i) => TextLayout.Wrap(l, (width * 0.35) - LabelGap, fontSize, 3, highlighted[i])).ToList();
        var labelColumn = Math.Ceiling(wrappedRows.Select((lines, i) => TextLayout.MaxWidth(lines, fontSize, highlighted[i])).Max() + LabelGap);
        var gridLeft = Margin + markerSpace + labelColumn;
        var columnWidth = Math.Floor(Math.Min(MaxColumnWidth, (width - Margin - gridLeft) / columnLabels.Count));

        // Column labels: wrapped over up to 3 lines when they fit the column, else rotated by 45°.
        var small = ChartStyle.SmallFontSize;
        var wrappedColumns = columnLabels.Select(l => TextLayout.Wrap(l, columnWidth - 6, small, 4)).ToList();
        var rotate = Enumerable.Range(0, columnLabels.Count).Any(c => wrappedColumns[c].Count > 3 || HasBrokenWord(wrappedColumns[c], columnLabels[c]));
        double headerHeight;
        IReadOnlyList<string> rotatedLabels = [];
        if (rotate)
        {
            rotatedLabels = [.. columnLabels.Select(l => TextLayout.Shorten(l, MaxRotatedLabel, small))];
            var longest = TextLayout.MaxWidth(rotatedLabels, small);
            var overflow = Math.Max(0, (longest * Sin45) - (columnWidth / 2) - Margin + 4);
            columnWidth = Math.Floor(Math.Min(MaxColumnWidth, (width - Margin - overflow - gridLeft) / columnLabels.Count));
            headerHeight = Math.Ceiling((longest * Sin45) + 14);
        }
        else
        {
            headerHeight = (wrappedColumns.Max(lines => lines.Count) * LineHeight) + 8;
        }

        var gridTop = Margin + headerHeight;
        var gridWidth = columnWidth * columnLabels.Count;
        var rowHeights = wrappedRows.Select(lines => Math.Max(28, (lines.Count * LineHeight) + 10)).ToList();
        var height = gridTop + rowHeights.Sum() + Margin;

        var svg = SvgWriter.Begin("heat-map-chart", title, width, height);
        for (var c = 0; c < columnLabels.Count; c++)
        {
            var centre = gridLeft + ((c + 0.5) * columnWidth);
            if (rotate)
            {
                var x = centre - 2;
                var y = gridTop - 8;
                svg.Start("text").Attr("class", "column-label").Attr("x", x).Attr("y", y)
                    .Attr("transform", $"rotate(-45 {SvgWriter.Num(x)} {SvgWriter.Num(y)})")
                    .Attr("font-size", small).Text(rotatedLabels[c]).End();
            }
            else
            {
                var lines = wrappedColumns[c];
                var firstBaseline = gridTop - 8 - ((lines.Count - 1) * LineHeight);
                svg.TextLines("column-label", lines, centre, firstBaseline, "middle", LineHeight, fontSize: small);
            }
        }

        var span = max - min;
        var rowTop = gridTop;
        for (var r = 0; r < rowLabels.Count; r++)
        {
            var rowHeight = rowHeights[r];
            var centreY = rowTop + (rowHeight / 2);
            var lines = wrappedRows[r];
            var firstBaseline = centreY - ((lines.Count - 1) * LineHeight / 2) + (fontSize * 0.35);
            svg.TextLines("row-label", lines, gridLeft - LabelGap, firstBaseline, "end", LineHeight, bold: highlighted[r]);
            for (var c = 0; c < columnLabels.Count; c++)
            {
                var value = values[r][c];
                var finite = double.IsFinite(value);
                var fill = finite ? ChartStyle.Ramp(span > 0 ? (value - min) / span : 0) : ChartStyle.Paper;
                var x = gridLeft + (c * columnWidth);
                svg.Start("rect").Attr("class", "cell").Attr("data-row", r).Attr("data-column", c)
                    .Attr("x", x).Attr("y", rowTop).Attr("width", columnWidth).Attr("height", rowHeight)
                    .Attr("fill", fill).Attr("stroke", finite ? ChartStyle.Paper : ChartStyle.Grid).Attr("stroke-width", finite ? 2 : 1).End();
                svg.TextLines("cell-value", [ValueText.Format(value)], x + (columnWidth / 2), centreY + (fontSize * 0.35), "middle", 0, ChartStyle.IsDark(fill) ? ChartStyle.Paper : ChartStyle.Ink);
            }

            if (highlighted[r])
            {
                svg.Start("rect").Attr("class", "highlight").Attr("x", gridLeft).Attr("y", rowTop + 1)
                    .Attr("width", gridWidth).Attr("height", rowHeight - 2)
                    .Attr("fill", "none").Attr("stroke", ChartStyle.Ink).Attr("stroke-width", 2).End();
                var mx = Margin + 2;
                var my = centreY;
                svg.Start("path").Attr("class", "highlight-marker")
                    .Attr("d", $"M{SvgWriter.Num(mx)} {SvgWriter.Num(my)} l4 4 l8 -9")
                    .Attr("fill", "none").Attr("stroke", ChartStyle.Ink).Attr("stroke-width", 2.2)
                    .Attr("stroke-linecap", "round").Attr("stroke-linejoin", "round").End();
            }

            rowTop += rowHeight;
        }

        return svg.Finish();
    }

    private static bool HasBrokenWord(IReadOnlyList<string> lines, string label)
    {
        var words = label.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return lines.SelectMany(line => line.Split(' ')).Any(piece => !words.Contains(piece));
    }
}
