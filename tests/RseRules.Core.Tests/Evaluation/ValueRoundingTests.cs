using RseRules.Core.Evaluation;
using RseRules.Core.Runtime;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>
/// Results are rounded half away from zero by the engine's own rounding: it must give the doubles
/// <c>Math.Round(d, decimals, MidpointRounding.AwayFromZero)</c> gives (what results were rounded with), to the bit, for
/// every value.
/// </summary>
public class ValueRoundingTests
{
    private static void SameAsMathRound(double d, int decimals)
    {
        var expected = Math.Round(d, decimals, MidpointRounding.AwayFromZero);
        var actual = ValueRounding.Round(d, decimals);
        if (BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(expected))
        {
            throw new ShouldAssertException($"Round({d:R} [0x{BitConverter.DoubleToInt64Bits(d):x16}], {decimals}) gave {actual:R}, Math.Round {expected:R}");
        }
    }

    [Fact]
    public void Round_RandomBitPatterns_SameBitsAsMathRound()
    {
        // Any double: every exponent, both signs, subnormals, infinities and NaN.
        var random = new Random(16);
        Span<byte> bytes = stackalloc byte[8];
        for (var n = 0; n < 400_000; n++)
        {
            random.NextBytes(bytes);
            var d = BitConverter.ToDouble(bytes);
            SameAsMathRound(d, n % 16);
        }
    }

    [Fact]
    public void Round_OrdinaryMagnitudes_SameBitsAsMathRound()
    {
        // Amounts as results hold them: 1e-6 to 1e17, both signs, every number of decimals.
        var random = new Random(2026);
        for (var n = 0; n < 400_000; n++)
        {
            var d = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 18));
            for (var decimals = 0; decimals < 16; decimals++)
            {
                SameAsMathRound(d, decimals);
            }
        }
    }

    [Fact]
    public void Round_HalvesAndTheirNeighbours_SameBitsAsMathRound()
    {
        // k + 0.5 at every scale (1.005, 2.675, 0.125…), the doubles just around them, both signs.
        for (var decimals = 0; decimals < 16; decimals++)
        {
            var scale = Math.Pow(10, decimals);
            for (long k = 0; k < 20_000; k++)
            {
                var half = (k + 0.5) / scale;
                foreach (var d in new[] { half, Math.BitIncrement(half), Math.BitDecrement(half), (k + 0.5) * Math.Pow(10, -decimals) })
                {
                    SameAsMathRound(d, decimals);
                    SameAsMathRound(-d, decimals);
                }
            }
        }
    }

    [Fact]
    public void Round_EdgeValues_SameBitsAsMathRound()
    {
        double[] edges =
        [
            0.0, -0.0, double.Epsilon, -double.Epsilon, double.MinValue, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity,
            double.NaN, 0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994, 0.005, -0.005, 0.004999999999999999,
            1e15, 1e15 + 0.5, -1e15 - 0.5, 4503599627370495.5, -4503599627370495.5, 4503599627370496, 9007199254740991, 9007199254740992,
            9.999999999999998e15, 1e16, -1e16, Math.BitDecrement(1e16), 1e17, 1e300, -1e-300, 0.001, -0.001, 1e-17,
        ];
        foreach (var d in edges)
        {
            for (var decimals = 0; decimals < 16; decimals++)
            {
                SameAsMathRound(d, decimals);
            }
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void Round_DecimalsOutOfRange_ThrowsAsMathRound(int decimals)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Math.Round(1.25, decimals, MidpointRounding.AwayFromZero));
        Should.Throw<ArgumentOutOfRangeException>(() => ValueRounding.Round(1.25, decimals));
    }

    [Fact]
    public void Round_EngineSeries_EachElementRoundedIntoAnArray()
    {
        var series = new BudgetedList<double>([1.005, -2.675, 0.125, -0.0, 1e16 + 2]);

        var rounded = ValueRounding.Round(series, 2).ShouldBeOfType<double[]>();

        // Scaled first, as Math.Round does: 1.005 × 100 = 100.49999999999999 (down), −2.675 × 100 = −267.5 exactly (away from
        // zero, though −2.675 is −2.67499999999999982… as a double), 0.125 × 100 = 12.5.
        rounded.ShouldBe([1.0, -2.68, 0.13, -0.0, 1e16 + 2]);
        double.IsNegative(rounded[3]).ShouldBeTrue();
    }
}
