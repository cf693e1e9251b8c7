using CsCheck;
using RseRules.Core.Runtime;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// Invariants of the financial helpers over random cash flows (CsCheck; a failure prints the seed and the smallest
/// flows it found). Magnitudes are those of real projects: flows up to 1e7 over up to 30 years.
/// </summary>
public class FnPropertyTests
{
    private const int Iterations = 2_000;

    /// <summary>One amount of a year: mostly ordinary, sometimes exactly zero.</summary>
    private static readonly Gen<double> Amount = Gen.Frequency((8, Gen.Double[-1e7, 1e7]), (1, Gen.Const(0.0)), (1, Gen.Double[-100, 100]));

    /// <summary>Any flows, 1 to 30 years.</summary>
    private static readonly Gen<double[]> RandomFlows = Amount.Array[1, 30];

    /// <summary>An investment then returns: one negative flow, then non-negative ones.</summary>
    private static readonly Gen<double[]> ConventionalFlows = Gen.Select(Gen.Double[-1e7, -1], Gen.Double[0, 1e7].Array[1, 30], (first, rest) => (double[])[first, .. rest]);

    /// <summary>Discount rates a method may use: from −50 % to +100 %.</summary>
    private static readonly Gen<double> Rate = Gen.Frequency((6, Gen.Double[-0.5, 1]), (1, Gen.Const(0.0)), (1, Gen.Double[0, 0.2]));

    [Fact]
    public void IRR_ConventionalFlows_NpvAtTheRateIsZero()
    {
        ConventionalFlows.Sample(flows =>
        {
            if (Fn.IRR(flows) is { } irr)
            {
                NpvAt(irr, flows).ShouldBe(0, ToleranceAt(irr, flows), $"IRR {irr:R}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void IRR_RandomFlows_NpvAtTheRateIsZero()
    {
        RandomFlows.Sample(flows =>
        {
            if (Fn.IRR(flows) is { } irr)
            {
                irr.ShouldBeInRange(-0.99, 10);
                NpvAt(irr, flows).ShouldBe(0, ToleranceAt(irr, flows), $"IRR {irr:R}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void IRR_ConventionalFlowsWithARootInTheRange_FindsIt()
    {
        // One sign change: the NPV is monotone in the rate, so a sign change between the ends of [−0.99, 10] is a root.
        ConventionalFlows.Where(f => NpvAt(-0.99, f) > 0 && NpvAt(10, f) < 0).Sample(flows =>
        {
            Fn.IRR(flows).ShouldNotBeNull();
        }, iter: Iterations);
    }

    [Fact]
    public void Payback_OneFlowIncreased_NeverLonger()
    {
        Gen.Select(RandomFlows, Gen.Int[0, 29], Gen.Double[0, 1e7]).Sample((flows, index, increase) =>
        {
            var more = (double[])flows.Clone();
            more[index % more.Length] += increase;

            var before = Fn.Payback(flows);
            var after = Fn.Payback(more);

            if (before is { } b)
            {
                var a = after.ShouldNotBeNull("a payback that exists must stay existing when a flow increases");
                a.ShouldBeLessThanOrEqualTo(b + 1e-12);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Payback_ConventionalFlowsOneIncreased_NeverLonger()
    {
        Gen.Select(ConventionalFlows, Gen.Int[0, 30], Gen.Double[0, 1e7]).Sample((flows, index, increase) =>
        {
            var more = (double[])flows.Clone();
            more[index % more.Length] += increase;
            if (Fn.Payback(flows) is { } before)
            {
                Fn.Payback(more).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(before + 1e-12);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Payback_AnyFlows_WithinTheFlowsYears()
    {
        RandomFlows.Sample(flows =>
        {
            if (Fn.Payback(flows) is { } p)
            {
                p.ShouldBeInRange(0, flows.Length - 1);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void PV_LinearCombination_IsTheCombinationOfThePVs()
    {
        Gen.Select(Rate, Amount.Array[1, 30], Amount.Array[1, 30], Gen.Double[-10, 10], Gen.Double[-10, 10]).Sample((rate, x, y, a, b) =>
        {
            var n = Math.Min(x.Length, y.Length);
            var combined = Enumerable.Range(0, n).Select(t => (a * x[t]) + (b * y[t])).ToArray();
            x = x[..n];
            y = y[..n];

            var expected = (a * Fn.PV(rate, x)) + (b * Fn.PV(rate, y));
            var magnitude = (Math.Abs(a) * Fn.PV(rate, x.Select(Math.Abs))) + (Math.Abs(b) * Fn.PV(rate, y.Select(Math.Abs)));
            Fn.PV(rate, combined).ShouldBe(expected, 1e-12 * (1 + magnitude));
        }, iter: Iterations);
    }

    [Fact]
    public void PV_ScaledFlows_ScaledPV()
    {
        Gen.Select(Rate, RandomFlows, Gen.Double[-1e3, 1e3]).Sample((rate, flows, k) =>
        {
            var magnitude = Math.Abs(k) * Fn.PV(rate, flows.Select(Math.Abs));
            Fn.PV(rate, flows.Select(f => k * f)).ShouldBe(k * Fn.PV(rate, flows), 1e-12 * (1 + magnitude));
        }, iter: Iterations);
    }

    [Fact]
    public void Discount_Summed_EqualsPV()
    {
        Gen.Select(Rate, RandomFlows).Sample((rate, flows) =>
        {
            var discounted = Fn.Discount(rate, flows);

            discounted.Count.ShouldBe(flows.Length);
            var magnitude = Fn.PV(rate, flows.Select(Math.Abs));
            Fn.Sum(discounted).ShouldBe(Fn.PV(rate, flows), 1e-12 * (1 + magnitude));
            Fn.NPV(rate, flows).ShouldBe(Fn.PV(rate, flows));
        }, iter: Iterations);
    }

    /// <summary>The NPV computed independently of the helper (powers, not a running factor).</summary>
    private static double NpvAt(double rate, double[] flows) => flows.Select((f, t) => f / Math.Pow(1 + rate, t)).Sum();

    /// <summary>
    /// Zero "within the flows' magnitude": the sum of the discounted flows' absolute values at that rate, times 1e-7. The
    /// bisection stops at a rate interval below 1e-12, where the NPV moves by at most 30 / (1 + rate) × that magnitude
    /// × 1e-12 (3e-8 of it at the lowest rate, −0.99).
    /// </summary>
    private static double ToleranceAt(double rate, double[] flows) => 1e-7 * flows.Select((f, t) => Math.Abs(f) / Math.Pow(1 + rate, t)).Sum();
}
