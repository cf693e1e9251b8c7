using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace RseRules.Core.Evaluation;

/// <summary>
/// The indicators of a successful evaluation by id, in evaluation order: a read-only view over the values array that
/// shares its index (id → position) with every evaluation of the method, so that nothing is hashed per evaluation.
/// </summary>
internal sealed class IndicatorValues : IReadOnlyDictionary<string, object?>
{
    private readonly string[] ids;
    private readonly FrozenDictionary<string, int> index;
    private readonly ComputedValues values;

    /// <param name="ids">Indicator ids in evaluation order.</param>
    /// <param name="index">Id → position in <paramref name="ids"/>.</param>
    /// <param name="values">Values by position in <paramref name="ids"/>.</param>
    public IndicatorValues(string[] ids, FrozenDictionary<string, int> index, ComputedValues values)
    {
        this.ids = ids;
        this.index = index;
        this.values = values;
    }

    public int Count => ids.Length;

    public IEnumerable<string> Keys => Array.AsReadOnly(ids);

    public IEnumerable<object?> Values => Enumerable.Range(0, ids.Length).Select(values.Get);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No indicator '{key}'.");

    public bool ContainsKey(string key) => index.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (index.TryGetValue(key, out var i))
        {
            value = values.Get(i);
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < ids.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(ids[i], values.Get(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The trace of a successful evaluation, made on demand from what every evaluation of the method shares (formula, reads)
/// and this evaluation's values, so that an evaluation whose trace nobody reads (a batch, a simulation) does not build it.
/// </summary>
internal sealed class TraceView : IReadOnlyList<TraceEntry>
{
    private readonly Model.MethodDefinition method;
    private readonly IReadOnlyList<int> order;
    private readonly TraceRead[][] reads;
    private readonly ComputedValues values;

    /// <param name="method">The method.</param>
    /// <param name="order">Indicator indexes in evaluation order.</param>
    /// <param name="reads">Per indicator (declaration order): what its formula reads.</param>
    /// <param name="values">Values by position in <paramref name="order"/>.</param>
    public TraceView(Model.MethodDefinition method, IReadOnlyList<int> order, TraceRead[][] reads, ComputedValues values)
    {
        this.method = method;
        this.order = order;
        this.reads = reads;
        this.values = values;
    }

    public int Count => order.Count;

    public TraceEntry this[int index]
    {
        get
        {
            var indicator = method.Indicators[order[index]];
            return new TraceEntry(indicator.Id, indicator.Formula, reads[order[index]], values.Get(index));
        }
    }

    public IEnumerator<TraceEntry> GetEnumerator()
    {
        for (var k = 0; k < order.Count; k++)
        {
            yield return this[k];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Values by position made when first read, and kept: a number is boxed once, a result rounded once, and an evaluation
/// whose values are read only in part (a batch's columns, a simulation's numbers) makes only those; one whose values
/// are not read allocates nothing for them. Thread-safe: two threads reading a value first both make it (equal values,
/// either one kept).
/// </summary>
internal abstract class ReadOnce
{
    private readonly int count;
    private Slots? slots;

    /// <param name="count">The number of values.</param>
    protected ReadOnce(int count) => this.count = count;

    /// <summary>The number of values.</summary>
    public int Count => count;

    /// <summary>The value at a position.</summary>
    public object? Get(int position)
    {
        var s = Volatile.Read(ref slots);
        if (s is null)
        {
            Interlocked.CompareExchange(ref slots, new Slots(count), null);
            s = slots!;
        }

        if (Volatile.Read(ref s.Read[position]))
        {
            return s.Values[position];
        }

        var value = Make(position);
        s.Values[position] = value;
        Volatile.Write(ref s.Read[position], true);
        return value;
    }

    /// <summary>Makes the value at a position (called once per position, or once per thread in a race).</summary>
    protected abstract object? Make(int position);

    private sealed class Slots(int count)
    {
        public readonly object?[] Values = new object?[count];

        /// <summary>Whether the value at a position was made (written after it, read before it): a new array is all
        /// unmade, with nothing to fill.</summary>
        public readonly bool[] Read = new bool[count];
    }
}

/// <summary>
/// The indicators' values of one evaluation by position in evaluation order, read from the model when first asked for
/// (<see cref="ReadOnce"/>). The model is not changed once evaluated.
/// </summary>
internal sealed class ComputedValues : ReadOnce
{
    private readonly Runtime.CompiledModel model;
    private readonly IReadOnlyList<int> order;

    /// <param name="model">The evaluated model.</param>
    /// <param name="order">Indicator indexes in evaluation order.</param>
    public ComputedValues(Runtime.CompiledModel model, IReadOnlyList<int> order)
        : base(order.Count)
    {
        this.model = model;
        this.order = order;
    }

    protected override object? Make(int position) => model.GetIndicator(order[position]);
}

/// <summary>
/// The results of a successful evaluation, in the method's order, each rounded to its declared decimals when first read
/// (<see cref="ReadOnce"/>): reading them all gives what rounding them all at the end of the evaluation gave, and an
/// evaluation whose results are read in part (a batch's columns) or not at all rounds only those.
/// </summary>
internal sealed class ResultValues : ReadOnce, IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly EvaluationPlan plan;
    private readonly Validation.InputDocument inputs;
    private readonly ComputedValues computed;

    /// <param name="plan">The method's evaluation plan (which value and rounding each result takes).</param>
    /// <param name="inputs">The document (a result may be an input, not rounded).</param>
    /// <param name="computed">The indicators' values of the evaluation.</param>
    public ResultValues(EvaluationPlan plan, Validation.InputDocument inputs, ComputedValues computed)
        : base(plan.ResultIds.Length)
    {
        this.plan = plan;
        this.inputs = inputs;
        this.computed = computed;
    }

    public KeyValuePair<string, object?> this[int index] => new(plan.ResultIds[index], Get(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var k = 0; k < Count; k++)
        {
            yield return this[k];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    protected override object? Make(int position)
    {
        var at = plan.ResultPositions[position];
        if (at < 0)
        {
            return inputs.Values.GetValueOrDefault(plan.ResultFrom[position]);
        }

        var value = computed.Get(at);
        return plan.ResultDecimals[position] is { } decimals ? ValueRounding.Round(value, decimals) : value;
    }
}
