using RseRules.Core.Runtime;

namespace RseRules.Core.Runtime.Linq;

/// <summary>
/// LINQ for formulas. Most operators are forwarded to System.Linq (the generated half of this class); the ones formulas
/// use most are written here for the engine's own lists and for arrays: a loop over the array, one step charged per
/// element, no enumerator allocated. They behave as System.Linq's do (same order of evaluation, same results, same
/// exceptions: where one is thrown, it is System.Linq that throws it), fuse <c>Where(…)</c> with the <c>Sum</c>, <c>Any</c>
/// or <c>Count</c> that consumes it (the same calls in the same order), and fall back to the forwarded operator for
/// any other sequence. <c>BudgetedLinqSource</c> (tests) leaves the overloads marked <see cref="NativeAttribute"/> out of
/// the generated half.
/// </summary>
public static partial class Enumerable
{
    /// <summary>Sum of a projection, in order (as System.Linq adds them).</summary>
    [Native]
    public static double Sum<TSource>(this IEnumerable<TSource> source, Func<TSource, double> selector)
    {
        if (Budget.TryGetArray(source, out var items) && selector is not null)
        {
            var sum = 0.0;
            foreach (var item in items)
            {
                EvaluationBudget.Spend(1);
                sum += selector(item);
            }

            return sum;
        }

        if (source is ArrayWhere<TSource> where && selector is not null)
        {
            // Where(…).Sum(…) fused: the same calls in the same order as System.Linq makes them.
            var sum = 0.0;
            foreach (var item in where.Items)
            {
                EvaluationBudget.Spend(1);
                if (where.Predicate(item))
                {
                    sum += selector(item);
                }
            }

            return sum;
        }

        return System.Linq.Enumerable.Sum(Budget.Each(source), selector!);
    }

    /// <summary>Whether any element matches.</summary>
    [Native]
    public static bool Any<TSource>(this IEnumerable<TSource> source, Func<TSource, bool> predicate)
    {
        if (Budget.TryGetArray(source, out var items) && predicate is not null)
        {
            foreach (var item in items)
            {
                EvaluationBudget.Spend(1);
                if (predicate(item))
                {
                    return true;
                }
            }

            return false;
        }

        if (source is ArrayWhere<TSource> where && predicate is not null)
        {
            foreach (var item in where.Items)
            {
                EvaluationBudget.Spend(1);
                if (where.Predicate(item) && predicate(item))
                {
                    return true;
                }
            }

            return false;
        }

        return System.Linq.Enumerable.Any(Budget.Each(source), predicate!);
    }

    /// <summary>Whether every element matches.</summary>
    [Native]
    public static bool All<TSource>(this IEnumerable<TSource> source, Func<TSource, bool> predicate)
    {
        if (Budget.TryGetArray(source, out var items) && predicate is not null)
        {
            foreach (var item in items)
            {
                EvaluationBudget.Spend(1);
                if (!predicate(item))
                {
                    return false;
                }
            }

            return true;
        }

        return System.Linq.Enumerable.All(Budget.Each(source), predicate!);
    }

    /// <summary>How many elements match.</summary>
    [Native]
    public static int Count<TSource>(this IEnumerable<TSource> source, Func<TSource, bool> predicate)
    {
        if (Budget.TryGetArray(source, out var items) && predicate is not null)
        {
            var count = 0;
            foreach (var item in items)
            {
                EvaluationBudget.Spend(1);
                if (predicate(item))
                {
                    count = checked(count + 1);
                }
            }

            return count;
        }

        if (source is ArrayWhere<TSource> where && predicate is not null)
        {
            var count = 0;
            foreach (var item in where.Items)
            {
                EvaluationBudget.Spend(1);
                if (where.Predicate(item) && predicate(item))
                {
                    count = checked(count + 1);
                }
            }

            return count;
        }

        return System.Linq.Enumerable.Count(Budget.Each(source), predicate!);
    }

    /// <summary>Whether the sequence holds the value (default equality).</summary>
    [Native]
    public static bool Contains<TSource>(this IEnumerable<TSource> source, TSource value)
    {
        if (Budget.TryGetArray(source, out var items))
        {
            EvaluationBudget.Spend(items.Length + 1);
            return Array.IndexOf(items, value) >= 0;
        }

        return System.Linq.Enumerable.Contains(Budget.Each(source), value);
    }

    /// <summary>The elements that match, lazily (each element charged when the result is walked).</summary>
    [Native]
    public static IEnumerable<TSource> Where<TSource>(this IEnumerable<TSource> source, Func<TSource, bool> predicate) =>
        Budget.TryGetArray(source, out var items) && predicate is not null
            ? new ArrayWhere<TSource>(items, predicate)
            : System.Linq.Enumerable.Where(Budget.Each(source), predicate!);

    /// <summary>A projection, lazily (each element charged when the result is walked).</summary>
    [Native]
    public static IEnumerable<TResult> Select<TSource, TResult>(this IEnumerable<TSource> source, Func<TSource, TResult> selector) =>
        Budget.TryGetArray(source, out var items) && selector is not null
            ? new ArraySelect<TSource, TResult>(items, selector)
            : System.Linq.Enumerable.Select(Budget.Each(source), selector!);
}

/// <summary>Marks an operator of <see cref="Enumerable"/> written by hand: the generated half leaves its overload out.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NativeAttribute : Attribute;
