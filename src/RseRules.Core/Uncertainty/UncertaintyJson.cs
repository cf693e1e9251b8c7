using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;

namespace RseRules.Core.Uncertainty;

/// <summary>
/// The JSON documents of <c>rse simulate --format json</c> and <c>rse sensitivity --format json</c>. Deterministic:
/// no time, no thread count; numbers that are not defined (no value) are <c>null</c>.
/// </summary>
public static class UncertaintyJson
{
    /// <summary>A simulation as JSON.</summary>
    public static JObject Simulation(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JObject
        {
            ["method"] = Method(result.Method),
            ["inputsSha256"] = result.InputsSha256,
            ["seed"] = result.Seed,
            ["iterations"] = result.Iterations,
            ["evaluated"] = result.Iterations - result.Failed,
            ["failed"] = result.Failed,
            ["failures"] = new JArray(result.Failures.Select(f => new JObject { ["reason"] = f.Reason, ["count"] = f.Count })),
            ["uncertainInputs"] = new JArray(result.Inputs.Select(Input)),
            ["numbers"] = new JArray(result.Numbers.Select(s => new JObject
            {
                ["id"] = s.Id,
                ["count"] = s.Count,
                ["missing"] = s.Missing,
                ["existence"] = Num(s.Existence),
                ["mean"] = Num(s.Mean),
                ["sd"] = Num(s.StandardDeviation),
                ["min"] = Num(s.Min),
                ["p5"] = Num(s.P5),
                ["p10"] = Num(s.P10),
                ["p50"] = Num(s.P50),
                ["p90"] = Num(s.P90),
                ["p95"] = Num(s.P95),
                ["max"] = Num(s.Max),
                ["probabilityNonNegative"] = Num(s.ProbabilityNonNegative),
                ["histogram"] = new JArray(s.Histogram.Select(b => new JObject { ["lower"] = b.Lower, ["upper"] = b.Upper, ["count"] = b.Count })),
            })),
            ["texts"] = new JArray(result.Texts.Select(t => new JObject
            {
                ["id"] = t.Id,
                ["frequencies"] = new JArray(t.Frequencies.Select(f => new JObject { ["value"] = Str(f.Value), ["count"] = f.Count, ["share"] = f.Share })),
            })),
            ["engine"] = new JObject { ["version"] = EvaluationRecord.EngineVersion },
        };
    }

    /// <summary>A sensitivity analysis ranked for one numeric result, as JSON.</summary>
    public static JObject Sensitivity(SensitivityAnalysis analysis, string resultId)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new JObject
        {
            ["method"] = Method(analysis.Method),
            ["mode"] = analysis.Mode == SensitivityMode.Distributions ? "distributions" : "tenPercent",
            ["result"] = resultId,
            ["base"] = Num(analysis.BaseValue(resultId)),
            ["baseFailure"] = Str(analysis.BaseFailure),
            ["inputs"] = new JArray(analysis.Rank(resultId).Select(e =>
            {
                var o = new JObject
                {
                    ["pointer"] = e.Pointer,
                    ["low"] = e.Low,
                    ["high"] = e.High,
                    ["resultAtLow"] = Num(e.ResultAtLow),
                    ["resultAtHigh"] = Num(e.ResultAtHigh),
                    ["range"] = Num(e.Range),
                    ["failure"] = Str(e.Failure),
                };
                if (e.Rescaled.Count > 0)
                {
                    o["rescaled"] = new JArray(e.Rescaled);
                }

                if (e.Constraint is not null)
                {
                    o["notVaried"] = e.Constraint;
                }

                return o;
            })),
            ["engine"] = new JObject { ["version"] = EvaluationRecord.EngineVersion },
        };
    }

    /// <summary>An uncertain input as JSON: pointer, distribution, bounds, and the central value plain evaluations use.</summary>
    public static JObject Input(UncertainInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var d = input.Distribution;
        var o = new JObject { ["pointer"] = input.Pointer, ["distribution"] = d.Name, ["min"] = d.Min };
        if (d.Kind != DistributionKind.Uniform)
        {
            o["mode"] = d.Mode;
        }

        o["max"] = d.Max;
        o["mean"] = d.Mean;
        return o;
    }

    private static JObject Method(MethodDefinition method) => new() { ["id"] = method.Id, ["version"] = method.Version, ["sha256"] = method.Sha256 };

    private static JValue Str(string? s) => s is null ? JValue.CreateNull() : new JValue(s);

    private static JValue Num(double? v) => v is { } d && double.IsFinite(d) ? new JValue(d) : JValue.CreateNull();
}
