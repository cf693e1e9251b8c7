namespace RseRules.Core.Runtime;

/// <summary>
/// Bounds the work and the memory of one evaluation. Three limits, each an <see cref="EvaluationBudgetExceededException"/>
/// that the evaluator reports as <c>RSE6004</c> naming the indicator or rule:
/// <list type="bullet">
/// <item><b>Steps</b> (<see cref="DefaultSteps"/>): every element a formula walks, through LINQ or a helper, costs one
/// step, and every text a formula makes or reads one step per <see cref="CharactersPerStep"/> characters
/// (<see cref="TextGuard"/>), so that nested queries over the method's own data cannot run for hours. Steps, not time:
/// an evaluation that fits does so on every machine.</item>
/// <item><b>Memory</b> (<see cref="MemoryLimit"/>): the bytes the evaluating thread allocates. No single text may be
/// longer than <see cref="MaxTextLength"/> characters, which is checked before it is made.</item>
/// <item><b>Time</b> (<see cref="TimeLimit"/>): a safety net for work no step measures. The clock and the memory are read
/// at the first step after each tick of a clock thread of its own (every <see cref="CheckInterval"/>), so they hold whatever a
/// step costs, and cost nothing in between.</item>
/// </list>
/// </summary>
public static class EvaluationBudget
{
    /// <summary>Steps an evaluation may take by default: far above any real method, far below hours of work.</summary>
    public const long DefaultSteps = 50_000_000;

    /// <summary>Characters of text read or written that cost one step.</summary>
    public const int CharactersPerStep = 64;

    /// <summary>Longest text a formula may make, in characters (an input text holds at most 1,000,000).</summary>
    public const int MaxTextLength = 10_000_000;

    /// <summary>Bytes the evaluating thread may allocate during one evaluation (the norm allocates about 15 KB).</summary>
    public const long MemoryLimit = 1L << 30;

    /// <summary>Wall-clock time an evaluation may take, whatever its steps (a safety net, not a measure).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>How often the time and the memory are checked (at the next step after each interval).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    private static readonly Lock TickerLock = new();
    private static Thread? ticker;
    private static long tick;

    /// <summary>The budget state of the thread: one object, so that a loop that charges element by element reads the
    /// thread's storage once (<see cref="Current"/>), not at every step.</summary>
    [ThreadStatic]
    private static Meter? meter;

    /// <summary>The current thread's meter (inactive outside an evaluation: it then charges nothing). Generated loops take
    /// it once and charge it step by step (<see cref="Meter.Spend"/>); it stays the thread's for the thread's life.</summary>
    public static Meter Current => meter ?? NewMeter();

    /// <summary>The steps left to the current evaluation on this thread (tests compare what two ways of computing charge).</summary>
    internal static long Remaining => Current.Remaining;

    /// <summary>Charges <paramref name="steps"/> to the current evaluation's budget (nothing outside an evaluation).</summary>
    public static void Spend(long steps) => Current.Spend(steps);

    /// <summary>Charges the reading or writing of <paramref name="characters"/> characters of text.</summary>
    public static void SpendText(long characters) => Spend(1 + (characters / CharactersPerStep));

    /// <summary>Whether <paramref name="steps"/> more steps can be charged without going over the budget (always, outside
    /// an evaluation). A lowered loop (<see cref="Lowered"/>) that charges its steps in bulk asks this first, so that no
    /// step it defers could have stopped the evaluation earlier.</summary>
    internal static bool Fits(long steps) => Current.Fits(steps);

    /// <summary>Charges steps already taken, without any check: what a lowered loop counted before a formula failed inside
    /// it (it had checked that they <see cref="Fits"/>), so that the budget left is the one per-element charging leaves.</summary>
    internal static void SpendUnchecked(long steps) => Current.SpendUnchecked(steps);

    /// <summary>Whether <paramref name="steps"/> more steps fit in the budget (checked before allocating for them).</summary>
    internal static void Reserve(long steps) => Current.Reserve(steps);

    private static Meter NewMeter() => meter = new Meter();

    /// <summary>Starts a budget for the current thread; dispose to end it.</summary>
    internal static Scope Begin(long steps) => new(steps, TimeLimit, MemoryLimit);

    /// <summary>Starts a budget with its own time limit (tests).</summary>
    internal static Scope Begin(long steps, TimeSpan timeLimit) => new(steps, timeLimit, MemoryLimit);

    /// <summary>Starts a budget with its own time and memory limits (tests).</summary>
    internal static Scope Begin(long steps, TimeSpan timeLimit, long memoryLimit) => new(steps, timeLimit, memoryLimit);

