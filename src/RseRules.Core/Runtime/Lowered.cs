namespace RseRules.Core.Runtime;

/// <summary>
/// What the loops the compiler lowers formulas' queries into call (<see cref="Compilation.FormulaLowering"/>): generated
/// code only, never formulas (the sandbox does not allow this type, and the loops are written after the sandbox has
/// checked the formulas as their authors wrote them). A lowered loop walks the array behind one of the engine's lists,
/// charges the evaluation budget what the LINQ it replaces charges, and falls back to that LINQ for any other sequence.
/// </summary>
public static class Lowered
{
    /// <summary>The array behind an engine list, or the array itself; null for any other sequence (and for null), which
    /// the loop then leaves to the LINQ operators. The array is read, never written.</summary>
    public static T[]? Items<T>(IEnumerable<T>? source) => source switch
    {
        BudgetedList<T> list => list.Items,
        T[] array => array,
        _ => null,
    };

    /// <summary>Whether a loop that charges at most <paramref name="steps"/> steps may count them and charge them at its end
    /// (<see cref="Charge"/>): true when no step it defers could have stopped the evaluation before.</summary>
    public static bool Fits(long steps) => EvaluationBudget.Fits(steps);

    /// <summary>Charges the steps a loop counted, at its end (the budget, the clock and the memory checked as at any step).</summary>
    public static void Charge(long steps) => EvaluationBudget.Spend(steps);

    /// <summary>Charges the steps a loop counted before a formula failed inside it (without a check that could replace the
    /// formula's exception by another: they fit, <see cref="Fits"/>).</summary>
    public static void ChargeFailed(long steps) => EvaluationBudget.SpendUnchecked(steps);

    /// <summary>The array of a series of <paramref name="n"/> elements, checked and reserved as <see cref="Fn.Series"/> does.</summary>
    public static double[] SeriesArray(long n)
    {
        Fn.CheckLength(n);
        EvaluationBudget.Reserve(n);
        return new double[n];
    }

    /// <summary>Throws what System.Linq throws for an empty sequence (its own exception, message included).</summary>
    public static T NoElements<T>() => System.Linq.Enumerable.First(Array.Empty<T>());

    /// <summary>Throws what System.Linq throws when no element matches (its own exception, message included).</summary>
    public static T NoMatch<T>() => System.Linq.Enumerable.First(Array.Empty<T>(), static _ => true);
}
