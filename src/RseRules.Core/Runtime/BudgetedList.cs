using System.Collections;

namespace RseRules.Core.Runtime;

/// <summary>A read-only list that charges its length to the <see cref="EvaluationBudget"/> each time it is enumerated.</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class BudgetedList<T> : IReadOnlyList<T>
{
    private readonly T[] items;

    /// <summary>Wraps an array (not copied: the caller gives it up).</summary>
    public BudgetedList(T[] items) => this.items = items ?? throw new ArgumentNullException(nameof(items));

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <inheritdoc/>
    public T this[int index] => items[index];

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        EvaluationBudget.Spend(items.Length + 1);
        return ((IEnumerable<T>)items).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
