using RseRules.Core.Json;
using RseRules.Core.Tests.Support;
using RseRules.Core.Uncertainty;

namespace RseRules.Core.Tests.Uncertainty;

/// <summary>
/// Monte Carlo simulation. Statistical checks use a tolerance of 5 standard errors (σ/√N for a mean, computed from the
/// distribution's analytic σ; √(p(1 − p)/N) for a share or, times the width, a uniform quantile): a correct sampler
/// fails one with probability below 1e-6, and the seed is fixed, so a test never flickers.
/// </summary>
public class SimulatorTests
{
    private const string Mixed = """
        { "x": { "distribution": "triangular", "min": 2, "mode": 3, "max": 7 },
          "y": { "distribution": "pert", "min": 0, "mode": 1, "max": 10 },
          "n": { "distribution": "uniform", "min": 1, "max": 4 } }
        """;

    private static NumericSummary Numbers(SimulationResult result, string id) => result.Numbers.Single(s => s.Id == id);

    [Fact]
    public void Run_SameSeedOneOrFourThreads_IdenticalOutput()
    {
        using var method = UncertainMethods.Linear();
        var inputs = UncertainMethods.Document(method, Mixed);

        var one = Simulator.Run(method, inputs, new SimulationOptions { Iterations = 20_000, Seed = 42, MaxDegreeOfParallelism = 1 });
        var four = Simulator.Run(method, inputs, new SimulationOptions { Iterations = 20_000, Seed = 42, MaxDegreeOfParallelism = 4 });

        CanonicalJson.WriteIndented(UncertaintyJson.Simulation(four)).ShouldBe(CanonicalJson.WriteIndented(UncertaintyJson.Simulation(one)));
        one.Seed.ShouldBe(42UL);
    }

    [Fact]
    public void Run_DifferentSeeds_DifferentSamples()
    {
        using var method = UncertainMethods.Linear();
        var inputs = UncertainMethods.Document(method, Mixed);

        var a = Simulator.Run(method, inputs, new SimulationOptions { Iterations = 1_000, Seed = 1 });
        var b = Simulator.Run(method, inputs, new SimulationOptions { Iterations = 1_000, Seed = 2 });

        Numbers(a, "x").Mean.ShouldNotBe(Numbers(b, "x").Mean);
    }

