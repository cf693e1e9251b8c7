using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using RseRules.Spreadsheets.Layout;
using CellStyle = RseRules.Spreadsheets.Layout.CellStyle;

namespace RseRules.Spreadsheets.Writing;

/// <summary>Turns each distinct <see cref="CellStyle"/> into one cell format of the stylesheet, in order of first use.</summary>
internal sealed class StyleBook
{
    private readonly Dictionary<CellStyle, uint> formats = [];
    private readonly List<CellStyle> ordered = [];
    private readonly List<(bool Bold, bool Italic, bool Grey, bool Link, double? Size)> fonts = [(false, false, false, false, null)];
    private readonly List<CellFill> fills = [CellFill.None, CellFill.None];
    private readonly Dictionary<string, uint> numberFormats = new(StringComparer.Ordinal) { ["@"] = 49 };

    public StyleBook() => Index(CellStyle.Default);

    public uint Index(CellStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (!formats.TryGetValue(style, out var index))
        {
            index = (uint)ordered.Count;
            formats[style] = index;
            ordered.Add(style);
            if (style.NumberFormat is { } code && !numberFormats.ContainsKey(code))
            {
                numberFormats[code] = 164 + (uint)numberFormats.Count - 1;
            }
        }

        return index;
    }

    public Stylesheet Build()
    {
        var xfs = new CellFormats();
        foreach (var style in ordered)
        {
            var font = (style.Bold, style.Italic, style.Grey, style.Link, style.Size);
            var fontId = fonts.IndexOf(font);
            if (fontId < 0)
            {
                fonts.Add(font);
                fontId = fonts.Count - 1;
            }

            var fillId = style.Fill == CellFill.None ? 0 : fills.IndexOf(style.Fill);
            if (fillId < 0)
            {
                fills.Add(style.Fill);
                fillId = fills.Count - 1;
            }

            var numberFormat = style.NumberFormat is null ? 0u : numberFormats[style.NumberFormat];
            var xf = new CellFormat
            {
                FontId = (uint)fontId,
                FillId = (uint)fillId,
                BorderId = style.Border ? 1u : 0u,
                NumberFormatId = numberFormat,
                FormatId = 0,
                ApplyFont = fontId > 0,
                ApplyFill = fillId > 0,
                ApplyBorder = style.Border,
                ApplyNumberFormat = numberFormat > 0,
            };
            if (style.Indent > 0 || style.Wrap)
            {
                xf.ApplyAlignment = true;
                xf.Append(new Alignment
                {
                    Indent = style.Indent > 0 ? (uint)style.Indent : null,
                    Horizontal = style.Indent > 0 ? HorizontalAlignmentValues.Left : null,
                    WrapText = style.Wrap ? true : null,
                    Vertical = style.Wrap ? VerticalAlignmentValues.Top : null,
                });
            }

            if (!style.Locked)
            {
                xf.ApplyProtection = true;
                xf.Append(new Protection { Locked = false });
            }

            xfs.Append(xf);
        }

        xfs.Count = (uint)ordered.Count;
        var stylesheet = new Stylesheet();
        var custom = numberFormats.Where(kv => kv.Value >= 164).OrderBy(kv => kv.Value).ToList();
        if (custom.Count > 0)
        {
            stylesheet.Append(new NumberingFormats(custom.Select(kv => new NumberingFormat { NumberFormatId = kv.Value, FormatCode = kv.Key })) { Count = (uint)custom.Count });
        }

        stylesheet.Append(new Fonts(fonts.Select(Font)) { Count = (uint)fonts.Count });
        stylesheet.Append(new Fills(fills.Select((f, i) => Fill(f, i))) { Count = (uint)fills.Count });
        stylesheet.Append(new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), ThinBorder()) { Count = 2 });
        stylesheet.Append(new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 });
        stylesheet.Append(xfs);
        stylesheet.Append(new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
        return stylesheet;
    }

    private static Font Font((bool Bold, bool Italic, bool Grey, bool Link, double? Size) f)
    {
        var font = new Font();
        if (f.Bold)
        {
            font.Append(new Bold());
        }

        if (f.Italic)
        {
            font.Append(new Italic());
        }

        if (f.Link)
        {
            font.Append(new Underline());
        }

        font.Append(new FontSize { Val = f.Size ?? 11 });
        font.Append(new Color { Rgb = HexBinaryValue.FromString(f.Link ? "FF0563C1" : f.Grey ? "FF6B6B6B" : "FF000000") });
        font.Append(new FontName { Val = "Calibri" });
        font.Append(new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static Fill Fill(CellFill fill, int index)
    {
        if (index == 0)
        {
            return new Fill(new PatternFill { PatternType = PatternValues.None });
        }

        if (index == 1)
        {
            return new Fill(new PatternFill { PatternType = PatternValues.Gray125 });
        }

        var rgb = fill switch
        {
            CellFill.Input => "FFFFF2CC",
            CellFill.Uncertainty => "FFFFFBEA",
            _ => "FFE7E6E6",
        };
        return new Fill(new PatternFill(new ForegroundColor { Rgb = HexBinaryValue.FromString(rgb) }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
    }

    private static Border ThinBorder()
    {
        static T Side<T>()
            where T : BorderPropertiesType, new() => new() { Style = BorderStyleValues.Thin, Color = new Color { Rgb = HexBinaryValue.FromString("FFBFBFBF") } };

        return new Border(Side<LeftBorder>(), Side<RightBorder>(), Side<TopBorder>(), Side<BottomBorder>(), new DiagonalBorder());
    }
}
