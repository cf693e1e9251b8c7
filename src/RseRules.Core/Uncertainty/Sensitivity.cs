using System.Globalization;
using RseRules.Core.Compilation;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Core.Runtime;
using RseRules.Core.Validation;

namespace RseRules.Core.Uncertainty;

/// <summary>
/// One-at-a-time sensitivity (the data of a tornado chart). With distributions: each uncertain input is set to its
/// min, then its max, the others staying at their mode (mean for uniform). Without any: each scalar numeric input
/// (number or integer, at any depth of records, collections and maps; not series or list elements, scales, or an
/// integer that gives a series length) is set to −10 % and +10 % of its value, clamped to its declared bounds
/// (integers rounded half away from zero).
/// </summary>
public static class Sensitivity
{
    /// <summary>Evaluates every swing.</summary>
    public static SensitivityAnalysis Analyze(CompiledMethod compiled, InputDocument inputs)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(inputs);
        var method = compiled.Method;
        var mode = inputs.Uncertain.Count > 0 ? SensitivityMode.Distributions : SensitivityMode.TenPercent;
        var swings = mode == SensitivityMode.Distributions
            ? inputs.Uncertain.Select(u => (u.Pointer, Central: u.Central, Low: u.Bind(u.Distribution.Min), High: u.Bind(u.Distribution.Max))).ToList()
            : ScalarLeaves(method, inputs.Values).Select(l => (l.Pointer, Central: l.Value, Low: l.Swing(0.9), High: l.Swing(1.1))).ToList();
        var plan = new ResultPlan(compiled, inputs, [.. swings.Select(s => s.Pointer)]);

        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var tree = new ValueTree(inputs.Values, [.. swings.Select(s => s.Pointer)]);
            var hits = new List<RuleHit>();
            object?[]? Run(out string? failure)
            {
                var results = new object?[plan.Ids.Count];
                failure = plan.Evaluate(tree.Root, results, hits);
                return failure is null ? results : null;
            }

            var baseResults = Run(out var baseFailure);
            var list = new List<SensitivitySwing>();
            for (var k = 0; k < swings.Count; k++)
            {
                tree.Set(k, swings[k].Low);
                var low = Run(out var lowFailure);
                tree.Set(k, swings[k].High);
                var high = Run(out var highFailure);
                tree.Reset(k);
                list.Add(new SensitivitySwing(swings[k].Pointer, ResultPlan.Number(swings[k].Central), ResultPlan.Number(swings[k].Low), ResultPlan.Number(swings[k].High),
                    low, high, lowFailure ?? highFailure));
            }

            return new SensitivityAnalysis
            {
                Method = method,
                Mode = mode,
                ResultIds = plan.Ids,
                NumericResultIds = [.. Enumerable.Range(0, plan.Ids.Count).Where(plan.IsNumeric).Select(i => plan.Ids[i])],
                Base = baseResults,
                BaseFailure = baseFailure,
                Swings = list,
            };
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static List<Leaf> ScalarLeaves(MethodDefinition method, IReadOnlyDictionary<string, object?> values)
    {
        var lengths = method.Inputs.SelectMany(i => LengthsOf(i.Type)).ToHashSet(StringComparer.Ordinal);
        var leaves = new List<Leaf>();
        foreach (var input in method.Inputs)
        {
            if (!lengths.Contains(input.Id))
            {
                Walk(input.Type, values.GetValueOrDefault(input.Id), JsonPointer.Append(string.Empty, input.Id), leaves);
            }
        }

        return leaves;
    }

    private static void Walk(TypeSpec type, object? value, string pointer, List<Leaf> leaves)
    {
        switch (type.Kind)
        {
            case TypeKind.Number or TypeKind.Integer when value is double or long:
                leaves.Add(new Leaf(pointer, value, type));
                break;
            case TypeKind.Record when value is IReadOnlyDictionary<string, object?> o:
                foreach (var f in type.Fields)
                {
                    if (o.TryGetValue(f.Id, out var v))
                    {
                        Walk(f.Type, v, JsonPointer.Append(pointer, f.Id), leaves);
                    }
                }

                break;
            case TypeKind.Collection when value is object?[] items:
                for (var i = 0; i < items.Length; i++)
                {
                    Walk(type with { Kind = TypeKind.Record }, items[i], JsonPointer.Append(pointer, i), leaves);
                }

                break;
            case TypeKind.Map when value is IReadOnlyDictionary<string, object?> map && type.Of is not null:
                foreach (var (key, v) in map)
                {
                    Walk(type.Of, v, JsonPointer.Append(pointer, key), leaves);
                }

                break;
            default:
                break;
        }
    }

    private static IEnumerable<string> LengthsOf(TypeSpec type) =>
        (type.Length is null ? [] : new[] { type.Length })
            .Concat(type.Of is null ? [] : LengthsOf(type.Of))
            .Concat(type.Fields.SelectMany(f => LengthsOf(f.Type)));

    private sealed record Leaf(string Pointer, object Value, TypeSpec Type)
    {
        /// <summary>The value times a factor, clamped to the declared bounds, as a bound value (a long for an integer).</summary>
        public object Swing(double factor) =>
            new UncertainInput(Pointer, new Distribution(DistributionKind.Uniform, 0, 0, 0), Type.Kind == TypeKind.Integer)
                .Bind(Math.Clamp(ResultPlan.Number(Value) * factor, Type.Min ?? double.MinValue, Type.Max ?? double.MaxValue));
    }
}
