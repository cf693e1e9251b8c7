using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace RseRules.Core.Json;

/// <summary>
/// The canonical form of a JSON value, used for every hash the engine computes. It is documented in
/// README.md ("Hashes"): no insignificant white space; object members sorted by name (ordinal, UTF-16 code
/// units); strings with only <c>"</c>, <c>\</c> and control characters escaped (<c>\b \f \n \r \t</c>, else
/// <c>\u00XX</c> in lower-case hex); numbers that are whole and below 1e15 in absolute value written as integers,
/// others in .NET's shortest round-trip form ("R") with the exponent written <c>e+NN</c> / <c>e-NN</c>
/// (<c>1e-07</c>, <c>2.5e+20</c>; 1e15 and above, when whole, in full digits as .NET prints them);
/// UTF-8 without BOM.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of a value.</summary>
    public static string Write(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var sb = new StringBuilder();
        Write(token, sb);
        return sb.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 canonical text.</summary>
    public static string Sha256(JToken token) => Sha256(Write(token));

    /// <summary>The canonical text of an object without one of its members (as if it had been removed from a copy,
    /// without copying it): what a record's own hash is computed over.</summary>
    public static string WriteWithout(JObject obj, string member)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(member);
        var sb = new StringBuilder();
        WriteObject(obj, sb, member);
        return sb.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of a text's UTF-8 bytes.</summary>
    public static string Sha256(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Formats a number the canonical way.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinite numbers.");
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        var mantissa = r[..e];
        var exponent = r[(e + 1)..];
        if (!exponent.StartsWith('-') && !exponent.StartsWith('+'))
        {
            exponent = "+" + exponent;
        }

        return mantissa + "e" + exponent;
    }

    /// <summary>Writes a string literal the canonical way.</summary>
    public static void WriteString(string s, StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append('"');
        var rest = s.AsSpan();
        while (true)
        {
            // Runs of characters that need no escape are appended whole.
            var next = rest.IndexOfAny(Escaped);
            if (next < 0)
            {
                sb.Append(rest);
                break;
            }

            sb.Append(rest[..next]);
            var c = rest[next];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }

            rest = rest[(next + 1)..];
        }

        sb.Append('"');
    }

    /// <summary>The characters a canonical string escapes: the quote, the backslash and the control characters.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>Appends a number the canonical way (<see cref="FormatNumber"/>), without a string in the usual cases.</summary>
    public static void AppendNumber(double value, StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (double.IsFinite(value))
        {
            if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{(long)value}");
                return;
            }

            Span<char> buffer = stackalloc char[32];
            if (value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture) && buffer[..written].IndexOf('E') < 0)
            {
                sb.Append(buffer[..written]);
                return;
            }
        }

        sb.Append(FormatNumber(value));
    }

    /// <summary>
    /// Indented text for people and files (records, schemas): members keep their order, two-space indentation,
    /// numbers and strings written as in the canonical form, a final newline. Deterministic.
    /// </summary>
    public static string WriteIndented(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var sb = new StringBuilder();
        WriteIndented(token, sb, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteIndented(JToken token, StringBuilder sb, int depth)
    {
        switch (token)
        {
            case JObject o when o.Count > 0:
                sb.Append("{\n");
                var i = 0;
                foreach (var p in o.Properties())
                {
                    sb.Append(' ', (depth + 1) * 2);
                    WriteString(p.Name, sb);
                    sb.Append(": ");
                    WriteIndented(p.Value, sb, depth + 1);
                    sb.Append(++i < o.Count ? ",\n" : "\n");
                }

                sb.Append(' ', depth * 2).Append('}');
                break;
            case JArray a when a.Count > 0 && a.All(x => x is JValue):
                sb.Append('[');
                for (var k = 0; k < a.Count; k++)
                {
                    sb.Append(k > 0 ? ", " : string.Empty);
                    Write(a[k], sb);
                }

                sb.Append(']');
                break;
            case JArray a when a.Count > 0:
                sb.Append("[\n");
                for (var k = 0; k < a.Count; k++)
                {
                    sb.Append(' ', (depth + 1) * 2);
                    WriteIndented(a[k], sb, depth + 1);
                    sb.Append(k + 1 < a.Count ? ",\n" : "\n");
                }

                sb.Append(' ', depth * 2).Append(']');
                break;
            default:
                Write(token, sb);
                break;
        }
    }

    /// <summary>The canonical text of an object without two of its members (see <see cref="WriteWithout(JObject, string)"/>).</summary>
    public static string WriteWithout(JObject obj, string member, string otherMember)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(otherMember);
        var sb = new StringBuilder();
        WriteObject(obj, sb, member, otherMember);
        return sb.ToString();
    }

    private static void WriteObject(JObject obj, StringBuilder sb, string? omitted, string? alsoOmitted = null)
    {
        sb.Append('{');
        var first = true;
        foreach (var p in obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if ((omitted is not null && p.Name == omitted) || (alsoOmitted is not null && p.Name == alsoOmitted))
            {
                continue;
            }

            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            WriteString(p.Name, sb);
            sb.Append(':');
            Write(p.Value, sb);
        }

        sb.Append('}');
    }

    internal static void Write(JToken token, StringBuilder sb)
    {
        switch (token.Type)
        {
            case JTokenType.Object:
                WriteObject((JObject)token, sb, null);
                break;
            case JTokenType.Array:
                sb.Append('[');
                var i = 0;
                foreach (var item in (JArray)token)
                {
                    if (i++ > 0)
                    {
                        sb.Append(',');
                    }

                    Write(item, sb);
                }

                sb.Append(']');
                break;
            case JTokenType.Integer when ((JValue)token).Value is long l:
                sb.Append(CultureInfo.InvariantCulture, $"{l}");
                break;
            case JTokenType.Integer:
                sb.Append(Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture));
                break;
            case JTokenType.Float:
                AppendNumber(token.Value<double>(), sb);
                break;
            case JTokenType.String when token.Value<string>() is { } text:
                WriteString(text, sb);
                break;
            case JTokenType.String: // new JValue((string?)null), as `obj["x"] = (string?)null` makes: JSON's null
                sb.Append("null");
                break;
            case JTokenType.Boolean:
                sb.Append(token.Value<bool>() ? "true" : "false");
                break;
            case JTokenType.Null:
            case JTokenType.Undefined:
                sb.Append("null");
                break;
            default:
                WriteString(token.ToString(), sb);
                break;
        }
    }
}
