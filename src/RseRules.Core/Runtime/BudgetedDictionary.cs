using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RseRules.Core.Runtime;

/// <summary>A read-only map, in insertion order, that charges its size to the <see cref="EvaluationBudget"/> each time it is enumerated.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class BudgetedDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IDictionary
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> items;

    /// <summary>Wraps a dictionary (not copied: the caller gives it up).</summary>
    public BudgetedDictionary(Dictionary<TKey, TValue> items) => this.items = items ?? throw new ArgumentNullException(nameof(items));

    /// <inheritdoc/>
    public int Count => items.Count;

    private PositionView<TValue>? positions;

    /// <summary>The dictionary (for the engine's own checks, which charge nothing; never handed to formulas).</summary>
    internal Dictionary<TKey, TValue> Inner => items;

    /// <summary>The values laid out by the position of the items of one array whose member is the key (see
    /// <see cref="Lowered.At"/>); null until a lowered loop makes it. Immutable once published; the first one stays.</summary>
    internal PositionView<TValue>? Positions
    {
        get => Volatile.Read(ref positions);
        set => Interlocked.CompareExchange(ref positions, value, null);
    }

    /// <inheritdoc/>
    public IEnumerable<TKey> Keys
    {
        get
        {
            EvaluationBudget.Spend(items.Count + 1);
            return items.Keys;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<TValue> Values
    {
        get
        {
            EvaluationBudget.Spend(items.Count + 1);
            return items.Values;
        }
    }

    bool IDictionary.IsFixedSize => true;

    bool IDictionary.IsReadOnly => true;

    ICollection IDictionary.Keys => items.Keys;

    ICollection IDictionary.Values => items.Values;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => this;

    /// <inheritdoc/>
    public TValue this[TKey key] => items[key];

    object? IDictionary.this[object key]
    {
        get => items[(TKey)key];
        set => throw new NotSupportedException("The map is read-only.");
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => items.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => items.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        EvaluationBudget.Spend(items.Count + 1);
        return items.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IDictionaryEnumerator IDictionary.GetEnumerator() => ((IDictionary)items).GetEnumerator();

    void IDictionary.Add(object key, object? value) => throw new NotSupportedException("The map is read-only.");

    void IDictionary.Clear() => throw new NotSupportedException("The map is read-only.");

    bool IDictionary.Contains(object key) => ((IDictionary)items).Contains(key);

    void IDictionary.Remove(object key) => throw new NotSupportedException("The map is read-only.");

    void ICollection.CopyTo(Array array, int index) => ((ICollection)items).CopyTo(array, index);
}

/// <summary>
/// A map's values laid out by position: <see cref="Values"/>[i] is the value at the key <c>Member</c> of <c>Source[i]</c>,
/// when <see cref="Has"/>(i). Made once from the map and an array; read by the engine's lowered loops (<see cref="Lowered"/>)
/// instead of hashing the key again. Formulas cannot name this type.
/// </summary>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class PositionView<TValue>
{
    private readonly bool[]? present;

    internal PositionView(Array source, string member, TValue[] values, bool[]? present)
    {
        Source = source;
        Member = member;
        Values = values;
        this.present = present;
    }

    /// <summary>The values by position (read only).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Read by generated loops, never written.")]
    public TValue[] Values { get; }

    internal Array Source { get; }

    internal string Member { get; }

    /// <summary>Whether the item at <paramref name="index"/> has a value in the map.</summary>
    public bool Has(int index) => present is null || present[index];
}
