using System.Collections;

namespace RseRules.Core.Runtime;

/// <summary>
/// Where formulas' sequences are charged to the <see cref="EvaluationBudget"/>: every LINQ operator a formula can call
/// (<c>RseRules.Core.Runtime.Linq.Enumerable</c>, which formulas get instead of System.Linq's) and every helper passes
/// its sequences through <see cref="Each{T}(IEnumerable{T})"/>, so that each element a formula walks costs one step,
/// whatever made the sequence — an input, a helper, or an array the formula built itself.
/// </summary>
public static class Budget
{
    /// <summary>The sequence, each element charged one step when enumerated.</summary>
    public static IEnumerable<T> Each<T>(IEnumerable<T> source) => source switch
    {
        null => null!, // LINQ throws its own ArgumentNullException with the parameter's name
        BudgetedList<T> or Linq.IChargedSequence => source,
        T[] array => new BudgetedList<T>(array),
        _ => new Charged<T>(source),
    };

    /// <summary>A collection a formula searches with one of its own members (<c>List.Contains</c>, <c>IndexOf</c>,
    /// <c>Dictionary.ContainsValue</c>), which walks it inside one call: charged one step per element.</summary>
    public static T Walk<T>(T collection)
        where T : ICollection
    {
        EvaluationBudget.Spend(collection.Count); // a null receiver fails here as it would on the call
        return collection;
    }

    /// <summary>The array behind an engine list, or the array itself: what the native operators loop over.</summary>
    internal static bool TryGetArray<T>(IEnumerable<T> source, out T[] items)
    {
        switch (source)
        {
            case BudgetedList<T> list:
                items = list.Items;
                return true;
            case T[] array:
                items = array;
                return true;
            default:
                items = null!;
                return false;
        }
    }

    /// <summary>An array, each element charged one step when enumerated.</summary>
    public static IEnumerable<T> Each<T>(T[] source) => source is null ? null! : new BudgetedList<T>(source);

    /// <summary>A sequence of unknown kind whose enumeration charges one step per element.</summary>
    private sealed class Charged<T>(IEnumerable<T> source) : IEnumerable<T>, Linq.IChargedSequence
    {
        public IEnumerator<T> GetEnumerator() => new Enumerator(source.GetEnumerator());

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator(IEnumerator<T> inner) : IEnumerator<T>
        {
            public T Current => inner.Current;

            object? IEnumerator.Current => Current;

            public bool MoveNext()
            {
                EvaluationBudget.Spend(1);
                return inner.MoveNext();
            }

            public void Reset() => inner.Reset();

            public void Dispose() => inner.Dispose();
        }
    }
}
