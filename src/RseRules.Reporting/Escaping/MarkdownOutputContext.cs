using System.Text;

namespace RseRules.Reporting.Escaping;

/// <summary>
/// Follows a (GitHub-flavoured) Markdown document as it is written — fenced code blocks, code spans, link destinations,
/// table rows, the start of a block — and escapes each value so that it stays text where it falls:
/// <list type="bullet">
/// <item>text: every character with an inline meaning backslash-escaped (<c>\ ` * _ [ ] &lt; &gt; | ~ $</c>, and
/// <c>&amp;</c> before what would be an entity, and the <c>:</c> or <c>.</c> of what GFM would make a link of —
/// <c>http://</c>, <c>www.</c>, <c>mailto:</c>), at the start of a block also what would open a heading, a list, a quote
/// or a rule (<c># - + = 1.</c>); line breaks as spaces (a value cannot start a new block);</item>
/// <item>code span: a backtick cannot close it (written <c>ˋ</c>), a pipe in a table row is <c>\|</c>;</item>
/// <item>fenced code block: as is, except a line that would close the fence, indented so that it cannot;</item>
/// <item>link destination: percent-encoded, and a scheme other than http, https and mailto blocked.</item>
/// </list>
/// Raw HTML in the values is escaped with the rest, so a Markdown report carries no markup from its data either.
/// </summary>
internal sealed class MarkdownOutputContext : IOutputContext
{
    private readonly StringBuilder line = new();
    private char fence;
    private int fenceLength;
    private int codeSpan;
    private int backticks;
    private bool backslash;
    private bool linkDestination;
    private char previous;

