using Newtonsoft.Json.Linq;

namespace RseRules.Core.Evaluation;

/// <summary>One figure in the explanation of a result, with what it was computed from.</summary>
/// <param name="Name">The indicator, input or parameter id.</param>
/// <param name="Kind">indicator, input or parameter.</param>
/// <param name="Label">Its label in the requested language.</param>
/// <param name="Unit">Its unit, if declared.</param>
/// <param name="Value">Its value (unrounded).</param>
/// <param name="Formula">The formula (indicators).</param>
/// <param name="Source">Where it comes from: the parameter's source reference, or the input's JSON pointer in the input document.</param>
/// <param name="Children">What the formula read (indicators), empty otherwise or when <paramref name="Repeated"/>.</param>
/// <param name="Repeated">This indicator was already explained higher in the tree.</param>
public sealed record ExplainNode(
    string Name,
    string Kind,
    string? Label,
    string? Unit,
    JToken Value,
    string? Formula,
    string? Source,
    IReadOnlyList<ExplainNode> Children,
    bool Repeated)
{
    /// <summary>For an enum value, its label in the requested language (null otherwise, or when it has none).</summary>
    public string? ValueLabel { get; init; }

    /// <summary>The tree as JSON.</summary>
    public JObject ToJson()
    {
        var o = new JObject { ["name"] = Name, ["kind"] = Kind };
        if (Label is not null)
        {
            o["label"] = Label;
        }

        if (Unit is not null)
        {
            o["unit"] = Unit;
        }

        o["value"] = Value.DeepClone();
        if (ValueLabel is not null)
        {
            o["valueLabel"] = ValueLabel;
        }

        if (Formula is not null)
        {
            o["formula"] = Formula;
        }

        if (Source is not null)
        {
            o["source"] = Source;
        }

        if (Repeated)
        {
            o["repeated"] = true;
        }

        if (Children.Count > 0)
        {
            o["reads"] = new JArray(Children.Select(c => c.ToJson()));
        }

        return o;
    }
}
