using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;

namespace RseRules.Benchmarks.Support;

/// <summary>Compares values of any shape the engine produces (numbers, texts, series, maps, localized texts), numbers within a tolerance.</summary>
public static class Values
{
    /// <summary>A value to the last bit (doubles by their bits, sequences and maps element by element, in order): two values
    /// with the same text are the same value.</summary>
    public static string Bits(object? value)
    {
        var sb = new System.Text.StringBuilder();
        WriteBits(sb, value);
        return sb.ToString();
    }

    private static void WriteBits(System.Text.StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case double d:
                sb.Append(CultureInfo.InvariantCulture, $"{d:R}#{BitConverter.DoubleToInt64Bits(d):x16}");
                break;
            case string s:
                sb.Append('"').Append(s).Append('"');
                break;
            case RseRules.Core.Model.LocalizedText l:
                sb.Append("L(").Append(l.Fr).Append('|').Append(l.En).Append(')');
                break;
            case System.Collections.IDictionary map:
                sb.Append('{');
                foreach (System.Collections.DictionaryEntry e in map)
                {
                    WriteBits(sb, e.Key);
                    sb.Append(':');
                    WriteBits(sb, e.Value);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                sb.Append('(');
                foreach (var (k, v) in fields)
                {
                    sb.Append(k).Append('=');
                    WriteBits(sb, v);
                    sb.Append(',');
                }

                sb.Append(')');
                break;
            case System.Collections.IEnumerable sequence:
                sb.Append(value.GetType().Name).Append('[');
                foreach (var item in sequence)
                {
                    WriteBits(sb, item);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            default:
                sb.Append(CultureInfo.InvariantCulture, $"{value}:{value.GetType().Name}");
                break;
        }
    }

    /// <summary>Null when equal; else where and how they differ.</summary>
    public static string? Difference(object? expected, object? actual, double tolerance) =>
        Difference(JsonValues.ToJson(expected), JsonValues.ToJson(actual), tolerance, string.Empty);

    private static string? Difference(JToken a, JToken b, double tolerance, string at)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            var x = a.Value<double>();
            var y = b.Value<double>();
            return Math.Abs(x - y) <= tolerance ? null : string.Create(CultureInfo.InvariantCulture, $"{at}: {x:R} vs {y:R} (|Δ| = {Math.Abs(x - y):E2})");
        }

        if (a.Type != b.Type)
        {
            return $"{at}: {a.Type} {a.ToString(Newtonsoft.Json.Formatting.None)} vs {b.Type} {b.ToString(Newtonsoft.Json.Formatting.None)}";
        }

        switch (a)
        {
            case JArray xa:
                var ya = (JArray)b;
                if (xa.Count != ya.Count)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{at}: {xa.Count} vs {ya.Count} elements");
                }

                for (var i = 0; i < xa.Count; i++)
                {
                    if (Difference(xa[i], ya[i], tolerance, string.Create(CultureInfo.InvariantCulture, $"{at}[{i}]")) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JObject xo:
                var yo = (JObject)b;
                var keys = xo.Properties().Select(p => p.Name).ToArray();
                if (!keys.SequenceEqual(yo.Properties().Select(p => p.Name)))
                {
                    return $"{at}: keys {string.Join(",", keys)} vs {string.Join(",", yo.Properties().Select(p => p.Name))}";
                }

                foreach (var k in keys)
                {
                    if (Difference(xo[k]!, yo[k]!, tolerance, at + "." + k) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            default:
                return JToken.DeepEquals(a, b) ? null : $"{at}: {a.ToString(Newtonsoft.Json.Formatting.None)} vs {b.ToString(Newtonsoft.Json.Formatting.None)}";
        }
    }

    private static bool IsNumber(JToken t) => t.Type is JTokenType.Integer or JTokenType.Float;
}
