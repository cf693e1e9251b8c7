using System.Globalization;

namespace RseRules.Reporting.Charts;

/// <summary>Draws <see cref="SvgCharts.Matrix"/>.</summary>
internal static class MatrixChart
{
    private const double Margin = 12;
    private const double LabelGap = 8;
    private const double LineHeight = 13;
    private const double AxisTitleSpace = 20;
    private const double MaxColumnWidth = 150;
    private const double BadgeHeight = 20;
    private const double BadgeGap = 4;
    private const double CellPadding = 5;
    private const double BadgeFontSize = 10.5;
    private const double Swatch = 14;

    public static string Render(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, IReadOnlyList<IReadOnlyList<int>> cellBand, IReadOnlyList<string> bandLabels, IReadOnlyList<MatrixItem> items, string rowAxisTitle, string columnAxisTitle)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(cellBand);
        ArgumentNullException.ThrowIfNull(bandLabels);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(rowAxisTitle);
        ArgumentNullException.ThrowIfNull(columnAxisTitle);
        Guard.NoNullItems(rowLabels, nameof(rowLabels));
        Guard.NoNullItems(columnLabels, nameof(columnLabels));
        Guard.NoNullItems(bandLabels, nameof(bandLabels));
        Guard.NoNullItems(items, nameof(items));
        Guard.SameCount(rowLabels, cellBand, nameof(cellBand));
        foreach (var row in cellBand)
        {
            Guard.SameCount(columnLabels, row, nameof(cellBand));
            foreach (var band in row)
            {
                if (band < 0 || band >= bandLabels.Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(cellBand), band, string.Create(CultureInfo.InvariantCulture, $"A band index must lie in [0, {bandLabels.Count - 1}]."));
                }
            }
        }

        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item.Text, nameof(items));
            if (item.Row < 0 || item.Row >= rowLabels.Count || item.Column < 0 || item.Column >= columnLabels.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item, "The item's row or column lies outside the matrix.");
            }
        }

        if (rowLabels.Count == 0 || columnLabels.Count == 0)
        {
            return NoDataChart.Render("matrix-chart", title);
        }

        var width = ChartStyle.Width;
        var small = ChartStyle.SmallFontSize;
        var rows = rowLabels.Count;
        var columns = columnLabels.Count;

        var wrappedRows = rowLabels.Select(l => TextLayout.Wrap(l, 120, small, 3)).ToList();
        var labelColumn = Math.Ceiling(wrappedRows.Max(lines => TextLayout.MaxWidth(lines, small)) + LabelGap);
        var gridLeft = Margin + AxisTitleSpace + labelColumn;
        var columnWidth = Math.Floor(Math.Min(MaxColumnWidth, (width - Margin - gridLeft) / columns));

        // Badges flow left to right in their cell, wrapping onto new lines; the block is centred in the cell.
        var inner = columnWidth - (2 * CellPadding);
        var layouts = new Dictionary<(int Row, int Column), CellLayout>();
        foreach (var group in items.GroupBy(i => (i.Row, i.Column)))
        {
            layouts[group.Key] = LayoutCell([.. group], inner);
        }

        var tallest = layouts.Count == 0 ? 0 : layouts.Values.Max(l => l.Height);
        var rowHeight = Math.Ceiling(Math.Max(52, tallest + (2 * CellPadding)));
        var gridTop = Margin;
        var gridBottom = gridTop + (rows * rowHeight);
        var gridWidth = columns * columnWidth;

        var wrappedColumns = columnLabels.Select(l => TextLayout.Wrap(l, columnWidth - 6, small, 3)).ToList();
        var columnLabelLines = wrappedColumns.Max(lines => lines.Count);
        var columnAxisY = gridBottom + 8 + (columnLabelLines * LineHeight) + 16;
        var legendEntries = bandLabels.Select(l => Swatch + 6 + TextLayout.Width(l, small) + 18).ToList();
        var legendRows = FlowLayout.Rows(legendEntries, width - gridLeft - Margin);
        var legendTop = columnAxisY + 14;
        var height = legendTop + ((legendRows.Max() + 1) * (Swatch + 8)) + Margin - 8;

        var svg = SvgWriter.Begin("matrix-chart", title, width, height);

        for (var r = 0; r < rows; r++)
        {
            var top = RowTop(r);
            for (var c = 0; c < columns; c++)
            {
                var band = cellBand[r][c];
                svg.Start("rect").Attr("class", "cell").Attr("data-row", r).Attr("data-column", c).Attr("data-band", band)
                    .Attr("x", gridLeft + (c * columnWidth)).Attr("y", top).Attr("width", columnWidth).Attr("height", rowHeight)
                    .Attr("fill", BandColor(band, bandLabels.Count)).Attr("stroke", ChartStyle.Paper).Attr("stroke-width", 2).End();
            }

            var lines = wrappedRows[r];
            var firstBaseline = top + (rowHeight / 2) - ((lines.Count - 1) * LineHeight / 2) + (small * 0.35);
            svg.TextLines("row-label", lines, gridLeft - LabelGap, firstBaseline, "end", LineHeight, fontSize: small);
        }

        svg.Start("rect").Attr("class", "frame").Attr("x", gridLeft).Attr("y", gridTop).Attr("width", gridWidth).Attr("height", gridBottom - gridTop)
            .Attr("fill", "none").Attr("stroke", ChartStyle.Grid).Attr("stroke-width", 1).End();

        for (var c = 0; c < columns; c++)
        {
            svg.TextLines("column-label", wrappedColumns[c], gridLeft + ((c + 0.5) * columnWidth), gridBottom + 8 + small, "middle", LineHeight, fontSize: small);
        }

        var rowAxisX = Margin + 6;
        var rowAxisY = gridTop + ((gridBottom - gridTop) / 2);
        svg.Start("text").Attr("class", "axis-title").Attr("x", rowAxisX).Attr("y", rowAxisY)
            .Attr("transform", $"rotate(-90 {SvgWriter.Num(rowAxisX)} {SvgWriter.Num(rowAxisY)})")
            .Attr("text-anchor", "middle").Attr("font-weight", "bold").Attr("fill", ChartStyle.MutedInk).Attr("font-size", small)
            .Text(TextLayout.Shorten(rowAxisTitle, gridBottom - gridTop, small, bold: true)).End();
        svg.TextLines("axis-title", [TextLayout.Shorten(columnAxisTitle, gridWidth, small, bold: true)], gridLeft + (gridWidth / 2), columnAxisY, "middle", 0, ChartStyle.MutedInk, bold: true, fontSize: small);

        foreach (var ((row, column), layout) in layouts.OrderBy(kv => kv.Key.Row).ThenBy(kv => kv.Key.Column))
        {
            var cellLeft = gridLeft + (column * columnWidth);
            var blockTop = RowTop(row) + ((rowHeight - layout.Height) / 2);
            foreach (var badge in layout.Badges)
            {
                var x = cellLeft + CellPadding + badge.X + ((inner - layout.LineWidths[badge.Line]) / 2);
                var y = blockTop + (badge.Line * (BadgeHeight + BadgeGap));
                svg.Start("g").Attr("class", "item").Attr("data-row", row).Attr("data-column", column);
                svg.Start("title").Text(badge.Item.Text).End();
                svg.Start("rect").Attr("class", "item-badge").Attr("x", x).Attr("y", y).Attr("width", badge.Width).Attr("height", BadgeHeight)
                    .Attr("rx", BadgeHeight / 2).Attr("fill", ChartStyle.Paper).Attr("stroke", ChartStyle.PrimaryDark).Attr("stroke-width", 1.5).End();
                svg.TextLines("item-label", [badge.Text], x + (badge.Width / 2), y + (BadgeHeight / 2) + (BadgeFontSize * 0.35), "middle", 0, ChartStyle.PrimaryDark, bold: true, fontSize: BadgeFontSize);
                svg.End();
            }
        }

        var legendX = new double[legendRows.Max() + 1];
        for (var b = 0; b < bandLabels.Count; b++)
        {
            var row = legendRows[b];
            var x = gridLeft + legendX[row];
            var y = legendTop + (row * (Swatch + 8));
            svg.Start("g").Attr("class", "legend-item");
            svg.Start("rect").Attr("x", x).Attr("y", y).Attr("width", Swatch).Attr("height", Swatch)
                .Attr("fill", BandColor(b, bandLabels.Count)).Attr("stroke", ChartStyle.Axis).Attr("stroke-width", 0.8).End();
            svg.TextLines("legend-label", [bandLabels[b]], x + Swatch + 6, y + (Swatch / 2) + (small * 0.35), "start", 0, fontSize: small);
            svg.End();
            legendX[row] += legendEntries[b];
        }

        return svg.Finish();

        double RowTop(int row) => gridTop + ((rows - 1 - row) * rowHeight);
    }

    private static string BandColor(int band, int bandCount) => ChartStyle.Ramp(bandCount <= 1 ? 0 : (double)band / (bandCount - 1));

    private static CellLayout LayoutCell(IReadOnlyList<MatrixItem> items, double inner)
    {
        var badges = new List<Badge>();
        var lineWidths = new List<double> { 0 };
        foreach (var item in items)
        {
            var text = TextLayout.Shorten(item.Text, inner - 12, BadgeFontSize, bold: true);
            var badgeWidth = Math.Min(inner, Math.Max(BadgeHeight, TextLayout.Width(text, BadgeFontSize, bold: true) + 12));
            var line = lineWidths.Count - 1;
            if (lineWidths[line] > 0 && lineWidths[line] + BadgeGap + badgeWidth > inner)
            {
                lineWidths.Add(0);
                line++;
            }

            var x = lineWidths[line] == 0 ? 0 : lineWidths[line] + BadgeGap;
            badges.Add(new Badge(item, text, line, x, badgeWidth));
            lineWidths[line] = x + badgeWidth;
        }

        var height = (lineWidths.Count * BadgeHeight) + ((lineWidths.Count - 1) * BadgeGap);
        return new CellLayout(badges, lineWidths, height);
    }

    private sealed record Badge(MatrixItem Item, string Text, int Line, double X, double Width);

    private sealed record CellLayout(IReadOnlyList<Badge> Badges, IReadOnlyList<double> LineWidths, double Height);
}
