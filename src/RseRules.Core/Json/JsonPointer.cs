using System.Text;

namespace RseRules.Core.Json;

/// <summary>RFC 6901 JSON pointers: building, escaping, and conversion from NJsonSchema paths.</summary>
public static class JsonPointer
{
    /// <summary>Escapes one reference token (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Appends a property name to a pointer.</summary>
    public static string Append(string pointer, string property) => pointer + "/" + Escape(property);

    /// <summary>Appends an array index to a pointer.</summary>
    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits a pointer into unescaped reference tokens.</summary>
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>
    /// The value a pointer names under <paramref name="root"/> (the root itself for the empty pointer), or null when a
    /// member is missing, an index is not a valid position of its array, or a token goes through a value that is neither.
    /// </summary>
    public static Newtonsoft.Json.Linq.JToken? Resolve(Newtonsoft.Json.Linq.JToken? root, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var token = root;
        foreach (var segment in Parse(pointer))
        {
            token = token switch
            {
                Newtonsoft.Json.Linq.JObject o => o[segment],
                Newtonsoft.Json.Linq.JArray a when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (token is null)
            {
                return null;
            }
        }

        return token;
    }

    /// <summary>
    /// Converts a Json.NET / NJsonSchema path (<c>#/a.b[1]</c>, <c>a['x.y'][0]</c>) to an RFC 6901 pointer.
    /// </summary>
    public static string FromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        var p = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#', '$');
        var sb = new StringBuilder();
        var i = 0;
        while (i < p.Length)
        {
            var c = p[i];
            if (c == '.')
            {
                i++;
                continue;
            }

            if (c == '[')
            {
                if (i + 1 < p.Length && (p[i + 1] == '\'' || p[i + 1] == '"'))
                {
                    // A quoted name, escaped the JavaScript way (Json.NET writes \\, \', \n, \uXXXX… inside ['…']).
                    var (name, end) = ReadQuoted(p, i + 1);
                    sb.Append('/').Append(Escape(name));
                    i = Math.Min(p.Length, end + 2);
                }
                else
                {
                    var end = p.IndexOf(']', i);
                    if (end < 0)
                    {
                        end = p.Length;
                    }

                    sb.Append('/').Append(p[(i + 1)..end]);
                    i = Math.Min(p.Length, end + 1);
                }

                continue;
            }

            var stop = i;
            while (stop < p.Length && p[stop] != '.' && p[stop] != '[')
            {
                stop++;
            }

            sb.Append('/').Append(Escape(p[i..stop]));
            i = stop;
        }

        return sb.ToString();
    }

    /// <summary>Reads a quoted, backslash-escaped name starting at its opening quote; returns it and the index of its closing quote.</summary>
    private static (string Name, int End) ReadQuoted(string p, int open)
    {
        var quote = p[open];
        var sb = new StringBuilder();
        var i = open + 1;
        while (i < p.Length && p[i] != quote)
        {
            if (p[i] != '\\' || i + 1 >= p.Length)
            {
                sb.Append(p[i++]);
                continue;
            }

            var e = p[i + 1];
            if (e == 'u' && i + 6 <= p.Length && int.TryParse(p.AsSpan(i + 2, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 6;
                continue;
            }

            sb.Append(e switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => e,
            });
            i += 2;
        }

        return (sb.ToString(), i);
    }
}
