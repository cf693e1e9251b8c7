using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RseRules.Core.Runtime;

/// <summary>
/// A read-only map, in insertion order, that charges its size to the <see cref="EvaluationBudget"/> each time it is enumerated.
/// A map made by the engine's lowered loops over items whose keys are known to be unique (<see cref="Lowered.Laid{TItem, TKey, TValue}"/>) is kept
/// as its keys and values in order: a small map answers lookups by searching its keys, and its dictionary is made only when
/// it is worth it (many lookups, or more keys than <see cref="SearchedKeys"/>), or needed (enumerated by a formula, or a
/// missing key read through the indexer, whose exception is the dictionary's own). Either way it answers as the dictionary
/// does — the same values, order, exceptions and messages, and charges.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class BudgetedDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IDictionary
    where TKey : notnull
{
    /// <summary>The most keys a laid-out map searches rather than hashes.</summary>
    internal const int SearchedKeys = 16;

    private readonly TKey[]? keys;
    private readonly TValue[]? values;
    private Dictionary<TKey, TValue>? items;
    private PositionView<TValue>? positions;
    private int searched;

    /// <summary>Wraps a dictionary (not copied: the caller gives it up).</summary>
    public BudgetedDictionary(Dictionary<TKey, TValue> items) => this.items = items ?? throw new ArgumentNullException(nameof(items));

    /// <summary>A map of <paramref name="keys"/> to <paramref name="values"/>, in their order (not copied: the caller gives up
    /// the values; the keys may be shared, and are only read). The keys are not null and unique by the type's default
    /// equality (the dictionary's): the caller has made sure.</summary>
    internal BudgetedDictionary(TKey[] keys, TValue[] values)
    {
        this.keys = keys;
        this.values = values;
    }

    /// <inheritdoc/>
    public int Count => keys?.Length ?? items!.Count;

    /// <summary>The dictionary (for the engine's own checks, which charge nothing; never handed to formulas); a laid-out map
    /// makes it here (prefer <see cref="Pairs"/>, which does not).</summary>
    internal Dictionary<TKey, TValue> Inner => Volatile.Read(ref items) ?? Made();

    /// <summary>The entries in order, without making a laid-out map's dictionary (for the engine's own reads, which charge
    /// nothing).</summary>
    internal PairEnumerable Pairs => new(this);

    /// <summary>Whether the map is kept as keys and values (for tests).</summary>
    internal bool IsLaidOut => keys is not null && Volatile.Read(ref items) is null;

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
            var inner = Inner;
            EvaluationBudget.Spend(inner.Count + 1);
            return inner.Keys;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<TValue> Values
    {
        get
        {
            var inner = Inner;
            EvaluationBudget.Spend(inner.Count + 1);
            return inner.Values;
        }
    }

    bool IDictionary.IsFixedSize => true;

    bool IDictionary.IsReadOnly => true;

    ICollection IDictionary.Keys => Inner.Keys;

    ICollection IDictionary.Values => Inner.Values;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => this;

    /// <inheritdoc/>
    public TValue this[TKey key] => Search(key) is var i && i >= 0 ? values![i] : Inner[key];

    object? IDictionary.this[object key]
    {
        get => Inner[(TKey)key];
        set => throw new NotSupportedException("The map is read-only.");
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => Search(key) switch
    {
        >= 0 => true,
        NotFound => false,
        _ => Inner.ContainsKey(key),
    };

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var i = Search(key);
        if (i >= 0)
        {
            value = values![i];
            return true;
        }

        if (i == NotFound)
        {
            value = default;
            return false;
        }

        return Inner.TryGetValue(key, out value);
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        var inner = Inner;
        EvaluationBudget.Spend(inner.Count + 1);
        return inner.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IDictionaryEnumerator IDictionary.GetEnumerator() => ((IDictionary)Inner).GetEnumerator();

    void IDictionary.Add(object key, object? value) => throw new NotSupportedException("The map is read-only.");

    void IDictionary.Clear() => throw new NotSupportedException("The map is read-only.");

    bool IDictionary.Contains(object key) => ((IDictionary)Inner).Contains(key);

    void IDictionary.Remove(object key) => throw new NotSupportedException("The map is read-only.");

    void ICollection.CopyTo(Array array, int index) => ((ICollection)Inner).CopyTo(array, index);

    /// <summary><see cref="Search"/>: the key is not in the map.</summary>
    private const int NotFound = -1;

    /// <summary><see cref="Search"/>: the dictionary answers.</summary>
    private const int NotSearched = -2;

    /// <summary>
    /// Where a laid-out map holds <paramref name="key"/>, searched among its keys (by the type's default equality, the
    /// dictionary's): its index, or <see cref="NotFound"/>; <see cref="NotSearched"/> when the dictionary answers instead —
    /// a map made as a dictionary, a null key (the dictionary's exception), a map of more than <see cref="SearchedKeys"/>
    /// keys, or one whose searches have compared about as many keys as making its dictionary costs (then made here).
    /// </summary>
    private int Search(TKey key)
    {
        if (keys is null || key is null || keys.Length > SearchedKeys || Volatile.Read(ref items) is not null)
        {
            return NotSearched;
        }

        if (searched > (8 * keys.Length) + 32)
        {
            _ = Made();
            return NotSearched;
        }

        if (!typeof(TKey).IsValueType)
        {
            // A key read from the items the map was made from is the very same object: found without comparing contents.
            for (var i = 0; i < keys.Length; i++)
            {
                if (ReferenceEquals(keys[i], key))
                {
                    searched += i + 1;
                    return i;
                }
            }
        }

        var comparer = EqualityComparer<TKey>.Default;
        for (var i = 0; i < keys.Length; i++)
        {
            if (comparer.Equals(keys[i], key))
            {
                searched += i + 1; // a count, not a guarantee: a lost increment between threads only delays the dictionary
                return i;
            }
        }

        searched += keys.Length;
        return NotFound;
    }

    /// <summary>A laid-out map's dictionary, made once (its keys are unique: <see cref="Dictionary{TKey, TValue}.Add"/> cannot
    /// fail) and published for every thread.</summary>
    private Dictionary<TKey, TValue> Made()
    {
        var made = new Dictionary<TKey, TValue>(keys!.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            made.Add(keys[i], values![i]);
        }

        return Interlocked.CompareExchange(ref items, made, null) ?? made;
    }

    /// <summary>The entries of a map in order (<see cref="Pairs"/>).</summary>
    internal readonly struct PairEnumerable(BudgetedDictionary<TKey, TValue> map)
    {
        /// <summary>Starts the walk.</summary>
        public PairEnumerator GetEnumerator() => new(map);
    }

    /// <summary>Walks a laid-out map's arrays, or the dictionary's own enumerator (a struct): nothing allocated.</summary>
    internal struct PairEnumerator
    {
        private readonly TKey[]? keys;
        private readonly TValue[]? values;
        private Dictionary<TKey, TValue>.Enumerator inner;
        private int index;

        public PairEnumerator(BudgetedDictionary<TKey, TValue> map)
        {
            keys = map.keys;
            values = map.values;
            index = -1;
            if (keys is null)
            {
                inner = map.items!.GetEnumerator();
            }
        }

        /// <summary>The entry.</summary>
        public readonly KeyValuePair<TKey, TValue> Current => keys is null ? inner.Current : new(keys[index], values![index]);

        /// <summary>Moves to the next entry.</summary>
        public bool MoveNext() => keys is null ? inner.MoveNext() : ++index < keys.Length;
    }
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
