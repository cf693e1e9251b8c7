using RseRules.Core.Model;

namespace RseRules.Core.Runtime;

/// <summary>
/// The helper library formulas call by name (<c>PV(rate, flows)</c>, <c>Clamp(x, 0, 100)</c>…). Pure functions:
/// no state, no I/O, bounded work. Documented in methods/README.md ("Helper functions").
/// </summary>
public static class Fn
{
    /// <summary>Largest sequence <see cref="Series"/> and <see cref="Seq"/> build.</summary>
    public const long MaxSequence = 100_000;

    /// <summary>Present value: Σ flows[t] / (1+rate)^t for t = 0, 1, ….</summary>
    public static double PV(double rate, IEnumerable<double> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var sum = 0.0;
        var t = 0;
        foreach (var f in Budget.Each(flows))
        {
            sum += f / Math.Pow(1 + rate, t++);
        }

        return sum;
    }

    /// <summary>Net present value of net flows (the same sum as <see cref="PV"/>).</summary>
    public static double NPV(double rate, IEnumerable<double> flows) => PV(rate, flows);

    /// <summary>The discounted flows: flows[t] / (1+rate)^t.</summary>
    public static IReadOnlyList<double> Discount(double rate, IEnumerable<double> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
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
        var f = Budget.Each(flows).ToArray();
        if (lo <= -1 || hi <= lo)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), "IRR needs -1 < lo < hi.");
        }

        if (f.All(x => x == 0))
        {
            return null; // every rate is a root: no rate of return means anything
        }

        double Npv(double r)
        {
            EvaluationBudget.Spend(f.Length + 1);
            var sum = 0.0;
            var factor = 1.0;
            for (var t = 0; t < f.Length; t++)
            {
                sum += f[t] / factor;
                factor *= 1 + r;
            }

            return sum;
        }

        if (SignChanges(f) == 1)
        {
            var a = Npv(lo);
            var b = Npv(hi);
            if (a == 0)
            {
                return lo;
            }

            return Math.Sign(a) == Math.Sign(b) && b != 0 ? null : Bisect(Npv, lo, hi, a);
        }

        const int steps = 10_000;
        var step = (hi - lo) / steps;
        var prev = Npv(lo);
        for (var k = 0; k < steps; k++)
        {
            var x0 = lo + (k * step);
            if (prev == 0)
            {
                return x0;
            }

            var x1 = k + 1 == steps ? hi : lo + ((k + 1) * step);
            var next = Npv(x1);
            if (Math.Sign(prev) != Math.Sign(next))
            {
                return next == 0 ? x1 : Bisect(Npv, x0, x1, prev);
            }

            prev = next;
        }

        return prev == 0 ? hi : null;
    }

    /// <summary>
    /// Payback in years: 0 when flows[0] ≥ 0; otherwise (k−1) + (−cum[k−1]) / flows[k] for the first k ≥ 1 whose
    /// cumulative flow reaches 0; null when it never does.
    /// </summary>
    public static double? Payback(IEnumerable<double> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var f = Budget.Each(flows).ToArray();
        if (f.Length == 0)
        {
            return null;
        }

        if (f[0] >= 0)
        {
            return 0;
        }

        var cum = f[0];
        for (var k = 1; k < f.Length; k++)
        {
            var next = cum + f[k];
            if (next >= 0)
            {
                return (k - 1) + (-cum / f[k]);
            }

            cum = next;
        }

        return null;
    }

    /// <summary>Running sums of the flows.</summary>
    public static IReadOnlyList<double> Cumulative(IEnumerable<double> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var sum = 0.0;
        return new BudgetedList<double>(Budget.Each(flows).Select(f => sum += f).ToArray());
    }

    /// <summary>The array f(0), f(1), …, f(n−1); n at most <see cref="MaxSequence"/>.</summary>
    public static IReadOnlyList<double> Series(long n, Func<int, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckLength(n);
        EvaluationBudget.Reserve(n);
        var a = new double[n];
        for (var t = 0; t < n; t++)
        {
            EvaluationBudget.Spend(1);
            a[t] = f(t);
        }

        return new BudgetedList<double>(a);
    }

    /// <summary>The integers start, start+1, …, start+count−1; count at most <see cref="MaxSequence"/>.</summary>
    public static IReadOnlyList<int> Seq(long start, long count)
    {
        CheckLength(count);
        EvaluationBudget.Spend(count);
        var a = new int[count];
        for (var i = 0; i < count; i++)
        {
            a[i] = checked((int)(start + i));
        }

        return new BudgetedList<int>(a);
    }

    /// <summary>Element-wise sum of two series of the same length.</summary>
    public static IReadOnlyList<double> Add(IReadOnlyList<double> a, IReadOnlyList<double> b) => new BudgetedList<double>(Zip(a, b, (x, y) => x + y));

    /// <summary>Element-wise difference of two series of the same length.</summary>
    public static IReadOnlyList<double> Sub(IReadOnlyList<double> a, IReadOnlyList<double> b) => new BudgetedList<double>(Zip(a, b, (x, y) => x - y));

    /// <summary>Each element multiplied by k.</summary>
    public static IReadOnlyList<double> Mul(IReadOnlyList<double> a, double k)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new BudgetedList<double>(Budget.Each(a).Select(x => x * k).ToArray());
    }

    /// <summary>Sum of the values (0 for none).</summary>
    public static double Sum(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = 0.0;
        foreach (var v in Budget.Each(values))
        {
            s += v;
        }

        return s;
    }

    /// <summary>Product of the values (1 for none).</summary>
    public static double Product(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var p = 1.0;
        foreach (var v in Budget.Each(values))
        {
            p *= v;
        }

        return p;
    }

    /// <summary>Arithmetic mean; 0 when there is no value.</summary>
    public static double Mean(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = 0.0;
        var n = 0;
        foreach (var v in Budget.Each(values))
        {
            s += v;
            n++;
        }

        return n == 0 ? 0 : s / n;
    }

    /// <summary>x limited to [lo, hi].</summary>
    public static double Clamp(double x, double lo, double hi) => Math.Clamp(x, lo, hi);

    /// <summary>x rounded to <paramref name="digits"/> decimals, half away from zero.</summary>
    public static double Round(double x, int digits) => Math.Round(x, digits, MidpointRounding.AwayFromZero);

    /// <summary>The first grade whose threshold the score reaches (thresholds in decreasing order); the last grade otherwise.</summary>
    public static string Grade(double score, IReadOnlyList<double> thresholds, IReadOnlyList<string> grades)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(grades);
        if (grades.Count != thresholds.Count + 1)
        {
            throw new ArgumentException("Grade needs one more grade than thresholds.", nameof(grades));
        }

        EvaluationBudget.Spend(thresholds.Count + 1);

        for (var i = 0; i < thresholds.Count; i++)
        {
            if (score >= thresholds[i])
            {
                return grades[i];
            }
        }

        return grades[^1];
    }

    /// <summary>A text in French and English.</summary>
    public static LocalizedText L(string fr, string en) => new(fr, en);

    /// <summary>An ordered map (keys in the order of the items).</summary>
    public static IReadOnlyDictionary<TKey, TValue> Map<T, TKey, TValue>(IEnumerable<T> items, Func<T, TKey> key, Func<T, TValue> value)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var d = new Dictionary<TKey, TValue>(items.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var item in Budget.Each(items))
        {
            d.Add(key(item), value(item));
        }

        return new BudgetedDictionary<TKey, TValue>(d);
    }

    private static double[] Zip(IReadOnlyList<double> a, IReadOnlyList<double> b, Func<double, double, double> op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Series of different lengths ({a.Count} and {b.Count}).", nameof(b));
        }

        EvaluationBudget.Spend(a.Count + 1);

        var r = new double[a.Count];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = op(a[i], b[i]);
        }

        return r;
    }

    internal static void CheckLength(long n)
    {
        if (n < 0 || n > MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"A sequence holds 0 to {MaxSequence} elements, not {n}.");
        }
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

    private static double Bisect(Func<double, double> f, double a, double b, double fa)
    {
        for (var i = 0; i < 200 && b - a >= 1e-12; i++)
        {
            var m = a + ((b - a) / 2);
            var fm = f(m);
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
