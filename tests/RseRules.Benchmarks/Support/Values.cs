using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;

namespace RseRules.Benchmarks.Support;

/// <summary>Compares values of any shape the engine produces (numbers, texts, series, maps, localized texts), numbers within a tolerance.</summary>
public static class Values
{
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
