using Newtonsoft.Json.Linq;
using RseRules.Core.Json;

namespace RseRules.Core.Evaluation;

/// <summary>
/// The evaluation record (<c>rse evaluate --format json</c>): the method reference and hash, the inputs as read and
/// their hash, the results in the method's order, the findings, the trace (for each indicator, in evaluation order,
/// its formula, the values it read and its value), the engine version, and the record hash over all of it.
/// Deterministic: the same method and inputs give the same bytes.
/// </summary>
public static class EvaluationRecord
{
    /// <summary>The engine's version (the Core assembly's informational version without build metadata).</summary>
    public static string EngineVersion { get; } = typeof(EvaluationRecord).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The record as JSON.</summary>
    public static JObject Build(EvaluationResult result) => BuildWithText(result).Record;

    /// <summary>The record's canonical text alone (with its hash), written straight from the evaluation without building
    /// the JSON tree: the same characters as <c>CanonicalJson.Write(Build(result))</c>, for a caller that only sends it.</summary>
    public static string Text(EvaluationResult result)
    {
        using var text = WriteText(result);
        return text.ToString();
    }

    /// <summary>
    /// The record's canonical text as <see cref="Text"/> writes it, in a borrowed buffer, for a caller that sends it on
    /// as UTF-8 (<see cref="RecordText.WriteTo"/>) without making a string of it (the workbench's evaluate endpoint:
    /// a record is tens of kilobytes, a string of it a large object per request). Dispose it when done.
    /// </summary>
    public static RecordText WriteText(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RecordTextWriter.Write(result);
    }

    /// <summary>The record as JSON and its canonical text (what <see cref="CanonicalJson.Write(JToken)"/> gives for it):
    /// the text written once from the evaluation (<see cref="Text"/>), its hash set in the tree.</summary>
    public static (JObject Record, string Text) BuildWithText(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var method = result.Method.Method;
        var record = new JObject
        {
            ["method"] = MethodJson(method),
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
            ["trace"] = new JArray(result.Trace.Select(t => new JObject
            {
                ["id"] = t.Id,
                ["formula"] = t.Formula,
                ["reads"] = new JArray(t.Reads.Select(r => new JObject
                {
                    ["name"] = r.Name,
                    ["kind"] = r.Kind.ToString().ToLowerInvariant(),
                    ["value"] = r.Kind switch
                    {
                        TraceReadKind.Indicator => JsonValues.ToJson(result.Indicators[r.Name]),
                        TraceReadKind.Parameter => method.Parameters.First(p => p.Id == r.Name).Value.DeepClone(),
                        _ => JsonValues.ToJson(result.Inputs.Values.GetValueOrDefault(r.Name)),
                    },
                })),
                ["value"] = JsonValues.ToJson(t.Value),
            })),
            ["engine"] = new JObject { ["version"] = EngineVersion },
        };
        using var text = RecordTextWriter.Write(result);
        record[HashProperty] = text.Hash;
        return (record, text.ToString());
    }

    private static JObject MethodJson(Model.MethodDefinition method)
    {
        var o = new JObject { ["id"] = method.Id, ["version"] = method.Version, ["sha256"] = method.Sha256 };
        if (method.Bases.Count > 0)
        {
            // An overlay: the chain of methods it extends, nearest first, and every deviation from them.
            o["extends"] = new JArray(method.Bases.Select(b => new JObject { ["reference"] = b.Reference, ["sha256"] = b.Sha256 }));
            o["deviations"] = new JArray(method.Deviations.Select(d => new JObject { ["fr"] = d.Fr, ["en"] = d.En }));
        }

        return o;
    }

    /// <summary>The member that holds the record hash.</summary>
    public const string HashProperty = "recordSha256";

    /// <summary>The member that holds a record's signature (see <see cref="RecordSignature"/>); outside the hashed content.</summary>
    public const string SignatureProperty = "signature";

    /// <summary>
    /// The record hash: SHA-256 of the canonical JSON (see <see cref="CanonicalJson"/>) of the whole record without its
    /// <c>recordSha256</c> and <c>signature</c> members. Any edit of the record (a result, an input, the trace, the method
    /// reference) changes it; signing a record (which signs this hash) does not.
    /// </summary>
    public static string Hash(JObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return CanonicalJson.Sha256(CanonicalJson.WriteWithout(record, HashProperty, SignatureProperty));
    }

    /// <summary>The record as indented JSON text.</summary>
    public static string ToText(EvaluationResult result) => CanonicalJson.WriteIndented(Build(result));
}
