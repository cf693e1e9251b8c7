using RseRules.Core.Runtime;
using Linq = System.Linq.Enumerable;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// The steps each helper charges for the sequence it walks, whatever loop walks it: for one of the engine's lists or an
/// array of n elements, one step per element and one for the walk (the list's enumerator, or its copy: n + 1); for a lazy
/// sequence, one step per element it yields (n); and IRR one more walk of n + 1 per rate it tries. Payback and IRR copy
/// the flows as System.Linq's ToArray does, which charges nothing for an empty list. The same documents hit the same limits
/// however the helpers are written.
/// </summary>
public class FnChargesTests
{
    private const long Budget = 1_000_000;

    public static TheoryData<int> Lengths => new() { 0, 1, 4, 11 };

    private static double[] Flows(int n) => Linq.ToArray(Linq.Select(Linq.Range(0, n), t => t == 0 ? -100.0 : 30.0 + t));

    /// <summary>The three shapes a helper is given: an engine list, an array, and a lazy sequence of the formulas' LINQ.</summary>
    private static (IReadOnlyList<double> List, double[] Array, IEnumerable<double> Lazy) Shapes(int n) =>
        (new BudgetedList<double>(Flows(n)), Flows(n), RseRules.Core.Runtime.Linq.Enumerable.Select(new BudgetedList<double>(Flows(n)), x => x));

    private static long Steps(Action action)
    {
        using var scope = EvaluationBudget.Begin(Budget);
        action();
        return Budget - EvaluationBudget.Remaining;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SequenceHelpers_EngineListArrayOrLazy_ChargeEachElementAndTheWalk(int n)
    {
        var (list, array, lazy) = Shapes(n);
        foreach (var (name, run) in new (string, Func<IEnumerable<double>, object?>)[]
        {
            ("PV", f => Fn.PV(0.1, f)),
            ("NPV", f => Fn.NPV(0.1, f)),
            ("Discount", f => Fn.Discount(0.1, f)),
            ("Payback", f => Fn.Payback(f)),
            ("Cumulative", f => Fn.Cumulative(f)),
            ("Sum", f => Fn.Sum(f)),
            ("Product", f => Fn.Product(f)),
            ("Mean", f => Fn.Mean(f)),
        })
        {
            var walk = n == 0 && name == "Payback" ? 0 : n + 1;
            Steps(() => run(list)).ShouldBe(walk, name + " of an engine list");
            Steps(() => run(array)).ShouldBe(walk, name + " of an array");
            Steps(() => run(lazy)).ShouldBe(n, name + " of a lazy sequence");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ElementWiseHelpers_TwoSeries_ChargeTheFirstOnesLengthAndOne(int n)
    {
        var (list, array, _) = Shapes(n);
        Steps(() => Fn.Add(list, array)).ShouldBe(n + 1);
        Steps(() => Fn.Sub(array, list)).ShouldBe(n + 1);
        Steps(() => Fn.Mul(list, 2)).ShouldBe(n + 1);
        Steps(() => Fn.Mul(array, 2)).ShouldBe(n + 1);
    }

    [Fact]
    public void IRR_OneSignChange_TheCopyAndOneWalkPerRateTried()
    {
        // Flows changing sign once are bisected from [-0.99, 10]: NPV at both ends, then one per halving until the interval
        // is narrower than 1e-12 (or the NPV is exactly 0): each a walk of n + 1 steps, after the copy of n + 1.
        var flows = Flows(4);
        var tried = 2;
        double a = -0.99, b = 10;
        while (b - a >= 1e-12 && tried < 202)
        {
            var m = a + ((b - a) / 2);
            tried++;
            var npv = Linq.Sum(Linq.Select(Linq.Range(0, flows.Length), t => flows[t] / Math.Pow(1 + m, t)));
            if (npv == 0)
            {
                break;
            }

            if (Math.Sign(npv) == Math.Sign(Linq.Sum(Linq.Select(Linq.Range(0, flows.Length), t => flows[t] / Math.Pow(1 + a, t)))))
            {
                a = m;
            }
            else
            {
                b = m;
            }
        }

        Steps(() => Fn.IRR(new BudgetedList<double>(flows))).ShouldBe((flows.Length + 1) * (tried + 1));
        Steps(() => Fn.IRR(flows)).ShouldBe((flows.Length + 1) * (tried + 1));
    }

    [Fact]
    public void SequenceHelpers_ArrayLoopAndEnumeratedSequence_SameValuesToTheBit()
    {
        // The array loops against the walk through an enumerator (the path any other sequence takes): same sums in the same
        // order, to the bit, on flows with cancellations, tiny and huge values and negative zeros.
        var random = new Random(42);
        double[] pool = [0.1, 0.2, 0.3, -0.0, 1e16, -1e16, 0.7, 123.456, -99.5, 1e-300, 3.0];
        for (var k = 0; k < 500; k++)
        {
            var flows = Linq.ToArray(Linq.Select(Linq.Range(0, random.Next(0, 9)), _ => pool[random.Next(pool.Length)]));
            var lazy = Linq.Select(flows, x => x);
            var rate = random.Next(0, 4) * 0.05;
            Bits(Fn.PV(rate, new BudgetedList<double>(flows))).ShouldBe(Bits(Fn.PV(rate, lazy)));
            Bits(Fn.Sum(flows)).ShouldBe(Bits(Fn.Sum(lazy)));
            Bits(Fn.Product(flows)).ShouldBe(Bits(Fn.Product(lazy)));
            Bits(Fn.Mean(flows)).ShouldBe(Bits(Fn.Mean(lazy)));
            Linq.ToArray(Linq.Select(Fn.Discount(rate, flows), Bits)).ShouldBe(Linq.ToArray(Linq.Select(Fn.Discount(rate, lazy), Bits)));
            Linq.ToArray(Linq.Select(Fn.Cumulative(flows), Bits)).ShouldBe(Linq.ToArray(Linq.Select(Fn.Cumulative(lazy), Bits)));
            Linq.ToArray(Linq.Select(Fn.Mul(flows, 1.1), Bits)).ShouldBe(Linq.ToArray(Linq.Select(Linq.Select(flows, x => x * 1.1), Bits)));
            Linq.ToArray(Linq.Select(Fn.Sub(flows, new BudgetedList<double>(flows)), Bits)).ShouldBe(Linq.ToArray(Linq.Select(flows, x => Bits(x - x))));
            Fn.Payback(flows).ShouldBe(Fn.Payback(lazy));
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    [Fact]
    public void Helpers_BudgetShort_StopWithTheBudgetException()
    {
        var list = new BudgetedList<double>(Flows(50));
        foreach (var run in new Action[] { () => Fn.PV(0.1, list), () => Fn.Discount(0.1, list), () => Fn.Mul(list, 2), () => Fn.Payback(list), () => Fn.Sum(list) })
        {
            using var scope = EvaluationBudget.Begin(40);
            Should.Throw<EvaluationBudgetExceededException>(run);
        }
    }
}
