using System.Collections.Frozen;
using System.Globalization;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Evaluation;

/// <summary>
/// What every evaluation of one compiled method would otherwise work out again: which rules are input checks and which
/// raise findings, where a rule's diagnostics point, which indicator and rounding each result takes, what each
/// indicator reads (the static half of its trace). Built once per compiled method; immutable.
/// </summary>
internal sealed class EvaluationPlan
{
    public EvaluationPlan(CompiledMethod compiled)
    {
        var method = compiled.Method;
        var indicatorIndex = method.Indicators.Select((ind, i) => (ind.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var parameters = method.Parameters.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        ErrorRules = [.. Enumerable.Range(0, method.Rules.Count).Where(r => method.Rules[r].Severity == Severity.Error)];
        FindingRules = [.. Enumerable.Range(0, method.Rules.Count).Where(r => method.Rules[r].Severity != Severity.Error)];
        RulePointers = [.. method.Rules.Select(rule => rule.At ?? (rule.ForEach is null ? string.Empty : "/" + JsonPointer.Escape(rule.ForEach) + "/{index}"))];
        RuleItemKeys = [.. method.Rules.Select(rule => rule.ForEach is null ? null : method.Inputs.FirstOrDefault(i => i.Id == rule.ForEach)?.Type.Key)];
        ResultIndicators = [.. method.Results.Select(r => indicatorIndex.TryGetValue(r.From, out var i) ? i : -1)];
        Order = [.. compiled.EvaluationOrder];
        OrderedIds = [.. compiled.EvaluationOrder.Select(i => method.Indicators[i].Id)];
        PositionOf = OrderedIds.Select((id, k) => (id, k)).ToFrozenDictionary(x => x.id, x => x.k, StringComparer.Ordinal);
        ResultPositions = [.. method.Results.Select(r => PositionOf.TryGetValue(r.From, out var k) ? k : -1)];
        ResultIds = [.. method.Results.Select(r => r.Id)];
        ResultFrom = [.. method.Results.Select(r => r.From)];
        ResultDecimals = [.. ResultIndicators.Select(i => i < 0 ? null : method.Indicators[i].Decimals)];
        TraceReads = [.. compiled.Reads.Select(reads => reads.Select(name => new TraceRead(name,
            indicatorIndex.ContainsKey(name) ? TraceReadKind.Indicator : parameters.Contains(name) ? TraceReadKind.Parameter : TraceReadKind.Input)).ToArray())];
    }

    /// <summary>Indicator indexes in evaluation order (an array: the evaluation loops read it by index).</summary>
    public int[] Order { get; }

    /// <summary>Indicator ids in evaluation order.</summary>
    public string[] OrderedIds { get; }

    /// <summary>Indicator id → position in <see cref="OrderedIds"/>.</summary>
    public FrozenDictionary<string, int> PositionOf { get; }

    /// <summary>Indexes of the rules of severity error (input checks), in declaration order.</summary>
    public int[] ErrorRules { get; }

    /// <summary>Indexes of the other rules (findings), in declaration order.</summary>
    public int[] FindingRules { get; }

    /// <summary>Per rule: the pointer its diagnostics point at, <c>{index}</c> standing for the item's index.</summary>
    public string[] RulePointers { get; }

    /// <summary>Per rule: the key field of the collection it runs over (null: none, or items are named by index).</summary>
    public string?[] RuleItemKeys { get; }

    /// <summary>Per result (method order): the indicator it takes its value from, or -1 for an input.</summary>
    public int[] ResultIndicators { get; }

    /// <summary>Per result (method order): the position of its indicator in evaluation order, or -1 for an input.</summary>
    public int[] ResultPositions { get; }

    /// <summary>Per result (method order): its id.</summary>
    public string[] ResultIds { get; }

    /// <summary>Per result (method order): the indicator or input it takes its value from.</summary>
    public string[] ResultFrom { get; }

    /// <summary>Per result (method order): the decimals it is rounded to (those of its indicator), null for none or an input.</summary>
    public int?[] ResultDecimals { get; }

    /// <summary>Per indicator (declaration order): what its formula reads, with the kind of each name.</summary>
    public TraceRead[][] TraceReads { get; }

    /// <summary>The pointer of one rule hit.</summary>
    public string PointerOf(int rule, int itemIndex) =>
        RulePointers[rule].Replace("{index}", itemIndex.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
