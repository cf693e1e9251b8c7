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

    /// <summary>The dictionary (for the engine's own checks, which charge nothing; never handed to formulas).</summary>
    internal Dictionary<TKey, TValue> Inner => items;

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
