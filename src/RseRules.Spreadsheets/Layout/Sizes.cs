using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>
/// How many rows a table has and how many columns a series or a list: observed in the prefill document when writing
/// (tables and lists then keep their default room for more), fixed by the <c>_map</c> sheet when reading. Keys name the
/// place by its pointer pattern: <c>rows /stakes</c>, <c>columns /costs/recurring/other/{item}/amounts</c>.
/// </summary>
internal sealed class Sizes
{
    private readonly Dictionary<string, int> observed = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int>? fixedSizes;
    private readonly SortedDictionary<string, int> used = new(StringComparer.Ordinal);

    private Sizes(IReadOnlyDictionary<string, int>? fixedSizes) => this.fixedSizes = fixedSizes;

    /// <summary>Every size the layout used, as the <c>_map</c> sheet records them.</summary>
    public IReadOnlyDictionary<string, int> Used => used;

    /// <summary>Sizes as a workbook recorded them.</summary>
    public static Sizes Fixed(IReadOnlyDictionary<string, int> values) => new(values);

    /// <summary>Sizes seen in a document (none without one): row and column counts, and each series' length.</summary>
    public static Sizes Observe(MethodDefinition method, JObject? document)
    {
        ArgumentNullException.ThrowIfNull(method);
        var sizes = new Sizes(null);
        sizes.Walk(method.Inputs, document, document, string.Empty, inTable: false);
        return sizes;
    }

    /// <summary>Rows of a table or of a free map: at least the default, more when the document has more.</summary>
    public int Rows(string pattern, int @default) => Resolve("rows " + pattern, @default, grow: true);

    /// <summary>Cells of a list: at least the default, more when the document has more.</summary>
    public int ListColumns(string pattern, int @default) => Resolve("columns " + pattern, @default, grow: true);

    /// <summary>Years of a series: what the document says (its length input, its longest array), else the default.</summary>
    public int SeriesColumns(string pattern, int @default) => Resolve("columns " + pattern, @default, grow: false);

    private int Resolve(string key, int @default, bool grow)
    {
        int value;
        if (fixedSizes is not null)
        {
            value = fixedSizes.TryGetValue(key, out var v) ? v : @default;
        }
        else if (observed.TryGetValue(key, out var seen))
        {
            value = grow ? Math.Max(seen, @default) : seen;
        }
        else
        {
            value = @default;
        }

        used[key] = value;
        return value;
    }

    private void Observe(string key, int count)
    {
        if (!observed.TryGetValue(key, out var v) || v < count)
        {
            observed[key] = count;
        }
    }

    private void Walk(IReadOnlyList<Declaration> fields, JToken? token, JObject? root, string pattern, bool inTable)
    {
        var o = token as JObject;
        foreach (var f in fields)
        {
            var value = o?.Property(f.Id, StringComparison.Ordinal)?.Value;
            var p = JsonPointer.Append(pattern, f.Id);
            switch (f.Type.Kind)
            {
                case TypeKind.Record:
                    Walk(f.Type.Fields, value, root, p, inTable);
                    break;
                case TypeKind.Collection when !inTable:
                    var items = value as JArray;
                    Observe("rows " + p, items?.Count ?? 0);
                    foreach (var item in items ?? [])
                    {
                        Walk(f.Type.Fields, item, root, p + "/{item}", inTable: true);
                    }

                    break;
                case TypeKind.Series:
                    if (f.Type.Length is { } length && root?.Property(length, StringComparison.Ordinal)?.Value is JValue { Type: JTokenType.Integer } n)
                    {
                        var years = n.Value<long>() + f.Type.LengthOffset;
                        Observe("columns " + p, (int)Math.Clamp(years, 0, 100_000));
                    }

                    if (value is JArray series)
                    {
                        Observe("columns " + p, series.Count);
                    }

                    break;
                case TypeKind.List when value is JArray list:
                    Observe("columns " + p, list.Count);
                    break;
                case TypeKind.Map when !inTable && value is JObject map:
                    Observe("rows " + p, map.Count);
                    break;
                default:
                    break;
            }
        }
    }
}
