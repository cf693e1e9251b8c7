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
        Array.Sort(sorted);
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
