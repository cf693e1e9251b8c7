using System.Text;

namespace RseRules.Core.Compilation;

/// <summary>Splits a rule message into literal text and <c>{expression}</c> holes (<c>{{</c>, <c>}}</c> are literal braces).</summary>
internal static class MessageTemplate
{
    public readonly record struct Part(bool IsHole, string Text, int Offset);

    /// <summary>The parts; an unclosed hole is returned as a hole whose text runs to the end (it will fail to parse).</summary>
    public static IReadOnlyList<Part> Split(string message)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var i = 0;
        while (i < message.Length)
        {
            var c = message[i];
            if ((c == '{' || c == '}') && i + 1 < message.Length && message[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part(false, literal.ToString(), literalStart));
                literal.Clear();
            }

            var start = i + 1;
            var depth = 0;
            var j = start;
            char? quote = null;
            for (; j < message.Length; j++)
            {
                var d = message[j];
                if (quote is not null)
                {
                    if (d == '\\')
                    {
                        j++;
                    }
                    else if (d == quote)
                    {
                        quote = null;
                    }

                    continue;
                }

                if (d is '"' or '\'')
                {
                    quote = d;
                }
                else if (d is '{' or '(' or '[')
                {
                    depth++;
                }
                else if (d is ')' or ']')
                {
                    depth--;
                }
                else if (d == '}')
                {
                    if (depth == 0)
                    {
                        break;
                    }

                    depth--;
                }
            }

            parts.Add(new Part(true, message[start..Math.Min(j, message.Length)], start));
            i = j + 1;
            literalStart = i;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(false, literal.ToString(), literalStart));
        }

        return parts;
    }
}
