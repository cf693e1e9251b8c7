namespace RseRules.Core.Runtime;

/// <summary>
/// Bounds the work of one evaluation: every sequence the data and the helpers hand to formulas charges its length to
/// the budget when it is enumerated, so that nested queries over the method's own data (a product of collections,
/// <c>Seq(0, 100000).SelectMany(…)</c>) cannot run for hours. The budget counts steps, not time, so an evaluation
/// that fits does so on every machine. Exceeding it throws <see cref="EvaluationBudgetExceededException"/>, which the
/// evaluator reports as a diagnostic naming the indicator. As a last resort against work no step measures (one call of a
/// library member on a very long string or list costs one step however long it runs), an evaluation also stops when it
/// has run for <see cref="TimeLimit"/>; the clock is read every few thousand steps, never otherwise, so it can only
/// stop evaluations that no real method comes near.
/// </summary>
public static class EvaluationBudget
{
    /// <summary>Steps an evaluation may take by default: far above any real method, far below hours of work.</summary>
    public const long DefaultSteps = 50_000_000;

    /// <summary>Wall-clock time an evaluation may take, whatever its steps (a safety net, not a measure).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    private const long ClockEvery = 4096;

    [ThreadStatic]
    private static long remaining;

    [ThreadStatic]
    private static long untilClock;

    [ThreadStatic]
    private static long deadline;

    [ThreadStatic]
    private static bool active;

    /// <summary>Charges <paramref name="steps"/> to the current evaluation's budget (nothing outside an evaluation).</summary>
    public static void Spend(long steps)
    {
        if (!active)
        {
            return;
        }

        remaining -= steps;
        untilClock -= steps;
        if (remaining < 0 || untilClock <= 0)
        {
            Check();
        }
    }

    private static void Check()
    {
        if (remaining < 0)
        {
            active = false;
            throw new EvaluationBudgetExceededException();
        }

        untilClock = ClockEvery;
        if (Environment.TickCount64 > deadline)
        {
            active = false;
            throw new EvaluationBudgetExceededException(
                "The evaluation ran past its time limit (work the step budget does not measure, such as a library call on a very long text).")
            {
                OutOfTime = true,
            };
        }
    }

    /// <summary>Starts a budget for the current thread; dispose to end it.</summary>
    internal static Scope Begin(long steps) => new(steps, TimeLimit);

    /// <summary>Starts a budget with its own time limit (tests).</summary>
    internal static Scope Begin(long steps, TimeSpan timeLimit) => new(steps, timeLimit);

    /// <summary>The budget of one evaluation on one thread.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly long previousRemaining;
        private readonly long previousUntilClock;
        private readonly long previousDeadline;
        private readonly bool previousActive;

        public Scope(long steps, TimeSpan timeLimit)
        {
            previousRemaining = remaining;
            previousUntilClock = untilClock;
            previousDeadline = deadline;
            previousActive = active;
            remaining = steps;
            untilClock = ClockEvery;
            deadline = Environment.TickCount64 + (long)timeLimit.TotalMilliseconds;
            active = true;
        }

        public void Dispose()
        {
            remaining = previousRemaining;
            untilClock = previousUntilClock;
            deadline = previousDeadline;
            active = previousActive;
        }
    }
}
