using Newtonsoft.Json.Linq;
using RseRules.Core.Json;

namespace RseRules.Core.Evaluation;

/// <summary>
/// The evaluation record (<c>rse evaluate --format json</c>): the method reference and hash, the inputs as read and
/// their hash, the results in the method's order, the findings and the engine version. Deterministic: the same method
/// and inputs give the same bytes.
/// </summary>
public static class EvaluationRecord
{
    /// <summary>The engine's version (the Core assembly's informational version without build metadata).</summary>
    public static string EngineVersion { get; } = typeof(EvaluationRecord).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The record as JSON.</summary>
    public static JObject Build(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var method = result.Method.Method;
        return new JObject
        {
            ["method"] = new JObject { ["id"] = method.Id, ["version"] = method.Version, ["sha256"] = method.Sha256 },
            ["inputs"] = result.Inputs.Source.Root.DeepClone(),
            ["inputsSha256"] = result.Inputs.Sha256,
            ["results"] = new JObject(result.Results.Select(kv => new JProperty(kv.Key, JsonValues.ToJson(kv.Value)))),
            ["findings"] = new JArray(result.Findings.Select(f =>
            {
                var o = new JObject
                {
                    ["code"] = f.Code,
                    ["severity"] = f.Severity.ToString().ToLowerInvariant(),
                    ["message"] = new JObject { ["fr"] = f.Message.Fr, ["en"] = f.Message.En },
                };
                if (f.Item is not null)
                {
                    o["item"] = f.Item;
                }

                return o;
            })),
            ["engine"] = new JObject { ["version"] = EngineVersion },
        };
    }

    /// <summary>The record as indented JSON text.</summary>
    public static string ToText(EvaluationResult result) => CanonicalJson.WriteIndented(Build(result));
}
