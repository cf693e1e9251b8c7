using RseRules.Core.Runtime;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// The former code of the financial helpers of <see cref="Fn"/> that were made faster (PV, NPV, Discount, IRR and IRR's
/// private helpers), copied verbatim from src/RseRules.Core/Runtime/Fn.cs at commit 0d9e201 (what did not change — Payback,
/// and the walks <see cref="Fn.Walk"/> and <see cref="Fn.Copy"/> — is called, not copied): the reference
/// <see cref="FnEquivalenceTests"/> compares the current helpers with, to the bit, exception and step. Do not change it.
/// </summary>
internal static class FnReference
{
    /// <summary>Present value: Σ flows[t] / (1+rate)^t for t = 0, 1, ….</summary>
    public static double PV(double rate, IEnumerable<double> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var sum = 0.0;
        if (Fn.Walk(flows) is { } array)
        {
            for (var t = 0; t < array.Length; t++)
            {
                sum += array[t] / Math.Pow(1 + rate, t);
            }

            return sum;
        }

        var i = 0;
        foreach (var f in Budget.Each(flows))
        {
            sum += f / Math.Pow(1 + rate, i++);
        }

        return sum;
    }

    /// <summary>Net present value of net flows (the same sum as <see cref="PV"/>).</summary>
    public static double NPV(double rate, IEnumerable<double> flows) => PV(rate, flows);

    /// <summary>The discounted flows: flows[t] / (1+rate)^t.</summary>
    public static IReadOnlyList<double> Discount(double rate, IEnumerable<double> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (Fn.Walk(flows) is { } array)
        {
            var discounted = array.Length == 0 ? [] : new double[array.Length];
            for (var t = 0; t < array.Length; t++)
            {
                discounted[t] = array[t] / Math.Pow(1 + rate, t);
            }

            return new BudgetedList<double>(discounted);
        }

        return new BudgetedList<double>(Budget.Each(flows).Select((f, t) => f / Math.Pow(1 + rate, t)).ToArray());
    }

    /// <summary>Internal rate of return in [−0.99, 10]; null when the NPV has no root there.</summary>
    public static double? IRR(IEnumerable<double> flows) => IRR(flows, -0.99, 10);

    /// <summary>
    /// The smallest rate ρ in [lo, hi] where Σ flows[t]/(1+ρ)^t = 0: the interval is cut in 10,000 equal steps,
    /// the first step whose ends differ in sign (or whose start is an exact root) is bisected to a width below 1e-12.
    /// Flows that are all zero have no meaningful rate: null.
    /// Flows that change sign once have a single root (their NPV is monotone in ρ), found by bisection directly.
    /// Null when there is no root.
    /// </summary>
    public static double? IRR(IEnumerable<double> flows, double lo, double hi)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var f = Fn.Copy(flows);
        if (lo <= -1 || hi <= lo)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), "IRR needs -1 < lo < hi.");
        }

        if (Array.TrueForAll(f, x => x == 0))
        {
            return null; // every rate is a root: no rate of return means anything
        }

        var meter = EvaluationBudget.Current;
        if (SignChanges(f) == 1)
        {
            var a = Npv(f, lo, meter);
            var b = Npv(f, hi, meter);
            if (a == 0)
            {
                return lo;
            }

            return Math.Sign(a) == Math.Sign(b) && b != 0 ? null : Bisect(f, lo, hi, a, meter);
        }

        const int steps = 10_000;
        var step = (hi - lo) / steps;
        var prev = Npv(f, lo, meter);
        for (var k = 0; k < steps; k++)
        {
            var x0 = lo + (k * step);
            if (prev == 0)
            {
                return x0;
            }

            var x1 = k + 1 == steps ? hi : lo + ((k + 1) * step);
            var next = Npv(f, x1, meter);
            if (Math.Sign(prev) != Math.Sign(next))
            {
                return next == 0 ? x1 : Bisect(f, x0, x1, prev, meter);
            }

            prev = next;
        }

        return prev == 0 ? hi : null;
    }

    /// <summary>Σ f[t] / (1 + r)^t, the factor built by multiplication (IRR's search), one walk charged.</summary>
    private static double Npv(double[] f, double r, EvaluationBudget.Meter meter)
    {
        meter.Spend(f.Length + 1);
        var sum = 0.0;
        var factor = 1.0;
        for (var t = 0; t < f.Length; t++)
        {
            sum += f[t] / factor;
            factor *= 1 + r;
        }

        return sum;
    }

    private static int SignChanges(double[] f)
    {
        var changes = 0;
        var last = 0;
        foreach (var x in f)
        {
            var s = Math.Sign(x);
            if (s == 0)
            {
                continue;
            }

            if (last != 0 && s != last)
            {
                changes++;
            }

            last = s;
        }

        return changes;
    }

    private static double Bisect(double[] f, double a, double b, double fa, EvaluationBudget.Meter meter)
    {
        for (var i = 0; i < 200 && b - a >= 1e-12; i++)
        {
            var m = a + ((b - a) / 2);
            var fm = Npv(f, m, meter);
            if (fm == 0)
            {
                return m;
            }

            if (Math.Sign(fm) == Math.Sign(fa))
            {
                a = m;
                fa = fm;
            }
            else
            {
                b = m;
            }
        }

        return a + ((b - a) / 2);
    }
}