    public void Feed(string text, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            Step(text[i]);
        }
    }

    public IOutputContext Clone()
    {
        var copy = new MarkdownOutputContext
        {
            fence = fence, fenceLength = fenceLength, codeSpan = codeSpan, backticks = backticks, backslash = backslash,
            linkDestination = linkDestination, previous = previous,
        };
        copy.line.Append(line);
        return copy;
    }

    public bool SameState(IOutputContext other) =>
        other is MarkdownOutputContext o && o.fence == fence && o.codeSpan > 0 == codeSpan > 0 && o.linkDestination == linkDestination;

    public bool AcceptsMarkup(out string? refusal)
    {
        refusal = fence == '\0' && codeSpan == 0 && !linkDestination ? null : "Markup the engine produced (a chart) cannot be placed inside code or a link.";
        return refusal is null;
    }

    public string? Escape(string value, out string? refusal)
    {
        refusal = null;
        if (fence != '\0')
        {
            return FencedText(value);
        }

        if (backticks > 0)
        {
            EndBacktickRun(); // a run of backticks right before the value opens or closes a code span
        }

        if (codeSpan > 0)
        {
            var sb = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                sb.Append(c switch
                {
                    '`' => "\u02CB",
                    '|' when IsTableRow => "\\|",
                    '\r' or '\n' or '\t' => " ",
                    < ' ' or '\u007F' => "\uFFFD",
                    _ => c.ToString(),
                });
            }

            return sb.ToString();
        }

        if (linkDestination)
        {
            return LinkDestination(value);
        }

        // Surrounding spaces would undo the template's own emphasis ("**{{ name }}**") and trailing ones before a line
        // end are a hard line break: a value starts after an emphasis mark, and ends, without them.
        value = value.TrimEnd(' ', '\t', '\r', '\n');
        if (previous is '*' or '_' or '~')
        {
            value = value.TrimStart(' ', '\t', '\r', '\n');
        }

        return Text(value, AtBlockStart);
    }

    /// <summary>Whether the current line so far holds nothing but indentation and list or quote markers.</summary>
    private bool AtBlockStart
    {
        get
        {
            var i = 0;
            while (true)
            {
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i == line.Length)
                {
                    return true;
                }

                var markerEnd = i;
                if (line[i] is '>' or '-' or '+' or '*')
                {
                    markerEnd = i + 1;
                }
                else
                {
                    while (markerEnd < line.Length && markerEnd - i < 9 && char.IsAsciiDigit(line[markerEnd]))
                    {
                        markerEnd++;
                    }

                    if (markerEnd == i || markerEnd == line.Length || line[markerEnd] is not ('.' or ')'))
                    {
                        return false;
                    }

                    markerEnd++;
                }

                if (line[i] != '>' && (markerEnd == line.Length || line[markerEnd] is not (' ' or '\t')))
                {
                    return false;
                }

                i = markerEnd;
            }
        }
    }

    private bool IsTableRow => line.ToString().TrimStart().StartsWith('|');

    /// <summary>Text: inline metacharacters escaped; at a block's start, block openers too; line breaks as spaces.</summary>
    internal static string Text(string value, bool atBlockStart)
    {
        var sb = new StringBuilder(value.Length + 8);
        var start = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\r' or '\n' or '\t')
            {
                c = ' ';
            }

            if (start && atBlockStart)
            {
                if (c == ' ')
                {
                    continue; // leading spaces would make an indented code block
                }

                start = false;
                if (c is '#' or '-' or '+' or '=')
                {
                    sb.Append('\\').Append(c);
                    continue;
                }

                if (char.IsAsciiDigit(c))
                {
                    var j = i;
                    while (j < value.Length && char.IsAsciiDigit(value[j]))
                    {
                        j++;
                    }

                    sb.Append(value, i, j - i);
                    if (j < value.Length && value[j] is '.' or ')')
                    {
                        sb.Append('\\').Append(value[j]);
                        j++;
                    }

                    i = j - 1;
                    continue;
                }
            }

            start = false;
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '$':
                    sb.Append('\\').Append(c);
                    break;
                case '&' when i + 1 < value.Length && (char.IsAsciiLetterOrDigit(value[i + 1]) || value[i + 1] == '#'):
                    sb.Append("\\&");
                    break;
                case ':' when value.AsSpan(i).StartsWith("://", StringComparison.Ordinal) || EndsWithWord(value, i, "mailto"):
                case '.' when EndsWithWord(value, i, "www"):
                    sb.Append('\\').Append(c); // no autolink (GFM links bare http://, www. and mailto: addresses)
                    break;
                case < ' ' or '\u007F':
                    sb.Append('\uFFFD');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool EndsWithWord(string value, int end, string word) =>
        end >= word.Length && value.AsSpan(end - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Inside a fenced code block: every line as is, but one that would close the fence indented by four spaces.</summary>
    private string FencedText(string value)
    {
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sb = new StringBuilder(value.Length + 8);
        for (var k = 0; k < lines.Length; k++)
        {
            var l = lines[k];
            var lineStart = k > 0 || line.ToString().Trim(' ').Length == 0 && line.Length <= 3;
            if (lineStart && ClosesFence((k == 0 ? line.ToString() : string.Empty) + l))
            {
                sb.Append("    ");
            }

            foreach (var c in l)
            {
                sb.Append(c == '\r' ? ' ' : (c < ' ' && c != '\t') || c == '\u007F' ? '\uFFFD' : c);
            }

            if (k < lines.Length - 1)
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private bool ClosesFence(string candidate)
    {
        var trimmed = candidate.TrimStart(' ');
        if (candidate.Length - trimmed.Length > 3)
        {
            return false;
        }

        var run = 0;
        while (run < trimmed.Length && trimmed[run] == fence)
        {
            run++;
        }

        return run >= 3;
    }

    private static string LinkDestination(string value)
    {
        var safe = HtmlOutputContext.SafeUrl(value);
        var sb = new StringBuilder(safe.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(safe))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':' or '/' or '?' or '#' or '@' or '!' or '$' or '&' or '+' or ',' or ';' or '=' or '%'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private void Step(char c)
    {
        if (c == '`' && !backslash && fence == '\0')
        {
            backticks++;
            line.Append(c);
            previous = c;
            return;
        }

        if (backticks > 0)
        {
            EndBacktickRun();
        }

        if (c == '\n')
        {
            EndLine();
            return;
        }

        if (fence == '\0' && codeSpan == 0)
        {
            if (linkDestination && !backslash && c == ')')
            {
                linkDestination = false;
            }
            else if (!linkDestination && !backslash && c == '(' && previous == ']')
            {
                linkDestination = true;
            }
        }

        backslash = !backslash && c == '\\' && codeSpan == 0;
        line.Append(c);
        previous = c;
    }

    private void EndBacktickRun()
    {
        var run = backticks;
        backticks = 0;
        if (line.ToString().TrimStart(' ').Length == run && run >= 3 && line.Length - run <= 3)
        {
            return; // a fence line: decided at the end of the line
        }

        if (codeSpan == 0)
        {
            codeSpan = run;
        }
        else if (codeSpan == run)
        {
            codeSpan = 0;
        }
    }

    private void EndLine()
    {
        var text = line.ToString();
        if (fence == '\0')
        {
            var trimmed = text.TrimStart(' ');
            if (text.Length - trimmed.Length <= 3 && trimmed.Length >= 3 && trimmed[0] is '`' or '~')
            {
                var run = 0;
                while (run < trimmed.Length && trimmed[run] == trimmed[0])
                {
                    run++;
                }

                if (run >= 3 && (trimmed[0] == '~' || !trimmed[run..].Contains('`', StringComparison.Ordinal)))
                {
                    fence = trimmed[0];
                    fenceLength = run;
                }
            }
        }
        else if (ClosesFence(text) && text.TrimStart(' ').TrimStart(fence).Trim().Length == 0 && text.TrimStart(' ').Length >= fenceLength)
        {
            fence = '\0';
            fenceLength = 0;
        }

        line.Clear();
        codeSpan = 0;
        linkDestination = false;
        backslash = false;
        previous = '\n';
    }
}
