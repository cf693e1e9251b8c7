using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        if (Walk(flows) is { } array)
        {
            if (Powers.Of(1 + rate, array.Length) is { } powers)
            {
                for (var t = 0; t < array.Length; t++)
                {
                    sum += array[t] / powers[t];
                }

                return sum;
            }

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
        if (Walk(flows) is { } array)
        {
            var discounted = array.Length == 0 ? [] : new double[array.Length];
            if (Powers.Of(1 + rate, array.Length) is { } powers)
            {
                for (var t = 0; t < array.Length; t++)
                {
                    discounted[t] = array[t] / powers[t];
                }
            }
            else
            {
                for (var t = 0; t < array.Length; t++)
                {
                    discounted[t] = array[t] / Math.Pow(1 + rate, t);
                }
            }

            return new BudgetedList<double>(discounted);
        }

        return new BudgetedList<double>(DiscountEach(rate, flows));
    }

    // The fallbacks' lambdas capture a parameter or a local: in a method of their own, so that the closure is made only when
    // the fallback runs (C# makes a captured parameter's closure on entry to the method that declares it).
    private static double[] DiscountEach(double rate, IEnumerable<double> flows) => Budget.Each(flows).Select((f, t) => f / Math.Pow(1 + rate, t)).ToArray();

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
        var f = Copy(flows);
        if (lo <= -1 || hi <= lo)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), "IRR needs -1 < lo < hi.");
        }

        if (AllZero(f))
        {
            return null; // every rate is a root: no rate of return means anything
        }

        var meter = EvaluationBudget.Current;
        var single = SignChanges(f) == 1;

        // Each rate tried walks the flows (n + 1 steps). When the most the search can try fits in the budget left (both
        // ends or the scan's 10,001 rates, then at most 200 halvings), the rates tried are counted and charged at the end:
        // no step deferred could have stopped the evaluation; a NaN met (ArithmeticException) still charges those tried.
        // Otherwise each is charged before it is tried, as the budget then decides where the search stops.
        var walk = f.Length + 1L;
        if (!meter.Fits((single ? 2 + MaxHalvings : 1 + ScanSteps + MaxHalvings) * walk))
        {
            var charged = new ChargedWalks(meter, walk);
            return Search(f, lo, hi, single, ref charged);
        }

        var counted = default(CountedWalks);
        double? rate;
        try
        {
            rate = Search(f, lo, hi, single, ref counted);
        }
        catch (ArithmeticException)
        {
            meter.SpendUnchecked(counted.Walks * walk);
            throw;
        }

        meter.Spend(counted.Walks * walk);
        return rate;
    }

    /// <summary>
    /// Payback in years: 0 when flows[0] ≥ 0; otherwise (k−1) + (−cum[k−1]) / flows[k] for the first k ≥ 1 whose
    /// cumulative flow reaches 0; null when it never does.
    /// </summary>
    public static double? Payback(IEnumerable<double> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var f = Copy(flows);
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
        if (Walk(flows) is { } array)
        {
            var sum = 0.0;
            var sums = array.Length == 0 ? [] : new double[array.Length];
            for (var t = 0; t < array.Length; t++)
            {
                sums[t] = sum += array[t];
            }

            return new BudgetedList<double>(sums);
        }

        return new BudgetedList<double>(CumulateEach(flows));
    }

    private static double[] CumulateEach(IEnumerable<double> flows)
    {
        var sum = 0.0;
        return Budget.Each(flows).Select(f => sum += f).ToArray();
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
    public static IReadOnlyList<double> Add(IReadOnlyList<double> a, IReadOnlyList<double> b) => new BudgetedList<double>(Zip(a, b, subtract: false));

    /// <summary>Element-wise difference of two series of the same length.</summary>
    public static IReadOnlyList<double> Sub(IReadOnlyList<double> a, IReadOnlyList<double> b) => new BudgetedList<double>(Zip(a, b, subtract: true));

    /// <summary>Each element multiplied by k.</summary>
    public static IReadOnlyList<double> Mul(IReadOnlyList<double> a, double k)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (Walk(a) is { } array)
        {
            var product = array.Length == 0 ? [] : new double[array.Length];
            for (var t = 0; t < array.Length; t++)
            {
                product[t] = array[t] * k;
            }

            return new BudgetedList<double>(product);
        }

        return new BudgetedList<double>(ScaleEach(a, k));
    }

    private static double[] ScaleEach(IEnumerable<double> a, double k) => Budget.Each(a).Select(x => x * k).ToArray();

    /// <summary>Sum of the values (0 for none).</summary>
    public static double Sum(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = 0.0;
        if (Walk(values) is { } array)
        {
            foreach (var v in array)
            {
                s += v;
            }

            return s;
        }

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
        if (Walk(values) is { } array)
        {
            foreach (var v in array)
            {
                p *= v;
            }

            return p;
        }

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
        if (Walk(values) is { } array)
        {
            foreach (var v in array)
            {
                s += v;
            }

            return array.Length == 0 ? 0 : s / array.Length;
        }

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

    private static double[] Zip(IReadOnlyList<double> a, IReadOnlyList<double> b, bool subtract)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Series of different lengths ({a.Count} and {b.Count}).", nameof(b));
        }

        EvaluationBudget.Spend(a.Count + 1);

        var r = new double[a.Count];
        if (Budget.TryGetArray(a, out var x) && Budget.TryGetArray(b, out var y))
        {
            for (var i = 0; i < r.Length; i++)
            {
                r[i] = subtract ? x[i] - y[i] : x[i] + y[i];
            }

            return r;
        }

        for (var i = 0; i < r.Length; i++)
        {
            r[i] = subtract ? a[i] - b[i] : a[i] + b[i];
        }

        return r;
    }

    /// <summary>
    /// The array behind an engine list or an array, charged as walking it through the list's enumerator charges it (one step
    /// for the walk and one per element, n + 1, at once: nothing else happens in the helpers' loops); null for any other
    /// sequence, which the helper walks through <see cref="Budget.Each{T}(IEnumerable{T})"/> instead.
    /// </summary>
    internal static double[]? Walk(IEnumerable<double> values)
    {
        if (!Budget.TryGetArray(values, out var array))
        {
            return null;
        }

        EvaluationBudget.Spend(array.Length + 1);
        return array;
    }

    /// <summary>The values as an array the helper may keep: System.Linq's ToArray of <see cref="Budget.Each{T}(IEnumerable{T})"/>
    /// (an engine list copied charges n + 1, nothing when empty); an engine list's own array is shared, never written.</summary>
    internal static double[] Copy(IEnumerable<double> values)
    {
        if (Budget.TryGetArray(values, out var array))
        {
            if (array.Length > 0)
            {
                EvaluationBudget.Spend(array.Length + 1);
            }

            return array;
        }

        return Budget.Each(values).ToArray();
    }

    /// <summary>Σ f[t] / (1 + r)^t, the factor built by multiplication (IRR's search); the walk is charged by the caller.</summary>
    private static double Npv(double[] f, double r)
    {
        var sum = 0.0;
        var factor = 1.0;
        var growth = 1 + r;
        for (var t = 0; t < f.Length; t++)
        {
            sum += f[t] / factor;
            factor *= growth;
        }

        return sum;
    }

    internal static void CheckLength(long n)
    {
        if (n < 0 || n > MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"A sequence holds 0 to {MaxSequence} elements, not {n}.");
        }
    }

    private static bool AllZero(double[] f)
    {
        foreach (var x in f)
        {
            if (x != 0)
            {
                return false;
            }
        }

        return true;
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

    /// <summary>Rates IRR's scan tries after <c>lo</c>.</summary>
    private const int ScanSteps = 10_000;

    /// <summary>The fewest flows whose bisection computes its NPVs four at a time: below, one halving at a time is faster
    /// (measured: 4 flows 227 against 292 ns, 5 and 6 flows slower too; 7 flows 309 against 433 ns, 41 flows 1.4 against
    /// 2.7 µs). The same result either way.</summary>
    private const int VectorFlows = 7;

    /// <summary>Most halvings of IRR's bisection.</summary>
    private const int MaxHalvings = 200;

    /// <summary>IRR's search once the flows are known not all zero: bisection of [lo, hi] for flows that change sign once,
    /// otherwise the scan for the first step whose ends differ in sign (or whose start is a root), then its bisection.
    /// <paramref name="walks"/> is told of each rate tried, before it is tried.</summary>
    private static double? Search<TWalks>(double[] f, double lo, double hi, bool single, ref TWalks walks)
        where TWalks : struct, IWalks
    {
        if (single)
        {
            walks.Walk();
            var a = Npv(f, lo);
            walks.Walk();
            var b = Npv(f, hi);
            if (a == 0)
            {
                return lo;
            }

            return Math.Sign(a) == Math.Sign(b) && b != 0 ? null : Bisect(f, lo, hi, a, ref walks);
        }

        var step = (hi - lo) / ScanSteps;
        walks.Walk();
        var prev = Npv(f, lo);

        // With 256-bit vectors, the NPVs of the next 4 rates are computed at once (each lane exactly as Npv computes it),
        // then the steps are replayed one by one from them; the rates past the step that ends the scan are never charged.
        Span<double> rates = stackalloc double[4];
        Span<double> npvs = stackalloc double[4];
        for (var k = 0; k < ScanSteps; k++)
        {
            var x0 = lo + (k * step);
            if (prev == 0)
            {
                return x0;
            }

            double x1;
            double next;
            if (Vector256.IsHardwareAccelerated)
            {
                var j = k % 4;
                if (j == 0)
                {
                    var r = Vector256.Create(Rate(k + 1), Rate(k + 2), Rate(k + 3), Rate(k + 4));
                    r.CopyTo(rates);
                    Npv(f, r).CopyTo(npvs);
                }

                x1 = rates[j];
                walks.Walk();
                next = npvs[j];
            }
            else
            {
                x1 = k + 1 == ScanSteps ? hi : lo + ((k + 1) * step);
                walks.Walk();
                next = Npv(f, x1);
            }

            if (Math.Sign(prev) != Math.Sign(next))
            {
                return next == 0 ? x1 : Bisect(f, x0, x1, prev, ref walks);
            }

            prev = next;
        }

        return prev == 0 ? hi : null;

        // The end of step k - 1 (past the last step, hi: never tried).
        double Rate(int k) => k >= ScanSteps ? hi : lo + (k * step);
    }

    /// <summary>
    /// Halves [a, b] until it is narrower than 1e-12 (at most <see cref="MaxHalvings"/> times), keeping the half whose ends
    /// differ in sign; an exact root is returned at once. Each halving's NPV is computed with those of the two midpoints
    /// the next halving may try, in one 256-bit vector (each lane exactly as <see cref="Npv(double[], double)"/> computes it),
    /// and the two halvings are then replayed one by one from them (the same midpoints, tests, walks and exceptions); the
    /// midpoint not taken costs nothing but time. Without 256-bit vectors, or for fewer than <see cref="VectorFlows"/> flows,
    /// one halving at a time.
    /// </summary>
    private static double Bisect<TWalks>(double[] f, double a, double b, double fa, ref TWalks walks)
        where TWalks : struct, IWalks
    {
        if (!Vector256.IsHardwareAccelerated || f.Length < VectorFlows)
        {
            return BisectOneByOne(f, a, b, fa, ref walks);
        }

        // The ends of the intervals the two halvings may hold, in order: points[0] = a, points[4] = b, and the midpoint of
        // points[lo] and points[hi] at points[(lo + hi) / 2], computed from them as the halving computes it; npvs[k] the
        // NPV at points[k]. Fa keeps its sign throughout (it is replaced only by an NPV of the same sign), which its callers
        // have already tested (so never NaN): the halving keeps the upper half when the NPV at the midpoint has that sign,
        // read from bit k - 1 of a mask (no branch on the direction, a coin toss the processor cannot predict).
        Span<double> points = stackalloc double[5];
        Span<double> npvs = stackalloc double[5];
        var sign = Math.Sign(fa);
        var i = 0;
        while (true)
        {
            if (!(i < MaxHalvings && b - a >= 1e-12))
            {
                return a + ((b - a) / 2);
            }

            var m = a + ((b - a) / 2);
            var r = Vector256.Create(a + ((m - a) / 2), m, m + ((b - m) / 2), m);
            r.CopyTo(points[1..]);
            var v = Npv(f, r);
            v.CopyTo(npvs[1..]);
            var upper = (sign > 0 ? Vector256.GreaterThan(v, Vector256<double>.Zero) : Vector256.LessThan(v, Vector256<double>.Zero)).ExtractMostSignificantBits();
            points[0] = a;
            points[4] = b;
            var lo = 0;
            var hi = 4;
            for (var level = 0; level < 2; level++)
            {
                if (level == 1)
                {
                    var width = points[hi] - points[lo];
                    if (!(i < MaxHalvings && width >= 1e-12))
                    {
                        return points[lo] + (width / 2);
                    }
                }

                var k = (lo + hi) >> 1;
                walks.Walk();
                var fm = npvs[k];
                if (fm == 0)
                {
                    return points[k];
                }

                if (double.IsNaN(fm))
                {
                    _ = Math.Sign(fm); // throws Math.Sign's own exception
                }

                var keepUpper = ((upper >> (k - 1)) & 1) != 0;
                lo = keepUpper ? k : lo;
                hi = keepUpper ? hi : k;
                i++;
            }

            a = points[lo];
            b = points[hi];
        }
    }

    /// <summary>The halvings one by one (without 256-bit vectors, or for fewer than <see cref="VectorFlows"/> flows): each NPV
    /// computed when its halving comes.</summary>
    /// <remarks>Signs by <see cref="Math.Sign(double)"/> itself (its exception for NaN), whose code has no branch on the sign: a
    /// written-out <c>x &gt; 0 ? 1 : x &lt; 0 ? -1 : …</c> left these unpredictable halvings about 40 % slower.</remarks>
    private static double BisectOneByOne<TWalks>(double[] f, double a, double b, double fa, ref TWalks walks)
        where TWalks : struct, IWalks
    {
        for (var i = 0; i < MaxHalvings && b - a >= 1e-12; i++)
        {
            var m = a + ((b - a) / 2);
            walks.Walk();
            var fm = Npv(f, m);
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

    /// <summary><see cref="Npv(double[], double)"/> of 4 rates at once, each lane the same operations in the same order.</summary>
    private static Vector256<double> Npv(double[] f, Vector256<double> r)
    {
        var sum = Vector256<double>.Zero;
        var factor = Vector256<double>.One;
        var growth = Vector256<double>.One + r;
        for (var t = 0; t < f.Length; t++)
        {
            sum += Vector256.Create(f[t]) / factor;
            factor *= growth;
        }

        return sum;
    }

    /// <summary>What IRR's search does with each walk of the flows it makes (a struct, so that the search is compiled for each).</summary>
    private interface IWalks
    {
        void Walk();
    }

    /// <summary>Each walk charged when it is made.</summary>
    private readonly struct ChargedWalks(EvaluationBudget.Meter meter, long steps) : IWalks
    {
        public void Walk() => meter.Spend(steps);
    }

    /// <summary>The walks counted, charged by the caller at the end.</summary>
    private struct CountedWalks : IWalks
    {
        public long Walks;

        public void Walk() => Walks++;
    }

    /// <summary>
    /// The powers Math.Pow(1 + rate, t) of the last 1 + rate PV and Discount were given on this thread (a method discounts
    /// several series at one rate: the norm 7 of them), for t below the longest series seen, at most <see cref="Capacity"/>.
    /// The very values Math.Pow returns, so the same bits; keyed by the bits of 1 + rate. One per thread, so never shared:
    /// the helpers read them in a loop that calls nothing else (never while a formula's lazy sequence runs).
    /// </summary>
    private sealed class Powers
    {
        /// <summary>Most powers kept (64 doubles a thread); longer series call Math.Pow for each term.</summary>
        internal const int Capacity = 64;

        [ThreadStatic]
        private static Powers? current;

        private readonly double[] values = new double[Capacity];
        private long growthBits;
        private int count;

        /// <summary>Math.Pow(<paramref name="growth"/>, t) for t in [0, <paramref name="n"/>) (the array may hold more); null
        /// when <paramref name="n"/> is above <see cref="Capacity"/>.</summary>
        internal static double[]? Of(double growth, int n)
        {
            if (n > Capacity)
            {
                return null;
            }

            var powers = current ??= new Powers();
            var bits = BitConverter.DoubleToInt64Bits(growth);
            if (powers.growthBits != bits)
            {
                powers.growthBits = bits;
                powers.count = 0;
            }

            var values = powers.values;
            for (var t = powers.count; t < n; t++)
            {
                values[t] = Math.Pow(growth, t);
            }

            if (powers.count < n)
            {
                powers.count = n;
            }

            return values;
        }
    }
}
