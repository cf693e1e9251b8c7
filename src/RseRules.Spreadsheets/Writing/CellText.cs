using System.Globalization;
using System.Text;

namespace RseRules.Spreadsheets.Writing;

/// <summary>
/// Text in cells: SpreadsheetML writes a character XML cannot hold (a control character, a lone surrogate) and a carriage
/// return as <c>_xHHHH_</c>, and a literal <c>_xHHHH_</c> with its underscore escaped (<c>_x005F_xHHHH_</c>), as Excel does;
/// <see cref="Decode"/> reverses it, so any JSON string survives the round trip.
/// </summary>
internal static class CellText
{
    /// <summary>The text as a cell stores it.</summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '\t' or '\n' => false,
                < ' ' or '\r' or '\uFFFE' or '\uFFFF' => true,
                _ when char.IsHighSurrogate(c) => i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]),
                _ when char.IsLowSurrogate(c) => i == 0 || !char.IsHighSurrogate(text[i - 1]),
                '_' => IsEscape(text, i),
                _ => false,
            };
            if (escape)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length + 16);
                sb.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>The text a cell stores, with its <c>_xHHHH_</c> escapes decoded.</summary>
    public static string Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.Contains("_x", StringComparison.Ordinal))
        {
            return stored;
        }

        var sb = new StringBuilder(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (IsEscape(stored, i))
            {
                sb.Append((char)int.Parse(stored.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 6;
            }
            else
            {
                sb.Append(stored[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Text that is not data (labels in prompts, comments): characters XML cannot hold are dropped.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                }

                continue;
            }

            if ((c >= ' ' && c != '\uFFFE' && c != '\uFFFF') || c is '\t' or '\n')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool IsEscape(string s, int i) =>
        i + 6 < s.Length && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_'
        && char.IsAsciiHexDigit(s[i + 2]) && char.IsAsciiHexDigit(s[i + 3]) && char.IsAsciiHexDigit(s[i + 4]) && char.IsAsciiHexDigit(s[i + 5]);
}
