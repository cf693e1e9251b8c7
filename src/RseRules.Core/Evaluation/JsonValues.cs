using System.Collections;
using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Model;

namespace RseRules.Core.Evaluation;

/// <summary>Conversions between JSON and the values formulas and results hold.</summary>
public static class JsonValues
{
    /// <summary>A value (number, text, series, map, localized text…) as JSON.</summary>
    public static JToken ToJson(object? value) => value switch
    {
        null => JValue.CreateNull(),
        double d => new JValue(d),
        float f => new JValue((double)f),
        long or int or short or byte => new JValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        decimal m => new JValue(m),
        bool b => new JValue(b),
        string s => new JValue(s),
        LocalizedText l => new JObject { ["fr"] = l.Fr, ["en"] = l.En },
        IDictionary map => new JObject(map.Keys.Cast<object>().Select(k => new JProperty(Convert.ToString(k, CultureInfo.InvariantCulture)!, ToJson(map[k])))),
        IEnumerable<KeyValuePair<string, object?>> pairs => new JObject(pairs.Select(kv => new JProperty(kv.Key, ToJson(kv.Value)))),
        IEnumerable e => new JArray(e.Cast<object?>().Select(ToJson)),
        _ => new JValue(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>JSON as neutral values: double, long, bool, string, object?[] and string-keyed dictionaries.</summary>
    public static object? ToNeutral(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Type switch
        {
            JTokenType.Integer => token.Value<long>(),
            JTokenType.Float => token.Value<double>(),
            JTokenType.Boolean => token.Value<bool>(),
            JTokenType.String => token.Value<string>(),
            JTokenType.Array => token.Select(ToNeutral).ToArray(),
            JTokenType.Object => ((JObject)token).Properties().ToDictionary(p => p.Name, p => ToNeutral(p.Value), StringComparer.Ordinal) as IReadOnlyDictionary<string, object?>,
            _ => null,
        };
    }
}
