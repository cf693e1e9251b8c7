using RseRules.Core.Uncertainty;

namespace RseRules.Core.Tests.Uncertainty;

/// <summary>Type 7 percentiles: h = (n − 1)p, linear between the closest ranks (the values of R's quantile() and NumPy's default).</summary>
public class PercentileTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.05, 1.15)] // h = 0.15
    [InlineData(0.5, 2.5)] // h = 1.5
    [InlineData(0.9, 3.7)] // h = 2.7
    [InlineData(1.0, 4.0)]
    public void Type7_FourValues_InterpolatesBetweenRanks(double p, double expected) =>
        Percentile.Type7([1, 2, 3, 4], p).ShouldBe(expected, 1e-12);

    [Fact]
    public void Type7_Empty_NaN() => double.IsNaN(Percentile.Type7([], 0.5)).ShouldBeTrue();
}
