using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Spreadsheets.Layout;

namespace RseRules.Spreadsheets.Reading;

/// <summary>
/// Turns a cell into a JSON value of its kind, or says why it cannot: numbers exactly (a number cell's stored double, or
/// a text written with a decimal point or a French decimal comma, spaces between thousands, a trailing %), whole numbers,
/// yes/no, an enum's label or value, a scale's level or label, text, JSON, a distribution's name.
/// </summary>
internal sealed class CellParser(Texts texts, IReadOnlyDictionary<string, ScaleDefinition> scales)
{
    /// <summary>The value, or null with <paramref name="error"/> set (null too for an empty cell, without error).</summary>
    public JToken? Parse(RawCell cell, ValueKind kind, TypeSpec type, out string? error)
    {
        error = null;
        if (!cell.IsFilled)
        {
            return null;
        }

        if (cell.Value is null)
        {
            error = "holds a formula without a computed value: type the value, or open and save the workbook in a spreadsheet application first.";
            return null;
        }

        if (cell.Type == "e")
        {
            error = $"holds the error value {Quote(cell.Value)}.";
            return null;
        }

        return kind switch
        {
            ValueKind.Number => Number(cell, whole: false, out error),
            ValueKind.Integer => Number(cell, whole: true, out error),
            ValueKind.Boolean => Boolean(cell, out error),
            ValueKind.Text => new JValue(Text(cell)),
            ValueKind.Enum => Enum(cell, type, out error),
            ValueKind.Scale => Scale(cell, type, out error),
            ValueKind.Distribution => Distribution(cell, out error),
            _ => Json(cell, out error),
        };
    }

