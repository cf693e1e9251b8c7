using RseRules.Core.Uncertainty;

namespace RseRules.Core.Tests.Uncertainty;

/// <summary>
/// A simulation's numeric summary finds its percentiles, minimum and maximum by selection: every figure must be the one
/// the sorted values give, to the bit, whatever the values (duplicates, already sorted, zeros of both signs, NaN).
/// </summary>
public class NumericSummaryTests
{
    private static readonly double[] Probabilities = [0.05, 0.10, 0.50, 0.90, 0.95];

    private static readonly string[] ShapeNames = ["uniform", "few values", "all equal", "ascending", "descending", "organ pipe", "negative zeros", "both zeros", "huge", "rounded", "with NaN"];

    public static TheoryData<string> Shapes => new(ShapeNames);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Of_AnyValues_SameFiguresAsTheSortedValues(string shape)
    {
        var random = new Random(shape.Length * 7919);
        foreach (var n in new[] { 0, 1, 2, 3, 17, 63, 64, 65, 100, 257, 1000, 4099 })
        {
            var values = Values(shape, n, random);
            var summary = NumericSummary.Of("r", values, missing: 2);
            var expected = Reference(values);

            Bits(summary.Min).ShouldBe(Bits(expected.Min), $"{shape} n={n} min");
            Bits(summary.Max).ShouldBe(Bits(expected.Max), $"{shape} n={n} max");
            new[] { summary.P5, summary.P10, summary.P50, summary.P90, summary.P95 }.Select(Bits)
                .ShouldBe(expected.Percentiles.Select(Bits), $"{shape} n={n} percentiles");
            summary.Histogram.Select(b => (Bits(b.Lower), Bits(b.Upper), b.Count))
                .ShouldBe(expected.Histogram, $"{shape} n={n} histogram");
            summary.Count.ShouldBe(n);
        }
    }

    [Fact]
    public void OrderRanks_ManyRandomSets_EveryRankReadHoldsTheSortedValue()
    {
        var random = new Random(16);
        for (var round = 0; round < 300; round++)
        {
            var n = random.Next(64, 3000);
            var values = Values(ShapeNames[round % 8], n, random);
            var sorted = values.ToArray();
            Array.Sort(sorted);

            var selected = values.ToArray();
            NumericSummary.OrderRanks(selected, Probabilities);

            var ranks = new List<int> { 0, n - 1 };
            foreach (var p in Probabilities)
            {
                var lo = (int)Math.Floor((n - 1) * p);
                ranks.Add(lo);
                ranks.Add(Math.Min(lo + 1, n - 1));
            }

            foreach (var k in ranks)
            {
                Bits(selected[k]).ShouldBe(Bits(sorted[k]), $"round {round}, rank {k} of {n}");
            }

            selected.Order().Select(Bits).ShouldBe(sorted.Select(Bits)); // a permutation of the values
        }
    }

    private static long Bits(double d) => BitConverter.DoubleToInt64Bits(d);

    private static double[] Values(string shape, int n, Random random) => shape switch
    {
        "uniform" => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2000) - 1000)],
        "few values" => [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(-3, 4))],
        "all equal" => [.. Enumerable.Repeat(42.5, n)],
        "ascending" => [.. Enumerable.Range(0, n).Select(i => i * 0.5)],
        "descending" => [.. Enumerable.Range(0, n).Select(i => -i * 0.25)],
        "organ pipe" => [.. Enumerable.Range(0, n).Select(i => (double)Math.Min(i, n - i))],
        "negative zeros" => [.. Enumerable.Range(0, n).Select(i => i % 3 == 0 ? -0.0 : random.Next(-5, 6))],
        "both zeros" => [.. Enumerable.Range(0, n).Select(i => (i % 4) switch { 0 => -0.0, 1 => 0.0, _ => random.Next(-2, 3) * 1.5 })],
        "huge" => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * double.MaxValue)],
        "rounded" => [.. Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() - 0.3) * 1e6, 2, MidpointRounding.AwayFromZero))],
        "with NaN" => [.. Enumerable.Range(0, n).Select(i => i % 50 == 7 ? double.NaN : random.NextDouble())],
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>The figures from the values sorted whole: the first and last, type-7 percentiles, 20 equal bins.</summary>
    private static (double Min, double Max, double[] Percentiles, (long, long, int)[] Histogram) Reference(double[] values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        if (n == 0)
        {
            return (double.NaN, double.NaN, [.. Probabilities.Select(_ => double.NaN)], []);
        }

        var percentiles = Probabilities.Select(p =>
        {
            var h = (n - 1) * p;
            var lo = (int)Math.Floor(h);
            return lo >= n - 1 ? sorted[n - 1] : sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo]));
        }).ToArray();
        var (min, max) = (sorted[0], sorted[n - 1]);
        if (!(max > min))
        {
            return (min, max, percentiles, [(Bits(min), Bits(max), n)]);
        }

        var counts = new int[20];
        var width = (max - min) / 20;
        foreach (var v in sorted)
        {
            counts[Math.Min(19, (int)((v - min) / width))]++;
        }

        return (min, max, percentiles, [.. counts.Select((c, i) => (Bits(min + (i * width)), Bits(i == 19 ? max : min + ((i + 1) * width)), c))]);
    }
}
