using Newtonsoft.Json.Linq;

namespace RseRules.Core.Evaluation;

/// <summary>Why a rule raised its finding, or did not, in one evaluation record.</summary>
/// <param name="Code">The rule's id (the finding's code).</param>
/// <param name="Severity">info, warning, or error (an input check).</param>
/// <param name="When">The rule's condition, as declared.</param>
/// <param name="ForEach">The collection it runs over, item by item, or null.</param>
/// <param name="Findings">The findings it raised in the record (message in the requested language, item key or null).</param>
/// <param name="Reads">The inputs, parameters and indicators the condition names, with their values and, for indicators,
/// their formula and what it read (one level down).</param>
/// <param name="Items">For per-item rules: every item of the collection, fired or not, with the values read for it.</param>
public sealed record FindingExplanation(
    string Code,
    string Severity,
    string When,
    string? ForEach,
    IReadOnlyList<(string? Item, string Message)> Findings,
    IReadOnlyList<ExplainNode> Reads,
    IReadOnlyList<ItemExplanation> Items)
{
    /// <summary>Whether the rule raised at least one finding.</summary>
    public bool Fired => Findings.Count > 0;

    /// <summary>The explanation as JSON.</summary>
    public JObject ToJson()
    {
        var o = new JObject
        {
            ["code"] = Code,
            ["severity"] = Severity,
            ["when"] = When,
            ["forEach"] = ForEach is null ? JValue.CreateNull() : ForEach,
            ["fired"] = Fired,
            ["findings"] = new JArray(Findings.Select(f => new JObject { ["item"] = f.Item is null ? JValue.CreateNull() : f.Item, ["message"] = f.Message })),
            ["reads"] = new JArray(Reads.Select(r => r.ToJson())),
        };
        if (ForEach is not null)
        {
            o["items"] = new JArray(Items.Select(i => new JObject
            {
                ["key"] = i.Key,
                ["index"] = i.Index,
                ["fired"] = i.Fired,
                ["message"] = i.Message is null ? JValue.CreateNull() : i.Message,
                ["values"] = new JObject(i.Values.Select(v => new JProperty(v.Name, v.Value.DeepClone()))),
            }));
        }

        return o;
    }
}

/// <summary>One item of the collection a per-item rule runs over.</summary>
/// <param name="Key">The item's key (its key field, else its index).</param>
/// <param name="Index">Its index in the input document's array.</param>
/// <param name="Fired">Whether the rule raised a finding for it.</param>
/// <param name="Message">The finding's message, when fired.</param>
/// <param name="Values">The values the condition read for this item: <c>item.field</c>, and <c>name[key]</c> for maps
/// indexed by the item.</param>
public sealed record ItemExplanation(string Key, int Index, bool Fired, string? Message, IReadOnlyList<(string Name, JToken Value)> Values);
