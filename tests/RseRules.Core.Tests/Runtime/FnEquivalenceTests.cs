using System.Globalization;
using RseRules.Core.Runtime;
using Linq = System.Linq.Enumerable;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// The financial helpers of <see cref="Fn"/> against their former code (<see cref="FnReference"/>): on random flows of every
/// kind (any bit pattern, money, many sign changes, zeros, NaN and infinities sprinkled, subnormals, huge values, 0 to 40
/// elements) and rates of every kind, the same bits (nulls equal), the same exception (type and message), and the same
/// steps charged (the budget left compared), under a budget, outside any, and under every budget that stops the call.
/// </summary>
public class FnEquivalenceTests
{
    private const long Plenty = 1_000_000_000;

    /// <summary>Values every helper must get right: zeros of both signs, the smallest subnormal, the largest finite, the
    /// infinities, NaN, and ordinary ones.</summary>
    private static readonly double[] Specials =
    [
        0.0, -0.0, double.Epsilon, -double.Epsilon, 2.2250738585072009e-308, double.MaxValue, -double.MaxValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e308, -1e308, 1e-300, 1, -1, 0.1, -100, 1e16, -1e16,
    ];

    /// <summary>Rates of every kind: the IRR search's ends, zeros, −1 and below, tiny, huge, not a number.</summary>
    private static readonly double[] EdgeRates =
    [
        -0.99, 10, 0.0, -0.0, -1, -1.5, -2, 1e-300, double.Epsilon, -double.Epsilon, 1e-16, -1e-16, 2.2e-16, double.NaN,
        double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 0.08, 0.1, 1, 1e10, -0.9999999999,
    ];

    private readonly record struct Outcome(string Value, long Remaining);

    [Fact]
    public void PVDiscount_RandomFlowsAndRates_SameBitsExceptionsAndSteps()
    {
        var random = new Random(20_260_611);
        var rate = 0.1;
        for (var k = 0; k < 30_000; k++)
        {
            var flows = RandomFlows(random, random.Next(0, 41));

            // Often the rate of the call before (the same rate over and over, as a method discounting several series), often
            // a rate next to it (1 + rate the same or a neighbour), otherwise any rate.
            rate = random.Next(4) switch
            {
                0 => rate,
                1 => random.Next(2) == 0 ? Math.BitIncrement(rate) : Math.BitDecrement(rate),
                2 => EdgeRates[random.Next(EdgeRates.Length)],
                _ => random.Next(3) == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)) : (random.NextDouble() * 10.99) - 0.99,
            };

