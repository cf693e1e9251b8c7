using System.Globalization;
using RseRules.Core.Json;

namespace RseRules.Web.Forms;

/// <summary>
/// Numbers as a form shows them and reads them back, exactly: the shortest text that round-trips (no grouping), a
/// decimal comma in French; a share (unit <c>fraction</c>) as a percentage by moving the decimal point two places in
/// the text, never by multiplying (0.07 shows as 7 and reads back as 0.07, the same double).
/// </summary>
public static class FormNumbers
{
    /// <summary>The text of a number in an input.</summary>
    public static string Format(double value, bool percent, string language)
    {
        var text = CanonicalJson.FormatNumber(value);
        if (percent)
        {
            text = Shift(text, 2);
        }

        return language == "fr" ? text.Replace('.', ',') : text;
    }

    /// <summary>Reads what a user typed: spaces and grouping ignored, a decimal comma accepted in French (a dot too).</summary>
    /// <returns>The number, or null with <paramref name="error"/> saying why.</returns>
    public static double? Parse(string text, bool percent, string language, out string? error)
    {
        error = null;
        var t = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F' && c != '_' && c != '%')]);
        if (language == "fr")
        {
            // "1.234,5" (grouping dots) or "1234,5" or "1234.5".
            t = t.Contains(',', StringComparison.Ordinal) ? t.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.') : t;
        }
        else
        {
            t = t.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        t = t.Replace('\u2212', '-'); // the minus sign a word processor types
        if (t.Length == 0 || t.Length > 800 || !t.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E'))
        {
            error = "not a number";
            return null;
        }

        if (percent)
        {
            t = Shift(t, -2);
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            error = "not a number";
            return null;
        }

        return value == 0 ? 0 : value; // no -0
    }

    /// <summary>Moves the decimal point of a number's text by <paramref name="places"/> (right when positive).</summary>
    internal static string Shift(string text, int places)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return text;
            }

            text = text[..e];
        }

        var negative = text.StartsWith('-');
        text = text.TrimStart('-', '+');
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var point = (dot < 0 ? text.Length : dot) + places + exponent;
        if (point <= 0)
        {
            digits = new string('0', 1 - point) + digits;
            point = 1;
        }
        else if (point > digits.Length)
        {
            digits += new string('0', point - digits.Length);
        }

        var whole = digits[..point].TrimStart('0');
        var fraction = digits[point..].TrimEnd('0');
        var result = (whole.Length == 0 ? "0" : whole) + (fraction.Length == 0 ? string.Empty : "." + fraction);
        return negative && result != "0" ? "-" + result : result;
    }
}
