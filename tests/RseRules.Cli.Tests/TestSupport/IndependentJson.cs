using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RseRules.Cli.Tests.TestSupport;

/// <summary>
/// JSON helpers written for the tests with System.Text.Json, independently of the engine's Newtonsoft-based code.
/// </summary>
internal static class IndependentJson
{
    public static JsonDocument Parse(string text) => JsonDocument.Parse(text);

    public static JsonDocument ParseFile(string path) => JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8));

    /// <summary>
    /// SHA-256 (lower-case hex) of the canonical form the engine documents: no white space, members sorted by ordinal
    /// name, only <c>"</c>, <c>\</c> and control characters escaped, numbers as written. Only for files whose numbers
    /// are already written in their shortest form (checked), as the test fixtures are.
    /// </summary>
    public static string CanonicalSha256(string path)
    {
        using var doc = ParseFile(path);
        var sb = new StringBuilder();
        Write(doc.RootElement, sb);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static void Write(JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    sb.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(p.Name, sb);
                    sb.Append(':');
                    Write(p.Value, sb);
                }

                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    sb.Append(i++ > 0 ? "," : string.Empty);
                    Write(item, sb);
                }

                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(e.GetString()!, sb);
                break;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                var shortest = e.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) : e.GetDouble().ToString("R", CultureInfo.InvariantCulture);
                raw.ShouldBe(shortest, "CanonicalSha256 only handles numbers written in their shortest form.");
                sb.Append(raw);
                break;
            default:
                sb.Append(e.GetRawText());
                break;
        }
    }

    private static void WriteString(string s, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        sb.Append('"');
    }
}