    /// <summary>The text a cell shows: a string as is, a number in its shortest exact form, a boolean as true or false.</summary>
    public static string Text(RawCell cell) => cell switch
    {
        { Type: "b" } => cell.Value == "1" ? "true" : "false",
        { IsNumeric: true } when double.TryParse(cell.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => CanonicalJson.FormatNumber(d),
        _ => cell.Value ?? string.Empty,
    };

    public static string Quote(string? text)
    {
        var t = (text ?? string.Empty).ReplaceLineEndings(" ");
        return "\"" + (t.Length > 60 ? t[..57] + "..." : t) + "\"";
    }

    private static JValue? Number(RawCell cell, bool whole, out string? error)
    {
        error = null;
        double value;
        if (cell.Type == "b")
        {
            error = $"{Quote(cell.Value == "1" ? "TRUE" : "FALSE")} is not a number.";
            return null;
        }

        if (cell.IsNumeric)
        {
            if (!double.TryParse(cell.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                error = $"{Quote(cell.Value)} is not a number.";
                return null;
            }
        }
        else
        {
            var text = Normalize(cell.Value!);
            if (whole && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
            {
                return new JValue(exact);
            }

            if (ParseText(text) is not { } parsed)
            {
                error = $"{Quote(cell.Value)} is not a number.";
                return null;
            }

            value = parsed;
        }

        if (!double.IsFinite(value))
        {
            error = $"{Quote(cell.Value)} is not a finite number.";
            return null;
        }

        if (whole)
        {
            if (value != Math.Floor(value))
            {
                error = $"{Quote(Text(cell))} is not a whole number.";
                return null;
            }

            if (Math.Abs(value) >= 9.2e18)
            {
                error = $"{Quote(Text(cell))} is too large for a whole number.";
                return null;
            }

            return new JValue((long)value);
        }

        return value == Math.Floor(value) && Math.Abs(value) < 1e15 ? new JValue((long)value) : new JValue(value);
    }

    /// <summary>Spaces (also no-break and thin) dropped, a Unicode minus made ASCII.</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '\u00A0' or '\u202F' or '\u2009' or '\t')
            {
                continue;
            }

            sb.Append(c == '\u2212' ? '-' : c);
        }

        return sb.ToString();
    }

    /// <summary>A number written as text: one decimal point or comma (not both), an optional exponent, an optional trailing %.</summary>
    private static double? ParseText(string text)
    {
        var percent = text.EndsWith('%');
        if (percent)
        {
            text = text[..^1];
        }

        if (text.Length == 0 || text.Length > 400 || (text.Contains(',', StringComparison.Ordinal) && text.Contains('.', StringComparison.Ordinal)) || text.Count(c => c == ',') > 1)
        {
            return null;
        }

        text = text.Replace(',', '.');
        if (percent)
        {
            // Divided by 100 in the text itself, so that "12,5 %" is the double nearest 0.125 exactly (a division could round twice).
            var e = text.IndexOfAny(['e', 'E']);
            var exponent = 0;
            if (e >= 0)
            {
                if (!int.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 10_000)
                {
                    return null;
                }

                text = text[..e];
            }

            text = text + "e" + (exponent - 2).ToString(CultureInfo.InvariantCulture);
        }

        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static readonly string[] YesWords = ["oui", "yes", "true", "vrai", "1", "o", "y"];
    private static readonly string[] NoWords = ["non", "no", "false", "faux", "0", "n"];

    private JValue? Boolean(RawCell cell, out string? error)
    {
        error = null;
        var text = Text(cell).Trim();
        if (YesWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return new JValue(true);
        }

        if (NoWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return new JValue(false);
        }

        error = $"{Quote(text)} is not {texts.Yes} or {texts.No}.";
        return null;
    }

    private JValue? Enum(RawCell cell, TypeSpec type, out string? error)
    {
        error = null;
        var text = Text(cell).Trim();
        var choices = Choices.Enum(type, texts);
        var match = choices.FirstOrDefault(c => c.Display == text).Value
            ?? type.Values.FirstOrDefault(v => v.Value == text)?.Value
            ?? choices.FirstOrDefault(c => string.Equals(c.Display, text, StringComparison.OrdinalIgnoreCase)).Value
            ?? type.Values.FirstOrDefault(v => string.Equals(v.Value, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(v.Label?.Fr.Trim(), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(v.Label?.En.Trim(), text, StringComparison.OrdinalIgnoreCase))?.Value;
        if (match is null)
        {
            error = $"{Quote(text)} is not one of: {string.Join(", ", choices.Select(c => c.Display))}.";
            return null;
        }

        return new JValue(match);
    }

    private JValue? Scale(RawCell cell, TypeSpec type, out string? error)
    {
        error = null;
        var scale = type.Scale is null ? null : scales.GetValueOrDefault(type.Scale);
        var text = Text(cell).Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var level))
        {
            return new JValue(level);
        }

        if (scale is not null)
        {
            var choices = Choices.Scale(scale, texts);
            var match = choices.FirstOrDefault(c => string.Equals(c.Display, text, StringComparison.OrdinalIgnoreCase));
            if (match.Display is not null)
            {
                return new JValue(match.Level);
            }

            var digits = 0;
            while (digits < text.Length && (char.IsAsciiDigit(text[digits]) || (digits == 0 && text[0] is '-' or '+')))
            {
                digits++;
            }

            var rest = text[digits..].TrimStart();
            if (digits > 0 && rest.Length > 0 && rest[0] is '—' or '–' or '-' or ':' or '='
                && long.TryParse(text.AsSpan(0, digits), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out level))
            {
                return new JValue(level);
            }

            foreach (var (l, label) in scale.Levels)
            {
                if (string.Equals(label.Fr.Trim(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(label.En.Trim(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return new JValue(l);
                }
            }

            error = $"{Quote(text)} is not a level of the scale: {string.Join(", ", choices.Select(c => c.Display))}.";
            return null;
        }

        error = $"{Quote(text)} is not a level.";
        return null;
    }

    private JValue? Distribution(RawCell cell, out string? error)
    {
        error = null;
        var text = Text(cell).Trim();
        foreach (var name in Choices.DistributionNames)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Texts.French.DistributionName(name), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Texts.EnglishTexts.DistributionName(name), text, StringComparison.OrdinalIgnoreCase))
            {
                return new JValue(name);
            }
        }

        error = $"{Quote(text)} is not a distribution: {string.Join(", ", Choices.Distributions(texts))}.";
        return null;
    }

    private static JToken? Json(RawCell cell, out string? error)
    {
        error = null;
        if (cell.IsNumeric)
        {
            return Number(cell, whole: false, out error);
        }

        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Parse(Text(cell), "cell", diagnostics);
        if (source is null)
        {
            error = $"{Quote(cell.Value)} is not valid JSON: {diagnostics.FirstOrDefault()?.Message}";
            return null;
        }

        return source.Root;
    }
}