    [Fact]
    public void Run_TriangularInputWithoutRejection_SampleMeanIsAPlusBPlusCOverThree()
    {
        // Triangular(2, 3, 6) stays within the input check (x ≤ 6): mean 11/3, variance (4 + 36 + 9 − 12 − 6 − 18)/18 = 13/18.
        using var method = UncertainMethods.Linear();
        const int n = 200_000;
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": { "distribution": "triangular", "min": 2, "mode": 3, "max": 6 }, "y": 0 }"""),
            new SimulationOptions { Iterations = n });

        result.Failed.ShouldBe(0);
        Numbers(result, "x").Mean.ShouldBe((2 + 3 + 6) / 3.0, 5 * Math.Sqrt(13.0 / 18) / Math.Sqrt(n));
    }

    [Fact]
    public void Run_PertInput_SampleMeanIsAPlusFourCPlusBOverSix()
    {
        // PERT(a = 0, c = 1, b = 10): mean (0 + 4 + 10)/6 = 7/3; variance (μ − a)(b − μ)/7 (α = 1.4, β = 4.6, α + β = 6).
        using var method = UncertainMethods.Linear();
        const int n = 200_000;
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": 1, "y": { "distribution": "pert", "min": 0, "mode": 1, "max": 10 } }"""),
            new SimulationOptions { Iterations = n });

        var mean = 7.0 / 3;
        var sigma = Math.Sqrt(mean * (10 - mean) / 7);
        result.Failed.ShouldBe(0);
        Numbers(result, "y").Mean.ShouldBe(mean, 5 * sigma / Math.Sqrt(n));
        Numbers(result, "y").StandardDeviation.ShouldBe(sigma, 0.02 * sigma);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.10)]
    [InlineData(0.50)]
    [InlineData(0.90)]
    [InlineData(0.95)]
    public void Run_UniformInput_PercentilesAreAPlusPTimesTheWidth(double p)
    {
        // Uniform(10, 20): Pp = 10 + 10p; the sample quantile's standard error is 10·√(p(1 − p)/N).
        using var method = UncertainMethods.Linear();
        const int n = 100_000;
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": 1, "y": { "distribution": "uniform", "min": 10, "max": 20 } }"""),
            new SimulationOptions { Iterations = n });
        var y = Numbers(result, "y");

        var actual = p switch { 0.05 => y.P5, 0.10 => y.P10, 0.50 => y.P50, 0.90 => y.P90, _ => y.P95 };
        actual.ShouldBe(10 + (10 * p), 5 * 10 * Math.Sqrt(p * (1 - p) / n));
    }

    [Fact]
    public void Run_InputCheckRejectsSomeSamples_FailuresCountedByReason()
    {
        // x ~ Triangular(2, 3, 7): P(x > 6) = (7 − 6)² / ((7 − 2)(7 − 3)) = 1/20, rejected by the rule X_TOO_BIG.
        using var method = UncertainMethods.Linear();
        const int n = 100_000;
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": { "distribution": "triangular", "min": 2, "mode": 3, "max": 7 }, "y": 0 }"""),
            new SimulationOptions { Iterations = n });

        var failure = result.Failures.ShouldHaveSingleItem();
        failure.Reason.ShouldBe("input check X_TOO_BIG");
        ((double)failure.Count / n).ShouldBe(0.05, 5 * Math.Sqrt(0.05 * 0.95 / n));
        Numbers(result, "x").Max.ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public void Run_IntegerInput_SamplesRoundedHalfAwayFromZero()
    {
        // n ~ Uniform(1, 4) rounded half away from zero: 1 on [1, 1.5), 2 on [1.5, 2.5), 3 on [2.5, 3.5), 4 on [3.5, 4].
        using var method = UncertainMethods.Linear();
        const int n = 100_000;
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": 1, "y": 1, "n": { "distribution": "uniform", "min": 1, "max": 4 } }"""),
            new SimulationOptions { Iterations = n });

        var band = result.Texts.Single(t => t.Id == "band").Frequencies.ToDictionary(f => f.Value!, f => f.Share);
        band["one"].ShouldBe(0.5 / 3, 5 * Math.Sqrt((1.0 / 6) * (5.0 / 6) / n));
        band["two"].ShouldBe(1.0 / 3, 5 * Math.Sqrt((1.0 / 3) * (2.0 / 3) / n));
        band["three or more"].ShouldBe(1.5 / 3, 5 * Math.Sqrt(0.25 / n));
        var values = Numbers(result, "n");
        (values.Min, values.Max).ShouldBe((1, 4));
        values.Histogram.Sum(b => b.Count).ShouldBe(n);
    }

    [Fact]
    public void Run_ResultsDeclaringDecimals_SummarizedRoundedOthersAsComputed()
    {
        // third = x / 3 rounded to 2 decimals (half away from zero), raw = the same unrounded, count = an integer result:
        // the least and the greatest of a result are two of its values, so those of third have at most 2 decimals (percentiles
        // interpolate between values: not compared).
        using var method = TestMethods.Compiled(TestMethods.Method(
            inputs: """[ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } } ]""",
            indicators: "[" + string.Join(", ",
                TestMethods.Indicator("third", "number", TestMethods.Quote("x / 3"), "\"decimals\": 2, "),
                TestMethods.Indicator("raw", "number", TestMethods.Quote("x / 3")),
                TestMethods.Indicator("count", "integer", TestMethods.Quote("(long)Math.Floor(x)"), "\"decimals\": 0, ")) + "]",
            results: """["third", "raw", "count"]"""));
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": { "distribution": "uniform", "min": 0, "max": 10 } }"""),
            new SimulationOptions { Iterations = 2_000 });

        static double[] OrderStatistics(NumericSummary s) => [s.Min, s.Max];
        OrderStatistics(Numbers(result, "third")).ShouldAllBe(v => Math.Round(v, 2, MidpointRounding.AwayFromZero) == v);
        OrderStatistics(Numbers(result, "raw")).ShouldContain(v => Math.Round(v, 2, MidpointRounding.AwayFromZero) != v);
        OrderStatistics(Numbers(result, "count")).ShouldAllBe(v => v == Math.Floor(v) && v >= 0 && v <= 10);
        Numbers(result, "third").Count.ShouldBe(2_000);
    }

    [Fact]
    public void Run_ResultAroundZero_ProbabilityNonNegativeIsTheShareAtOrAboveZero()
    {
        // y ~ Uniform(−4, 6): P(y ≥ 0) = 0.6; r = 3x + y with x = 0 has the same law.
        using var method = UncertainMethods.Linear();
        const int n = 50_000;
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": 0, "y": { "distribution": "uniform", "min": -4, "max": 6 } }"""),
            new SimulationOptions { Iterations = n });

        var tolerance = 5 * Math.Sqrt(0.6 * 0.4 / n);
        Numbers(result, "y").ProbabilityNonNegative.ShouldBe(0.6, tolerance);
        Numbers(result, "r").ProbabilityNonNegative.ShouldBe(Numbers(result, "y").ProbabilityNonNegative);
        Numbers(result, "x").ProbabilityNonNegative.ShouldBe(1);
    }

    [Fact]
    public void Run_PlainDocument_EveryIterationTheSame()
    {
        using var method = UncertainMethods.Linear();
        var result = Simulator.Run(method, UncertainMethods.Document(method, """{ "x": 2, "y": 1 }"""), new SimulationOptions { Iterations = 100 });

        result.Inputs.ShouldBeEmpty();
        var r = Numbers(result, "r");
        (r.Mean, r.StandardDeviation, r.P5, r.P95).ShouldBe((7, 0, 7, 7));
        r.Histogram.ShouldHaveSingleItem().Count.ShouldBe(100);
    }
}
