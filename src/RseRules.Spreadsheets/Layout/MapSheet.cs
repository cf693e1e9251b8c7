using System.Globalization;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>
/// The hidden <c>_map</c> sheet: which method and language the workbook was made for, its layout's fingerprint and sizes
/// (what the reader needs to rebuild the layout), then, for people and other tools, every input range and the JSON pointer
/// it maps to (<c>{item}</c>: the index of the row among the filled rows; <c>{key}</c>: the key in the row's or column's header).
/// </summary>
internal static class MapSheet
{
    public const string Marker = "RseRules input workbook";
    public const int FormatVersion = 1;

    /// <summary>What a <c>_map</c> sheet says.</summary>
    public sealed record Header(string Method, string Language, string Fingerprint, string Kind, IReadOnlyDictionary<string, int> Sizes);

    public static SheetPlan Build(WorkbookLayout layout, MethodDefinition method, string kind)
    {
        var plan = new SheetPlan(LayoutBuilder.MapSheetName) { Hidden = true };
        plan.Text(1, 1, Marker);
        plan.At(1, 2).SetNumber(FormatVersion);
        plan.Text(2, 1, "method");
        plan.Text(2, 2, method.Reference);
        plan.Text(2, 3, method.Sha256);
        plan.Text(3, 1, "language");
        plan.Text(3, 2, layout.Texts.Language);
        plan.Text(4, 1, "layout");
        plan.Text(4, 2, layout.Fingerprint());
        plan.Text(5, 1, "kind");
        plan.Text(5, 2, kind);
        plan.Text(6, 1, "note");
        plan.Text(6, 2, "Sizes rebuild the layout ('rse inputs import' reads them). Cells: each input range and the JSON pointer it maps to; {item} is the index of the row among the filled rows, {key} the key in the row's or column's header.");
        var row = 8;
        foreach (var (key, value) in layout.Sizes.Used)
        {
            plan.Text(row, 1, "size");
            plan.Text(row, 2, key);
            plan.At(row, 3).SetNumber(value);
            row++;
        }

        row++;
        string[] headers = ["cells", "pointer", "role", "value"];
        for (var c = 0; c < headers.Length; c++)
        {
            plan.Text(row, c + 1, headers[c], CellStyle.Header);
        }

        row++;
        foreach (var (range, pattern, role, kindOfValue) in Ranges(layout))
        {
            plan.Text(row, 1, range);
            plan.Text(row, 2, pattern);
            plan.Text(row, 3, role);
            plan.Text(row, 4, kindOfValue);
            row++;
        }

        plan.Width(1, 40);
        plan.Width(2, 60);
        return plan;
    }

    /// <summary>The input cells grouped by sheet, pointer pattern and role: a rectangle they fill whole is one range.</summary>
    private static IEnumerable<(string Range, string Pattern, string Role, string Kind)> Ranges(WorkbookLayout layout)
    {
        foreach (var sheet in layout.Sheets.Where(s => !s.Hidden))
        {
            var groups = sheet.Ordered.Where(c => c.Cell.Input is not null)
                .GroupBy(c => (c.Cell.Input!.Pattern, c.Cell.Input.Role, c.Cell.Input.Kind))
                .OrderBy(g => g.Min(c => c.At.Row)).ThenBy(g => g.Min(c => c.At.Column));
            foreach (var g in groups)
            {
                var (top, bottom) = (g.Min(c => c.At.Row), g.Max(c => c.At.Row));
                var (left, right) = (g.Min(c => c.At.Column), g.Max(c => c.At.Column));
                var role = g.Key.Role.ToString().ToLowerInvariant();
                var kind = g.Key.Kind.ToString().ToLowerInvariant();
                if ((long)(bottom - top + 1) * (right - left + 1) == g.Count())
                {
                    var range = CellReferences.QuoteSheet(sheet.Name) + "!" + CellReferences.Format(top, left)
                        + (top == bottom && left == right ? string.Empty : ":" + CellReferences.Format(bottom, right));
                    yield return (range, g.Key.Pattern, role, kind);
                }
                else
                {
                    foreach (var (at, _) in g)
                    {
                        yield return (CellReferences.Name(sheet.Name, at.Row, at.Column), g.Key.Pattern, role, kind);
                    }
                }
            }
        }
    }

    /// <summary>Reads a <c>_map</c> sheet's header; null with the reason when it is not one.</summary>
    public static (Header? Header, string? Error) Parse(Func<int, int, string?> text, int maxSize)
    {
        if (text(1, 1) != Marker)
        {
            return (null, "its hidden sheet _map does not start with the marker of an input workbook.");
        }

        if (text(1, 2) != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            return (null, $"its _map sheet has format {text(1, 2) ?? "(none)"}; this rse reads format {FormatVersion}.");
        }

        if (text(2, 1) != "method" || text(3, 1) != "language" || text(4, 1) != "layout" || text(5, 1) != "kind")
        {
            return (null, "its _map sheet is damaged (method, language, layout and kind are expected in rows 2 to 5).");
        }

        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 8; text(row, 1) == "size"; row++)
        {
            var key = text(row, 2);
            if (key is null || !int.TryParse(text(row, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > maxSize)
            {
                return (null, $"its _map sheet has a bad size in row {row}.");
            }

            sizes[key] = value;
        }

        return (new Header(text(2, 2) ?? string.Empty, text(3, 2) ?? string.Empty, text(4, 2) ?? string.Empty, text(5, 2) ?? string.Empty, sizes), null);
    }
}
