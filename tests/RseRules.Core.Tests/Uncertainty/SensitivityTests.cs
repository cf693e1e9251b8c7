using RseRules.Core.Uncertainty;

namespace RseRules.Core.Tests.Uncertainty;

/// <summary>One-at-a-time sensitivity on r = 3x + y; every expected figure is worked out by hand in the comments.</summary>
public class SensitivityTests
{
    [Fact]
    public void Analyze_Distributions_RanksByRangeOfTheResult()
    {
        // x ~ Triangular(1, 2, 3), y ~ Uniform(0, 5) (central 2.5). Base r = 3·2 + 2.5 = 8.5.
        // x: r(1) = 5.5, r(3) = 11.5, range 6. y: r(0) = 6, r(5) = 11, range 5. y spreads more (5 > 2) but x ranks first.
        using var method = UncertainMethods.Linear();
        var inputs = UncertainMethods.Document(method, """
            { "x": { "distribution": "triangular", "min": 1, "mode": 2, "max": 3 }, "y": { "distribution": "uniform", "min": 0, "max": 5 } }
            """);

        var analysis = Sensitivity.Analyze(method, inputs);
        var ranked = analysis.Rank("r");

        analysis.Mode.ShouldBe(SensitivityMode.Distributions);
        analysis.BaseValue("r").ShouldBe(8.5);
        ranked.Select(e => e.Pointer).ShouldBe(["/x", "/y"]);
        ranked[0].ShouldBe(new SensitivityEntry("/x", 1, 3, 5.5, 11.5, 6, null));
        ranked[1].ShouldBe(new SensitivityEntry("/y", 0, 5, 6, 11, 5, null));
    }

    [Fact]
    public void Analyze_NoDistribution_SwingsEachScalarNumberByTenPercent()
    {
        // x = 5, y = 10, n = 5 (integer, not used by r). Base r = 25.
        // x: 4.5 → 23.5, 5.5 → 26.5, range 3. y: 9 → 24, 11 → 26, range 2. n: 4.5 → 5 (half away from zero), 5.5 → 6: range 0.
        using var method = UncertainMethods.Linear();
        var analysis = Sensitivity.Analyze(method, UncertainMethods.Document(method, """{ "x": 5, "y": 10, "n": 5 }"""));
        var ranked = analysis.Rank("r");

        analysis.Mode.ShouldBe(SensitivityMode.TenPercent);
        analysis.BaseValue("r").ShouldBe(25);
        ranked.Select(e => (e.Pointer, e.Range)).ShouldBe([("/x", (double?)3), ("/y", 2), ("/n", 0)]);
        ranked[0].ResultAtLow.ShouldBe(23.5);
        ranked[0].ResultAtHigh.ShouldBe(26.5);
        (ranked[2].Low, ranked[2].High).ShouldBe((5, 6));
    }

    [Fact]
    public void Analyze_SwingRejectedByAnInputCheck_ListedLastWithTheReason()
    {
        // x ~ Triangular(1, 2, 8): at its max 8 the rule X_TOO_BIG (x > 6) rejects the document.
        using var method = UncertainMethods.Linear();
        var inputs = UncertainMethods.Document(method, """
            { "x": { "distribution": "triangular", "min": 1, "mode": 2, "max": 8 }, "y": { "distribution": "uniform", "min": 0, "max": 1 } }
            """);

        var ranked = Sensitivity.Analyze(method, inputs).Rank("r");

        ranked.Select(e => e.Pointer).ShouldBe(["/y", "/x"]);
        ranked[1].Range.ShouldBeNull();
        ranked[1].Failure.ShouldBe("input check X_TOO_BIG");
    }

    [Fact]
    public void Rank_TextResult_Throws()
    {
        using var method = UncertainMethods.Linear();
        var analysis = Sensitivity.Analyze(method, UncertainMethods.Document(method, """{ "x": 1, "y": 1 }"""));

        Should.Throw<ArgumentException>(() => analysis.Rank("band"));
        analysis.NumericResultIds.ShouldBe(["x", "y", "n", "r"]);
    }
}
