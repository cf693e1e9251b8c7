using System.Collections;

namespace RseRules.Core.Runtime;

/// <summary>
/// A read-only list that charges one step to the <see cref="EvaluationBudget"/> per element enumerated. It is
/// also a read-only <see cref="ICollection{T}"/> so that LINQ's <c>Contains</c>, <c>Count()</c>, <c>Any()</c> and
/// <c>ToArray()</c> take their fast paths; <see cref="Contains"/> and <see cref="CopyTo"/> charge the length too. It
/// is deliberately not an <see cref="IList{T}"/>: LINQ would then walk it by index, which nothing charges.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Formulas see it as a list; the name is public API.")]
public sealed class BudgetedList<T> : IReadOnlyList<T>, ICollection<T>
{
    private readonly T[] items;

    /// <summary>Wraps an array (not copied: the caller gives it up).</summary>
    public BudgetedList(T[] items) => this.items = items ?? throw new ArgumentNullException(nameof(items));

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <summary>The number of elements, as an array names it (so that a series reads <c>.Length</c> and <c>.Count</c> alike).</summary>
    public int Length => items.Length;

    /// <summary>The array (for the engine's own loops, which charge the budget themselves; never handed to formulas).</summary>
    internal T[] Items => items;

    private KeyFact[] keys = [];

    /// <summary>
    /// The members <paramref name="member"/> (<paramref name="keyOf"/>, a field of the method's records, which never changes)
    /// of the elements in order, when every element is there and every member is not null and unique by the type's default
    /// equality — a map keyed by them then cannot fail on a key; else null. Found once per member (the list never changes)
    /// and kept: the same list is bound for every evaluation of one document, and the maps made from it share the array
    /// (read, never written). Charges nothing (the engine's own work).
    /// </summary>
    internal TKey[]? UniqueKeys<TKey>(string member, Func<T, TKey> keyOf)
    {
        var known = Volatile.Read(ref keys);
        foreach (var fact in known)
        {
            if (string.Equals(fact.Member, member, StringComparison.Ordinal))
            {
                return (TKey[]?)fact.Keys;
            }
        }

        // Found again by another thread at worst: the same keys, one of the copies kept.
        var found = Unique(items, keyOf);
        Volatile.Write(ref keys, [.. known, new KeyFact(member, found)]);
        return found;
    }

    private static TKey[]? Unique<TKey>(T[] items, Func<T, TKey> keyOf)
    {
        var found = new TKey[items.Length];
        var comparer = EqualityComparer<TKey>.Default;
        HashSet<TKey>? seen = items.Length > 16 ? new HashSet<TKey>(items.Length, comparer) : null;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not { } item || keyOf(item) is not { } key)
            {
                return null;
            }

            if (seen is not null)
            {
                if (!seen.Add(key))
                {
                    return null;
                }
            }
            else
            {
                for (var j = 0; j < i; j++)
                {
                    if (comparer.Equals(found[j], key))
                    {
                        return null;
                    }
                }
            }

            found[i] = key;
        }

        return found;
    }

    /// <summary>What <see cref="UniqueKeys"/> found for one member: the keys, or null.</summary>
    private sealed record KeyFact(string Member, Array? Keys);

    /// <inheritdoc/>
    public T this[int index] => items[index];

    /// <inheritdoc/>
    bool ICollection<T>.IsReadOnly => true;

    /// <inheritdoc/>
    public bool Contains(T item)
    {
        EvaluationBudget.Spend(items.Length + 1);
        return Array.IndexOf(items, item) >= 0;
    }

    /// <inheritdoc/>
    public void CopyTo(T[] array, int arrayIndex)
    {
        EvaluationBudget.Spend(items.Length + 1);
        items.CopyTo(array, arrayIndex);
    }

    /// <inheritdoc/>
    void ICollection<T>.Add(T item) => throw new NotSupportedException("The list is read-only.");

    /// <inheritdoc/>
    void ICollection<T>.Clear() => throw new NotSupportedException("The list is read-only.");

    /// <inheritdoc/>
    bool ICollection<T>.Remove(T item) => throw new NotSupportedException("The list is read-only.");

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        EvaluationBudget.Spend(1);
        return new Enumerator(items);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the array, one step charged per element (so that work done per element is checked as it goes).</summary>
    private sealed class Enumerator(T[] items) : IEnumerator<T>
    {
        private int index = -1;

        public T Current => items[index];

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (index + 1 >= items.Length)
            {
                index = items.Length;
                return false;
            }

            EvaluationBudget.Spend(1);
            index++;
            return true;
        }

        public void Reset() => index = -1;

        public void Dispose()
        {
        }
    }
}
