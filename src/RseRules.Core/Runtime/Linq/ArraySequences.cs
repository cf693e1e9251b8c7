using System.Collections;

namespace RseRules.Core.Runtime.Linq;

/// <summary>System.Linq's <c>Where</c> over an array, lazily, one step charged per element examined.</summary>
internal sealed class ArrayWhere<T>(T[] items, Func<T, bool> predicate) : IEnumerable<T>, IChargedSequence
{
    /// <summary>The array filtered (for the fused loops of <see cref="Enumerable"/>).</summary>
    public T[] Items => items;

    /// <summary>The filter.</summary>
    public Func<T, bool> Predicate => predicate;

    public IEnumerator<T> GetEnumerator() => new Enumerator(items, predicate);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(T[] items, Func<T, bool> predicate) : IEnumerator<T>
    {
        private int index = -1;

        public T Current { get; private set; } = default!;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (++index < items.Length)
            {
                EvaluationBudget.Spend(1);
                var item = items[index];
                if (predicate(item))
                {
                    Current = item;
                    return true;
                }
            }

            index = items.Length;
            return false;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}

/// <summary>System.Linq's <c>Select</c> over an array, lazily, one step charged per element.</summary>
internal sealed class ArraySelect<T, TResult>(T[] items, Func<T, TResult> selector) : IEnumerable<TResult>, IChargedSequence
{
    public IEnumerator<TResult> GetEnumerator() => new Enumerator(items, selector);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(T[] items, Func<T, TResult> selector) : IEnumerator<TResult>
    {
        private int index = -1;

        public TResult Current { get; private set; } = default!;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (++index < items.Length)
            {
                EvaluationBudget.Spend(1);
                Current = selector(items[index]);
                return true;
            }

            index = items.Length;
            return false;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}

/// <summary>A sequence whose enumeration already charges each element: <see cref="Budget.Each{T}(IEnumerable{T})"/> passes it on as is.</summary>
internal interface IChargedSequence;