            var r = rate;
            foreach (var (shape, input) in Shapes(flows))
            {
                Same(() => Bits(Fn.PV(r, input)), () => Bits(FnReference.PV(r, input)), $"PV({r:R}, {Show(flows)}) of {shape}");
                Same(() => Bits(Fn.NPV(r, input)), () => Bits(FnReference.NPV(r, input)), $"NPV({r:R}, {Show(flows)}) of {shape}");
                Same(() => Bits(Fn.Discount(r, input)), () => Bits(FnReference.Discount(r, input)), $"Discount({r:R}, {Show(flows)}) of {shape}");
            }
        }
    }

    [Fact]
    public void IRR_RandomFlows_SameBitsExceptionsAndSteps()
    {
        var random = new Random(1_000_003);
        var seen = new Tally();
        for (var k = 0; k < 12_000; k++)
        {
            // Most flows short (the norm's are 2 to 11 years): a full scan of 10,000 rates is the slow case.
            var flows = RandomFlows(random, random.Next(5) == 0 ? random.Next(0, 41) : random.Next(0, 12));
            var shapes = Shapes(flows);
            var (shape, input) = shapes[random.Next(shapes.Length)];
            seen.Add(Same(() => Bits(Fn.IRR(input)), () => Bits(FnReference.IRR(input)), $"IRR({Show(flows)}) of {shape}"));
            if (random.Next(8) == 0)
            {
                var (lo, hi) = Bounds(random);
                seen.Add(Same(() => Bits(Fn.IRR(input, lo, hi)), () => Bits(FnReference.IRR(input, lo, hi)), $"IRR({Show(flows)}, {lo:R}, {hi:R}) of {shape}"));
            }
        }

        // Every way out was taken, many times: a rate, no rate, NaN met in the search, bounds refused.
        seen["a rate"].ShouldBeGreaterThan(1_000);
        seen["null"].ShouldBeGreaterThan(1_000);
        seen[typeof(ArithmeticException).FullName!].ShouldBeGreaterThan(100);
        seen[typeof(ArgumentOutOfRangeException).FullName!].ShouldBeGreaterThan(50);
    }

    /// <summary>Flows whose search takes each way out: a root at an end, bisection, a scan stopped by a sign change or an
    /// exact root, a full scan, a NaN at once or thousands of rates into the scan, all zeros, none, one.</summary>
    public static TheoryData<double[], double, double> SearchCases => new()
    {
        { [-100, 30, 40, 50], -0.99, 10 },
        { [-100, 60, 60], -0.99, 10 },
        { [100, -60, -60], -0.99, 10 },
        { [-1, 1], -0.99, 10 },
        { [-1, 0, 0, 1], 0, 10 },
        { [1, -3, 2.0001], -0.99, 10 },
        { [1, -3, 2], -0.99, 10 },
        { [-1, 2.5, -1.5], -0.99, 10 },
        { [1, 1, 1], -0.99, 10 },
        { [0, 0, -0.0], -0.99, 10 },
        { [], -0.99, 10 },
        { [5], -0.99, 10 },
        { [-1, 1, double.PositiveInfinity, -1], 0, 2.7e154 },
        { [double.MaxValue, double.MaxValue, double.NegativeInfinity], -0.99, 10 },
        { [double.NegativeInfinity, double.PositiveInfinity, -1], -0.99, 10 },
        { [-1, 2, -1, 0.5, -0.25, 3], -0.99, 10 },
        { [-100, 30, 40, 50], double.NaN, 10 },
        { [-100, 30, 40, 50], 0, double.PositiveInfinity },
        { [1, -2.89996, 2.079936], -0.5, 0.3 }, // roots 0.29996 (in the scan's last step, whose end is hi, not lo + 10,000 steps) and 0.6
    };

    [Theory]
    [MemberData(nameof(SearchCases))]
    public void IRR_EveryBudgetUpToTheCall_StopsAtTheSameStep(double[] flows, double lo, double hi)
    {
        // The steps a call takes, then budgets around every point it could stop: all of the first ones, around each walk
        // of n + 1 steps (sampled when there are thousands), and around the most the search could take once the flows are
        // copied (where the helper may charge its walks at once rather than one by one).
        var walk = flows.Length + 1L;
        var taken = Plenty - Run(() => Bits(FnReference.IRR(flows, lo, hi)), Plenty).Remaining;
        var budgets = new SortedSet<long> { taken - 1, taken, taken + 1 };
        for (var b = 0L; b <= Math.Min(taken + 1, 1_500); b++)
        {
            budgets.Add(b);
        }

        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var m = random.NextInt64(0, (taken / walk) + 2);
            budgets.UnionWith([(m * walk) - 1, m * walk, (m * walk) + 1]);
        }

        foreach (var most in new[] { 203, 10_202 })
        {
            budgets.UnionWith([(most * walk) - 1, most * walk, (most * walk) + 1]);
        }

        foreach (var budget in budgets.Where(b => b >= 0))
        {
            foreach (var (shape, input) in Shapes(flows))
            {
                var expected = Run(() => Bits(FnReference.IRR(input, lo, hi)), budget);
                Run(() => Bits(Fn.IRR(input, lo, hi)), budget).ShouldBe(expected, $"IRR({Show(flows)}, {lo:R}, {hi:R}) of {shape} under {budget} steps");
            }
        }
    }

    [Fact]
    public void PVDiscount_EveryBudgetUpToTheCall_StopsAtTheSameStep()
    {
        var flows = new[] { -100.0, 30, 40, 50, 60, -5 };
        for (var budget = 0; budget <= flows.Length + 3; budget++)
        {
            foreach (var (shape, input) in Shapes(flows))
            {
                var b = budget;
                Run(() => Bits(Fn.PV(0.08, input)), b).ShouldBe(Run(() => Bits(FnReference.PV(0.08, input)), b), $"PV of {shape} under {b}");
                Run(() => Bits(Fn.Discount(0.08, input)), b).ShouldBe(Run(() => Bits(FnReference.Discount(0.08, input)), b), $"Discount of {shape} under {b}");
            }
        }
    }

    [Fact]
    public void PVDiscount_ManyThreadsEachItsOwnRate_SameBitsAsTheFormerCode()
    {
        // Evaluations run on every core (simulations): powers one thread remembers must never serve another's rate.
        var flows = Linq.ToArray(Linq.Select(Linq.Range(0, 12), t => t == 0 ? -1000.0 : 137.25 * t));
        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 20_000; i++)
            {
                var rate = random.Next(3) == 0 ? worker * 0.01 : random.NextDouble();
                var n = random.Next(0, flows.Length + 1);
                var input = flows[..n];
                if (Bits(Fn.PV(rate, input)) != Bits(FnReference.PV(rate, input))
                    || Bits(Fn.Discount(rate, input)) != Bits(FnReference.Discount(rate, input)))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        failures.ShouldBe(0);
    }

    [Fact]
    public void PVDiscount_LongFlows_SameBitsAsTheFormerCode()
    {
        // Longer than any powers remembered, and a short call between two long ones.
        var random = new Random(11);
        foreach (var n in new[] { 100, 3, 1_000, 65, 64, 63, 5_000 })
        {
            var flows = RandomFlows(random, n);
            foreach (var rate in new[] { 0.08, 0.08, 1e-3, -0.5 })
            {
                Same(() => Bits(Fn.PV(rate, flows)), () => Bits(FnReference.PV(rate, flows)), $"PV({rate}) of {n}");
                Same(() => Bits(Fn.Discount(rate, flows)), () => Bits(FnReference.Discount(rate, flows)), $"Discount({rate}) of {n}");
            }
        }
    }

    [Fact]
    public void Helpers_NullFlows_SameException()
    {
        Same(() => Bits(Fn.PV(0.1, null!)), () => Bits(FnReference.PV(0.1, null!)), "PV");
        Same(() => Bits(Fn.Discount(0.1, null!)), () => Bits(FnReference.Discount(0.1, null!)), "Discount");
        Same(() => Bits(Fn.IRR(null!)), () => Bits(FnReference.IRR(null!)), "IRR");
    }

    /// <summary>Both calls give the same outcome under a budget, and outside any evaluation; the outcome's kind.</summary>
    private static string Same(Func<string> actual, Func<string> expected, string what)
    {
        var outcome = Run(expected, Plenty);
        Run(actual, Plenty).ShouldBe(outcome, what);
        Run(actual, null).Value.ShouldBe(Run(expected, null).Value, what + " outside an evaluation");
        return outcome.Value.Contains(':', StringComparison.Ordinal) ? outcome.Value[..outcome.Value.IndexOf(':', StringComparison.Ordinal)]
            : outcome.Value == "null" ? "null" : "a rate";
    }

    /// <summary>How many outcomes of each kind a test saw (0 for a kind never seen).</summary>
    private sealed class Tally : Dictionary<string, int>
    {
        public new int this[string kind] => TryGetValue(kind, out var n) ? n : 0;

        public void Add(string kind) => base[kind] = this[kind] + 1;
    }

    private static Outcome Run(Func<string> call, long? budget)
    {
        using var scope = budget is { } steps ? EvaluationBudget.Begin(steps) : default(EvaluationBudget.Scope?);
        string value;
        try
        {
            value = call();
        }
#pragma warning disable CA1031 // the exception is the outcome compared
        catch (Exception e)
#pragma warning restore CA1031
        {
            value = e.GetType().FullName + ": " + e.Message;
        }

        return new Outcome(value, budget is null ? 0 : EvaluationBudget.Remaining);
    }

    /// <summary>The flows as an array, as one of the engine's lists, and as a lazy sequence (walked element by element).</summary>
    private static (string Shape, IEnumerable<double> Input)[] Shapes(double[] flows) =>
        [("an array", flows), ("an engine list", new BudgetedList<double>(flows)), ("a lazy sequence", Linq.Select(flows, x => x))];

    private static double[] RandomFlows(Random random, int n)
    {
        var kind = random.Next(8);
        var flows = new double[n];
        for (var t = 0; t < n; t++)
        {
            flows[t] = kind switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
                1 => Money(random) * (random.Next(2) == 0 ? 1 : -1),
                2 => t == 0 ? -Money(random) : Money(random), // an investment, then returns: one sign change
                3 => Money(random) * (t % 2 == 0 ? 1 : -1) * (random.Next(6) == 0 ? 1e-3 : 1), // many sign changes
                4 => random.Next(2) == 0 ? 0.0 : -0.0,
                5 => random.Next(8) == 0 ? Specials[random.Next(Specials.Length)] : Money(random) * (t == 0 ? -1 : 1),
                6 => random.Next(-2, 3), // small integers: exact roots, NPVs exactly zero
                _ => Specials[random.Next(Specials.Length)],
            };
        }

        return flows;
    }

    private static double Money(Random random) => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 8)), 2);

    private static (double Lo, double Hi) Bounds(Random random)
    {
        double[] los = [-0.99, -0.5, 0, -1, -1.0000001, -0.9999999999, -1 + 1e-15, double.NaN, double.NegativeInfinity, 0.05];
        double[] his = [10, 1, 0.5, 0, 1e10, 2.7e154, double.MaxValue, double.PositiveInfinity, double.NaN, 0.05 + 1e-13];
        return (los[random.Next(los.Length)], his[random.Next(his.Length)]);
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);

    private static string Bits(double? value) => value is { } d ? Bits(d) : "null";

    private static string Bits(IReadOnlyList<double> values) => string.Join(',', Linq.Select(values, v => Bits(v)));

    private static string Show(double[] flows) => "[" + string.Join(", ", Linq.Select(flows, f => f.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
