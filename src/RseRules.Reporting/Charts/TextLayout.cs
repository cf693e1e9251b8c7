using System.Globalization;
using System.Text;

namespace RseRules.Reporting.Charts;

/// <summary>
/// Estimates text widths (no font is measured: the estimate errs on the wide side of common sans-serif fonts)
/// and wraps text into lines, so that layouts are computed the same everywhere.
/// </summary>
internal static class TextLayout
{
    private const string Ellipsis = "…";

    /// <summary>The estimated width of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += c switch
            {
                ' ' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'i' or 'j' or 'l' or 'I' => 0.3,
                'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '-' => 0.38,
                'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.9,
                >= 'A' and <= 'Z' => 0.7,
                >= '0' and <= '9' => 0.58,
                _ when char.IsLowSurrogate(c) => 0,
                _ => 0.58,
            };
        }

        return em * fontSize * (bold ? 1.08 : 1.0);
    }

    /// <summary>The widest of <paramref name="texts"/>, 0 when there are none.</summary>
    public static double MaxWidth(IEnumerable<string> texts, double fontSize, bool bold = false)
    {
        var max = 0.0;
        foreach (var text in texts)
        {
            max = Math.Max(max, Width(text, fontSize, bold));
        }

        return max;
    }

    /// <summary>
    /// Wraps <paramref name="text"/> at spaces into lines no wider than <paramref name="maxWidth"/>, breaking a word
    /// too long for a line, and ending with an ellipsis when more than <paramref name="maxLines"/> lines are needed.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double fontSize, int maxLines, bool bold = false)
    {
        var words = text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in words)
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (Width(candidate, fontSize, bold) <= maxWidth)
            {
                current.Clear().Append(candidate);
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            var rest = word;
            while (Width(rest, fontSize, bold) > maxWidth && rest.Length > 1)
            {
                var take = Fit(rest, maxWidth, fontSize, bold);
                lines.Add(rest[..take]);
                rest = rest[take..];
            }

            current.Append(rest);
        }

        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current.ToString());
        }

        if (lines.Count <= maxLines)
        {
            return lines;
        }

        var kept = lines.Take(maxLines).ToList();
        kept[^1] = Shorten(string.Join(' ', lines.Skip(maxLines - 1)), maxWidth, fontSize, bold);
        return kept;
    }

    /// <summary>Shortens <paramref name="text"/> with an ellipsis so that it fits <paramref name="maxWidth"/>.</summary>
    public static string Shorten(string text, double maxWidth, double fontSize, bool bold = false)
    {
        if (Width(text, fontSize, bold) <= maxWidth)
        {
            return text;
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        var result = new StringBuilder();
        while (elements.MoveNext())
        {
            var next = result + elements.GetTextElement();
            if (Width(next + Ellipsis, fontSize, bold) > maxWidth)
            {
                break;
            }

            result.Append(elements.GetTextElement());
        }

        return result.ToString().TrimEnd() + Ellipsis;
    }

    private static int Fit(string text, double maxWidth, double fontSize, bool bold)
    {
        var take = 1;
        while (take < text.Length && Width(text[..(take + 1)], fontSize, bold) <= maxWidth)
        {
            take++;
        }

        if (take < text.Length && char.IsHighSurrogate(text[take - 1]))
        {
            take = take > 1 ? take - 1 : take + 1;
        }

        return take;
    }
}
