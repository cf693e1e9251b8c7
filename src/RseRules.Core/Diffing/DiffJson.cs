using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;

namespace RseRules.Core.Diffing;

/// <summary>
/// The JSON form of a diff (<c>rse diff --format json</c>): <c>old</c> and <c>new</c> {id, version, sha256},
/// <c>hasChanges</c>, <c>changes</c> with one array per section (<c>parameters</c>, <c>scales</c>, <c>inputs</c>,
/// <c>indicators</c>, <c>rules</c>, <c>results</c>; each change {id, change, property, old, new}), and with an input
/// document <c>effect</c> {inputsSha256, hasChanges, results: [{id, change, old, new, difference, relativeChange,
/// elements}], findings: [{code, item, change, severityChanged, messageChanged, old, new}] (old and new: {severity,
/// message {fr, en}} or null)}. Kinds are written in camel case (<c>formulaChanged</c>). Deterministic: the same diff gives the same bytes.
/// </summary>
public static class DiffJson
{
    /// <summary>The diff as JSON; <paramref name="effect"/> adds the <c>effect</c> member.</summary>
    public static JObject Build(MethodDiff diff, ResultDiff? effect = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var changes = new JObject();
        foreach (var section in Enum.GetValues<DiffSection>())
        {
            changes[Camel(section.ToString())] = new JArray(diff.In(section).Select(c => new JObject
            {
                ["id"] = c.Id,
                ["change"] = Camel(c.Kind.ToString()),
                ["property"] = Text(c.Property),
                ["old"] = Text(c.Old),
                ["new"] = Text(c.New),
            }));
        }

        var json = new JObject
        {
            ["old"] = Identity(diff.Old),
            ["new"] = Identity(diff.New),
            ["hasChanges"] = diff.HasChanges,
            ["changes"] = changes,
        };
        if (effect is not null)
        {
            json["effect"] = new JObject
            {
                ["inputsSha256"] = effect.InputsSha256,
                ["hasChanges"] = effect.HasChanges,
                ["results"] = new JArray(effect.Changes.Select(Result)),
                ["findings"] = new JArray(effect.Findings.Select(FindingJson)),
            };
        }

        return json;
    }

    /// <summary>The diff as indented JSON text.</summary>
    public static string ToText(MethodDiff diff, ResultDiff? effect = null) => CanonicalJson.WriteIndented(Build(diff, effect));

    private static JObject Identity(MethodIdentity m) => new() { ["id"] = m.Id, ["version"] = m.Version, ["sha256"] = m.Sha256 };

    private static JObject Result(ResultChange c) => new()
    {
        ["id"] = c.Id,
        ["change"] = Camel(c.Kind.ToString()),
        ["old"] = c.Kind == ResultChangeKind.Added ? JValue.CreateNull() : JsonValues.ToJson(c.Old),
        ["new"] = c.Kind == ResultChangeKind.Removed ? JValue.CreateNull() : JsonValues.ToJson(c.New),
        ["difference"] = Number(c.Difference),
        ["relativeChange"] = Number(c.RelativeChange),
        ["elements"] = c.Elements is null ? JValue.CreateNull() : new JArray(c.Elements.Select(e => new JObject
        {
            ["key"] = e.Key,
            ["change"] = Camel(e.Kind.ToString()),
            ["old"] = Number(e.Old),
            ["new"] = Number(e.New),
            ["difference"] = Number(e.Difference),
            ["relativeChange"] = Number(e.RelativeChange),
        })),
    };

    private static JObject FindingJson(FindingChange c) => new()
    {
        ["code"] = c.Code,
        ["item"] = Text(c.Item),
        ["change"] = Camel(c.Kind.ToString()),
        ["severityChanged"] = c.SeverityChanged,
        ["messageChanged"] = c.MessageChanged,
        ["old"] = FindingJson(c.Old),
        ["new"] = FindingJson(c.New),
    };

    private static JToken FindingJson(Finding? f) => f is null ? JValue.CreateNull() : new JObject
    {
        ["severity"] = f.Severity.ToString().ToLowerInvariant(),
        ["message"] = new JObject { ["fr"] = f.Message.Fr, ["en"] = f.Message.En },
    };

    private static JValue Text(string? s) => s is null ? JValue.CreateNull() : new JValue(s);

    private static JValue Number(double? d) => d is { } value ? new JValue(value) : JValue.CreateNull();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