    private static void EnsureTimer()
    {
        if (Volatile.Read(ref ticker) is not null)
        {
            return;
        }

        lock (TickerLock)
        {
            // One thread of its own for the process (not a thread-pool timer, which evaluations running on every pool
            // thread, as a simulation does, would delay): it only moves the tick the evaluating threads look at.
            if (ticker is null)
            {
                var thread = new Thread(() =>
                {
                    while (true)
                    {
                        Thread.Sleep(CheckInterval);
                        Interlocked.Increment(ref tick);
                    }
                })
                {
                    IsBackground = true,
                    Name = "rse evaluation clock",
                    Priority = ThreadPriority.AboveNormal,
                };
                thread.Start();
                Volatile.Write(ref ticker, thread);
            }
        }
    }

    /// <summary>The budget of one evaluation on one thread.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly Meter owner;
        private readonly Meter.State previous;

        public Scope(long steps, TimeSpan timeLimit, long memoryLimit)
        {
            EnsureTimer();
            owner = Current;
            previous = owner.Save();
            owner.Start(steps, Environment.TickCount64 + (long)timeLimit.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() + memoryLimit);
        }

        public void Dispose() => owner.Restore(previous);
    }

    /// <summary>
    /// One thread's budget: steps left, and when the clock and the memory were last read. Only the engine's code holds one
    /// (formulas cannot name this type); a loop charging element by element calls <see cref="Spend"/> on the meter it took
    /// once from <see cref="Current"/>, which costs what a field update costs.
    /// </summary>
    public sealed class Meter
    {
        private long remaining;
        private long seenTick;
        private long deadline;
        private long allocationLimit;
        private bool active;

        /// <summary>The lowest the budget left would have been had each <see cref="Reserve"/> since <see cref="ResetFloor"/>
        /// been spent (<see cref="long.MaxValue"/>: none): with the steps spent, what an evaluation reusing a computation
        /// must have left to fail where computing it fails (<see cref="PrecomputedIndicators"/>).</summary>
        private long floor = long.MaxValue;

        internal Meter()
        {
        }

        internal long Remaining => remaining;

        /// <summary>Charges <paramref name="steps"/> (nothing outside an evaluation); past the budget, or on a clock tick past
        /// the time or memory limit, throws <see cref="EvaluationBudgetExceededException"/>.</summary>
        public void Spend(long steps)
        {
            if (!active)
            {
                return;
            }

            remaining -= steps;
            if (remaining < 0 || Volatile.Read(ref tick) != seenTick)
            {
                Check();
            }
        }

        internal bool Fits(long steps) => !active || remaining >= steps;

        internal void SpendUnchecked(long steps)
        {
            if (active)
            {
                remaining -= steps;
            }
        }

        internal void Reserve(long steps)
        {
            if (!active)
            {
                return;
            }

            if (remaining - steps < floor)
            {
                floor = remaining - steps;
            }

            if (steps > remaining)
            {
                remaining = -1;
                Check();
            }
        }

        /// <summary>Forgets the reservations made so far (<see cref="Floor"/>).</summary>
        internal void ResetFloor() => floor = long.MaxValue;

        /// <summary>The lowest the budget left has been since <see cref="ResetFloor"/>, counting each reservation as spent.</summary>
        internal long Floor => Math.Min(floor, remaining);

        /// <summary>
        /// Charges a computation reused rather than made again: it fails (<see cref="EvaluationBudgetExceededException"/>)
        /// exactly when making it with the budget left would — its <paramref name="need"/> (the most it had spent or
        /// reserved at any point) is more than is left — and otherwise charges its <paramref name="steps"/>; the clock and
        /// the memory are checked as at any step.
        /// </summary>
        internal void SpendReused(long need, long steps)
        {
            if (!active)
            {
                return;
            }

            if (need > remaining)
            {
                remaining = -1;
                Check();
            }

            Spend(steps);
        }

        internal State Save() => new(remaining, seenTick, deadline, allocationLimit, active);

        internal void Start(long steps, long deadlineTicks, long allocationLimitBytes)
        {
            remaining = steps;
            seenTick = Volatile.Read(ref tick);
            deadline = deadlineTicks;
            allocationLimit = allocationLimitBytes;
            active = true;
        }

        internal void Restore(State state) => (remaining, seenTick, deadline, allocationLimit, active) = state;

        private void Check()
        {
            seenTick = Volatile.Read(ref tick);
            if (remaining < 0)
            {
                active = false;
                throw new EvaluationBudgetExceededException();
            }

            if (Environment.TickCount64 > deadline)
            {
                active = false;
                throw new EvaluationBudgetExceededException(
                    "The evaluation ran past its time limit (work the step budget does not measure, such as a library call on a very long text).")
                {
                    OutOfTime = true,
                };
            }

            if (GC.GetAllocatedBytesForCurrentThread() > allocationLimit)
            {
                active = false;
                throw new EvaluationBudgetExceededException($"The evaluation allocated more than its memory limit of {MemoryLimit / (1 << 20):N0} MiB.")
                {
                    OutOfMemory = true,
                };
            }
        }

        /// <summary>What a scope restores when it ends.</summary>
        internal readonly record struct State(long Remaining, long SeenTick, long Deadline, long AllocationLimit, bool Active);
    }
}
