namespace RseRules.Core.Uncertainty;

/// <summary>Sample percentiles.</summary>
public static class Percentile
{
    /// <summary>
    /// The p-quantile of sorted values by linear interpolation between closest ranks (Hyndman and Fan type 7, the
    /// default of R and NumPy): h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) with 0-based x. NaN when empty.
    /// </summary>
    /// <param name="sorted">Values in ascending order.</param>
    /// <param name="p">The probability, in [0, 1].</param>
    public static double Type7(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * p;
        var lo = Rank(sorted.Count, p);
        if (lo >= sorted.Count - 1)
        {
            return sorted[^1];
        }

        return sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo]));
    }

    /// <summary>The lower of the two ranks <see cref="Type7"/> reads for <paramref name="p"/> among <paramref name="count"/>
    /// values, ⌊(n − 1)·p⌋ (it also reads the next one, when there is one, and the last).</summary>
    internal static int Rank(int count, double p) => (int)Math.Floor((count - 1) * p);
}
