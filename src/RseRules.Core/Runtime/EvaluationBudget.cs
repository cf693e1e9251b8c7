namespace RseRules.Core.Runtime;

/// <summary>
/// Bounds the work of one evaluation: every sequence the data and the helpers hand to formulas charges its length to
/// the budget when it is enumerated, so that nested queries over the method's own data (a product of collections,
/// <c>Seq(0, 100000).SelectMany(…)</c>) cannot run for hours. The budget counts steps, not time, so an evaluation
/// that fits does so on every machine. Exceeding it throws <see cref="EvaluationBudgetExceededException"/>, which the
/// evaluator reports as a diagnostic naming the indicator.
/// </summary>
public static class EvaluationBudget
{
    /// <summary>Steps an evaluation may take by default: far above any real method, far below hours of work.</summary>
    public const long DefaultSteps = 50_000_000;

    [ThreadStatic]
    private static long remaining;

    [ThreadStatic]
    private static bool active;

    /// <summary>Charges <paramref name="steps"/> to the current evaluation's budget (nothing outside an evaluation).</summary>
    public static void Spend(long steps)
    {
        if (active && (remaining -= steps) < 0)
        {
            active = false;
            throw new EvaluationBudgetExceededException();
        }
    }

    /// <summary>Starts a budget for the current thread; dispose to end it.</summary>
    internal static Scope Begin(long steps) => new(steps);

    /// <summary>The budget of one evaluation on one thread.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly long previousRemaining;
        private readonly bool previousActive;

        public Scope(long steps)
        {
            previousRemaining = remaining;
            previousActive = active;
            remaining = steps;
            active = true;
        }

        public void Dispose()
        {
            remaining = previousRemaining;
            active = previousActive;
        }
    }
}
