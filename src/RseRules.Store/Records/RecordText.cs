using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace RseRules.Store.Records;

/// <summary>Reads a record's JSON text the one way the store does: texts stay texts (no dates), numbers are doubles or
/// 64-bit integers, duplicate members are an error, nothing may follow the value.</summary>
internal static class RecordText
{
    /// <summary>Deeper than any record the engine makes (its input documents nest 64 levels at most).</summary>
    private const int MaxDepth = 256;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        LineInfoHandling = LineInfoHandling.Ignore,
        CommentHandling = CommentHandling.Ignore,
    };

    /// <summary>The value of <paramref name="text"/>.</summary>
    /// <exception cref="JsonException">It is not one JSON value.</exception>
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = MaxDepth,
        };
        var token = JToken.ReadFrom(reader, LoadSettings);
        if (reader.Read())
        {
            throw new JsonReaderException("Text follows the JSON value.");
        }

        return token;
    }
}
