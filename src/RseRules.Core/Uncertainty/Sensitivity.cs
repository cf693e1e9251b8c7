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
/// (integers rounded half away from zero). A swing an input check refuses (a weight whose collection must sum to 100) is
/// done again with the input's siblings rescaled to keep their sum (see <see cref="SensitivitySwing.Rescaled"/>), or, if
/// the checks still refuse it, not done (<see cref="SensitivitySwing.Constraint"/>): the checks decide, for any method.
/// </summary>
public static class Sensitivity
{
    /// <summary>Evaluates every swing.</summary>
    public static SensitivityAnalysis Analyze(CompiledMethod compiled, InputDocument inputs) => Analyze(compiled, inputs, precompute: true);

    /// <summary>As <see cref="Analyze(CompiledMethod, InputDocument)"/>; <paramref name="precompute"/> false computes every
    /// indicator at every swing (<see cref="ResultPlan"/>: tests compare both ways).</summary>
    internal static SensitivityAnalysis Analyze(CompiledMethod compiled, InputDocument inputs, bool precompute)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(inputs);
        var method = compiled.Method;
        var mode = inputs.Uncertain.Count > 0 ? SensitivityMode.Distributions : SensitivityMode.TenPercent;
        var swings = mode == SensitivityMode.Distributions
            ? inputs.Uncertain.Select(u => (u.Pointer, Central: u.Central, Low: u.Bind(u.Distribution.Min), High: u.Bind(u.Distribution.Max))).ToList()
            : ScalarLeaves(method, inputs.Values).Select(l => (l.Pointer, Central: l.Value, Low: l.Swing(0.9), High: l.Swing(1.1))).ToList();
        var plan = new ResultPlan(compiled, inputs, [.. swings.Select(s => s.Pointer)], precompute);

        using var culture = InvariantCultureScope.Begin();
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
            var swing = new SensitivitySwing(swings[k].Pointer, CompiledModel.Number(swings[k].Central), CompiledModel.Number(swings[k].Low), CompiledModel.Number(swings[k].High),
                low, high, lowFailure ?? highFailure);
            if (mode == SensitivityMode.TenPercent && baseFailure is null && CheckOf(lowFailure ?? highFailure) is { } check)
            {
                // An input check refuses the swing (a sum of weights that must stay 100): vary the input with its
                // siblings rescaled so that their sum stays what it is; if the checks still refuse, it is not varied.
                swing = Compensated(k, swings.Select(x => x.Pointer).ToList(), tree, swing, Run) ?? swing with
                {
                    LowResults = null,
                    HighResults = null,
                    Failure = null,
                    Constraint = check,
                };
            }

            list.Add(swing);
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

    /// <summary>The rule id of an input check's failure text ("input check WEIGHTS_SUM"), else null.</summary>
    private static string? CheckOf(string? failure) =>
        failure is not null && failure.StartsWith(InputCheckPrefix, StringComparison.Ordinal) ? failure[InputCheckPrefix.Length..] : null;

    private const string InputCheckPrefix = "input check ";

    private delegate object?[]? Evaluation(out string? failure);

    /// <summary>
    /// The swing of leaf <paramref name="k"/> with its siblings rescaled to keep their sum: the siblings are the numbers at
    /// the same place in the other items of the same collection, list or map (<c>/stakes/0/weight</c>, <c>/stakes/1/weight</c>…).
    /// Setting the leaf to <c>x′</c> multiplies every sibling by <c>(S − x′) / (S − x)</c>, where <c>S</c> is the sum of
    /// the leaf and its siblings and <c>x</c> the leaf's value. Null when there are no siblings, one is not a number, the
    /// others sum to zero, or the checks still refuse it.
    /// </summary>
    private static SensitivitySwing? Compensated(int k, List<string> pointers, ValueTree tree, SensitivitySwing swing, Evaluation run)
    {
        var siblings = Siblings(pointers, k);
        if (siblings.Count == 0 || siblings.Any(j => tree.Original(j) is not double) || tree.Original(k) is not double)
        {
            return null;
        }

        var x = (double)tree.Original(k)!;
        var others = siblings.Sum(j => (double)tree.Original(j)!);
        if (others == 0)
        {
            return null;
        }

        object?[]? At(double value, out string? failure)
        {
            var factor = (others + x - value) / others;
            tree.Set(k, value);
            foreach (var j in siblings)
            {
                tree.Set(j, (double)tree.Original(j)! * factor);
            }

            var results = run(out failure);
            tree.Reset(k);
            foreach (var j in siblings)
            {
                tree.Reset(j);
            }

            return results;
        }

        var low = At(swing.Low, out var lowFailure);
        var high = At(swing.High, out var highFailure);
        return low is null || high is null ? null : swing with { LowResults = low, HighResults = high, Failure = null, Rescaled = [.. siblings.Select(j => pointers[j])] };
    }

    /// <summary>The leaves that differ from leaf <paramref name="k"/> in one array index or map key only (same depth, same other tokens).</summary>
    private static List<int> Siblings(List<string> pointers, int k)
    {
        var mine = JsonPointer.Parse(pointers[k]);
        var found = new List<int>();
        for (var position = mine.Count - 2; position >= 0 && found.Count == 0; position--)
        {
            for (var j = 0; j < pointers.Count; j++)
            {
                if (j == k)
                {
                    continue;
                }

                var other = JsonPointer.Parse(pointers[j]);
                if (other.Count == mine.Count && other[position] != mine[position] && Enumerable.Range(0, mine.Count).All(t => t == position || other[t] == mine[t]))
                {
                    found.Add(j);
                }
            }
        }

        return found;
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
                .Bind(Math.Clamp(CompiledModel.Number(Value) * factor, Type.Min ?? double.MinValue, Type.Max ?? double.MaxValue));
    }
}
