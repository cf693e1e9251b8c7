namespace RseRules.Core.Uncertainty;

/// <summary>
/// The distribution of one numeric result over a simulation's successful iterations. Statistics are NaN when no
/// iteration gave a value (<see cref="Count"/> = 0).
/// </summary>
/// <param name="Id">The result id.</param>
/// <param name="Count">Iterations that gave a value.</param>
/// <param name="Missing">Successful iterations where the result was null (e.g. no IRR).</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (divisor n − 1; 0 for one value).</param>
/// <param name="Min">Smallest value.</param>
/// <param name="P5">5th percentile (type 7, see <see cref="Percentile.Type7"/>).</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Max">Largest value.</param>
/// <param name="ProbabilityNonNegative">Share of the values that are ≥ 0, among the iterations where the result exists.</param>
/// <param name="Histogram">Equal-width bins from <see cref="Min"/> to <see cref="Max"/>.</param>
public sealed record NumericSummary(
    string Id,
    int Count,
    int Missing,
    double Mean,
    double StandardDeviation,
    double Min,
    double P5,
    double P10,
    double P50,
    double P90,
    double P95,
    double Max,
    double ProbabilityNonNegative,
    IReadOnlyList<HistogramBin> Histogram)
{
    /// <summary>
    /// The share of the successful iterations where the result exists (not null: a payback reached, an IRR found); the
    /// statistics, <see cref="ProbabilityNonNegative"/> included, are over those iterations only. NaN without any.
    /// </summary>
    public double Existence => Count + Missing == 0 ? double.NaN : (double)Count / (Count + Missing);

    /// <summary>Number of bins of <see cref="Histogram"/> (one when every value is the same).</summary>
    public const int Bins = 20;

    /// <summary>Summarizes values given in iteration order (NaN values are counted as missing).</summary>
    public static NumericSummary Of(string id, IReadOnlyList<double> values, int missing)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        OrderRanks(sorted, Percentiles);
        var n = sorted.Length;
        if (n == 0)
        {
            return new NumericSummary(id, 0, missing, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, []);
        }

        // Sums in iteration order: the same values give the same bits whatever the number of threads.
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / n;
        var squares = 0.0;
        var nonNegative = 0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
            nonNegative += v >= 0 ? 1 : 0;
        }

        return new NumericSummary(id, n, missing, mean, n > 1 ? Math.Sqrt(squares / (n - 1)) : 0, sorted[0],
            Percentile.Type7(sorted, 0.05), Percentile.Type7(sorted, 0.10), Percentile.Type7(sorted, 0.50),
            Percentile.Type7(sorted, 0.90), Percentile.Type7(sorted, 0.95), sorted[^1], (double)nonNegative / n, Bin(sorted));
    }

    /// <summary>The probabilities of the percentiles a summary gives.</summary>
    private static readonly double[] Percentiles = [0.05, 0.10, 0.50, 0.90, 0.95];

    /// <summary>
    /// Puts at each rank a summary reads — the first, the last, and the two around each percentile — the value a full sort
    /// would put there, by selection (a quickselect over the ranks still wanted), not sorting the rest: what
    /// <see cref="Percentile.Type7"/>, <see cref="Min"/>, <see cref="Max"/> and <see cref="Bin"/> then read is what they read
    /// from the sorted values, to the bit. Values equal by comparison are then the same bits, except NaN and zeros of
    /// both signs, whose place only a full sort decides: with those, the values are sorted as before.
    /// </summary>
    internal static void OrderRanks(double[] values, IReadOnlyList<double> percentiles)
    {
        var n = values.Length;
        var zeros = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                Array.Sort(values);
                return;
            }

            zeros |= v == 0 ? (double.IsNegative(v) ? 1 : 2) : 0;
        }

        if (zeros == 3 || n < 64)
        {
            Array.Sort(values);
            return;
        }

        var ranks = new SortedSet<int> { 0, n - 1 };
        foreach (var p in percentiles)
        {
            var lo = Percentile.Rank(n, p);
            ranks.Add(Math.Min(lo, n - 1));
            ranks.Add(Math.Min(lo + 1, n - 1));
        }

        Select(values, 0, n - 1, [.. ranks], 2 * (int)Math.Log2(n));
    }

    /// <summary>Quickselect of several ranks (sorted, all in [left, right]) with a three-way partition; a range left
    /// after <paramref name="depth"/> partitions, or a short one, is sorted.</summary>
    private static void Select(double[] a, int left, int right, ReadOnlySpan<int> ranks, int depth)
    {
        while (ranks.Length > 0)
        {
            if (right - left < 16 || depth-- <= 0)
            {
                Array.Sort(a, left, right - left + 1);
                return;
            }

            var pivot = MedianOfThree(a[left], a[left + ((right - left) / 2)], a[right]);
            var lt = left;
            var gt = right;
            var i = left;
            while (i <= gt)
            {
                var v = a[i];
                if (v < pivot)
                {
                    (a[lt], a[i]) = (a[i], a[lt]);
                    lt++;
                    i++;
                }
                else if (v > pivot)
                {
                    (a[gt], a[i]) = (a[i], a[gt]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            // a[left..lt-1] < pivot, a[lt..gt] = pivot, a[gt+1..right] > pivot: the ranks in the middle are in place.
            var below = 0;
            while (below < ranks.Length && ranks[below] < lt)
            {
                below++;
            }

            var above = below;
            while (above < ranks.Length && ranks[above] <= gt)
            {
                above++;
            }

            Select(a, left, lt - 1, ranks[..below], depth);
            ranks = ranks[above..];
            left = gt + 1;
        }
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);

    private static HistogramBin[] Bin(double[] sorted)
    {
        var lo = sorted[0];
        var hi = sorted[^1];
        if (!(hi > lo))
        {
            return [new HistogramBin(lo, hi, sorted.Length)];
        }

        var counts = new int[Bins];
        var width = (hi - lo) / Bins;
        foreach (var v in sorted)
        {
            counts[Math.Min(Bins - 1, (int)((v - lo) / width))]++;
        }

        return [.. counts.Select((c, i) => new HistogramBin(lo + (i * width), i == Bins - 1 ? hi : lo + ((i + 1) * width), c))];
    }
}
