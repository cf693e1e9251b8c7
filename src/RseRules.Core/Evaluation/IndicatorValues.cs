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
/// The indicators' values of one evaluation by position in evaluation order, read from the model when first asked for
/// (a number is boxed then, once): an evaluation whose values are read only in part (results, a batch's columns) boxes
/// only those. The model is not changed once evaluated.
/// </summary>
internal sealed class ComputedValues
{
    private readonly Runtime.CompiledModel model;
    private readonly IReadOnlyList<int> order;
    private readonly object?[] values;

    /// <summary>Whether the value at a position was read (written after it, read before it): new arrays are all
    /// unread as made, with nothing to fill.</summary>
    private readonly bool[] read;

    /// <param name="model">The evaluated model.</param>
    /// <param name="order">Indicator indexes in evaluation order.</param>
    public ComputedValues(Runtime.CompiledModel model, IReadOnlyList<int> order)
    {
        this.model = model;
        this.order = order;
        values = new object?[order.Count];
        read = new bool[order.Count];
    }

    /// <summary>The value at a position in evaluation order.</summary>
    public object? Get(int position)
    {
        if (Volatile.Read(ref read[position]))
        {
            return values[position];
        }

        // Two threads reading it first both box it: equal values, either one kept.
        var value = model.GetIndicator(order[position]);
        values[position] = value;
        Volatile.Write(ref read[position], true);
        return value;
    }
}
