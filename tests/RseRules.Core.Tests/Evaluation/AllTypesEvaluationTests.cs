using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>
/// TestData/all-types declares one input of every type; TestData/all-types/inputs.json gives them values. Every
/// expectation below is computed by hand from those two files.
/// </summary>
public class AllTypesEvaluationTests(AllTypesFixture fixture) : IClassFixture<AllTypesFixture>
{
    private const double Tolerance = 1e-12;

    private EvaluationResult Evaluate()
    {
        var (result, diagnostics) = Engine.Evaluate(fixture.Method, AllTypesFixture.InputsPath);
        diagnostics.ShouldBeEmpty();
        return result.ShouldNotBeNull();
    }

    private object? Result(string id) => Evaluate().Results.Single(r => r.Key == id).Value;

    [Fact]
    public void Evaluate_AllTypes_Succeeds()
    {
        var result = Evaluate();
        result.Success.ShouldBeTrue();
        result.Results.Select(r => r.Key).ToArray().ShouldBe([.. fixture.Method.Method.Results.Select(r => r.Id)]);
    }

    [Fact]
    public void Evaluate_NumberAndSeries_NpvIsHandComputed()
    {
        // NPV(0.1, [-100, 60, 66]) = -100 + 60/1.1 + 66/1.21 = -100 + 600/11 + 600/11 = 100/11 = 9.0909…
        Evaluate().Indicators["npv"].ShouldBeOfType<double>().ShouldBe(100.0 / 11, Tolerance);

        // decimals 2: the exposed result is 9.09.
        Result("npv").ShouldBe(9.09);
    }

    [Fact]
    public void Evaluate_SeriesLengthFollowsInteger_PeriodsIsYears()
    {
        // flows has years + lengthOffset = 2 + 1 = 3 values; 3 - 1 = 2 periods.
        Result("periods").ShouldBe(2L);
    }

    [Fact]
    public void Evaluate_BooleanWithDefault_OmittedOptionalTakesDefault()
    {
        // isPublic is absent from inputs.json and defaults to true; periods (2) == years (2) && true.
        Result("consistent").ShouldBe(true);
        Result("isPublic").ShouldBe(true);
    }

    [Fact]
    public void Evaluate_TextEnumScale_InterpolatedInText()
    {
        // name "Acme", sector "services", maturity 3.
        Result("headline").ShouldBe("Acme/services/3");
    }

    [Fact]
    public void Evaluate_ListOfText_SumsLengths()
    {
        // tags ["a", "bb", "ccc"]: 1 + 2 + 3 = 6.
        Result("tagLetters").ShouldBe(6L);
    }

    [Fact]
    public void Evaluate_CompleteMapKeyedByCollection_MissingKeyTakesDefault()
    {
        // levels gives S1 = 4 only; S2 takes the map's default 2. levelWeights[4] = 1, levelWeights[2] = 0.5.
        // S1: 60 * 1 = 60; S2: 40 * 0.5 = 20; total 80.
        Result("contribution").ShouldBe(80.0);

        var levels = Result("levels").ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();
        levels.Keys.ShouldBe(["S1", "S2"]);
        levels["S1"].ShouldBe(4L);
        levels["S2"].ShouldBe(2L);
    }

    [Fact]
    public void Evaluate_CollectionFieldWithDefault_MissingFieldTakesDefault()
    {
        // bonus: S1 gives 2, S2 omits it (default 1.5); (2 + 1.5) * bonusRate 0.5 = 1.75.
        Result("bonusTotal").ShouldBe(1.75);
    }

    [Fact]
    public void Evaluate_CollectionFieldWithoutDefault_MissingFieldIsNull()
    {
        // note: S1 "core", S2 absent (no default, so null): one missing.
        Result("missingNotes").ShouldBe(1L);
    }

    [Fact]
    public void Evaluate_RecordOptionalFields_NullAndDefault()
    {
        // contact.email absent without default → null → "none"; contact.phone absent with default "n/a".
        Result("contactLine").ShouldBe("Ann|none|n/a");
    }

    [Fact]
    public void Evaluate_TextRefToCollection_FindsTheItem()
    {
        // mainStake "S2" names the stake of weight 40.
        Result("mainWeight").ShouldBe(40.0);
    }

    [Fact]
    public void Evaluate_OptionalNumberWithoutDefault_IsNull()
    {
        // discount is absent and has no default: discount ?? -1 = -1.
        Result("discountOrMinusOne").ShouldBe(-1.0);
    }

    [Fact]
    public void Evaluate_ScaleAsIntegerMapKey_TimesItsWeight()
    {
        // maturity 3 * levelWeights[3] (0.75) = 2.25.
        Result("maturityScore").ShouldBe(2.25);
    }

    [Fact]
    public void Evaluate_SeriesIndicatorWithDecimals_RoundsEachElement()
    {
        // Discount(0.1, [-100, 60, 66]) = [-100, 60/1.1, 66/1.21] = [-100, 54.5454…, 54.5454…].
        var raw = Evaluate().Indicators["discounted"].ShouldBeAssignableTo<IReadOnlyList<double>>().ShouldNotBeNull();
        raw.Count.ShouldBe(3);
        raw[0].ShouldBe(-100.0, Tolerance);
        raw[1].ShouldBe(600.0 / 11, Tolerance);
        raw[2].ShouldBe(600.0 / 11, Tolerance);

        // decimals 2 on the exposed result: [-100, 54.55, 54.55].
        Result("discounted").ShouldBeAssignableTo<IEnumerable<double>>().ShouldBe([-100.0, 54.55, 54.55]);
    }

    [Fact]
    public void Evaluate_LocalizedIndicator_ReturnsBothLanguages()
    {
        // consistent is true and npv (100/11) > 0.
        Result("verdict").ShouldBe(new LocalizedText("oui", "yes"));
    }

    [Fact]
    public void Evaluate_Rules_RaiseFindingsPerItemAndGlobal()
    {
        var findings = Evaluate().Findings;

        // Weights sum to 60 + 40 = 100: the input check does not fire. Bonuses 2 and 1.5 are below 10.
        // LIGHT_STAKE fires for S2 only (40 < 50; 60 is not); NPV_POSITIVE fires (9.09 > 0).
        findings.Select(f => (f.Code, f.Item)).ShouldBe([("LIGHT_STAKE", "S2"), ("NPV_POSITIVE", null)]);
        findings[0].Severity.ShouldBe(Severity.Warning);
        findings[0].Message.En.ShouldBe("Stake S2 weighs 40.");
        findings[1].Severity.ShouldBe(Severity.Info);
        findings[1].Message.En.ShouldBe("NPV 9.09");
    }

    [Fact]
    public void Evaluate_Dependencies_ComputedBeforeTheirReaders()
    {
        var method = fixture.Method;
        var ids = method.Method.Indicators.Select(i => i.Id).ToList();
        var position = method.EvaluationOrder.Select((index, k) => (ids[index], k)).ToDictionary(x => x.Item1, x => x.k);

        // consistent reads periods; verdict reads consistent and npv.
        position["periods"].ShouldBeLessThan(position["consistent"]);
        position["consistent"].ShouldBeLessThan(position["verdict"]);
        position["npv"].ShouldBeLessThan(position["verdict"]);
        method.Reads[ids.IndexOf("consistent")].ShouldBe(["periods", "years", "isPublic"]);
    }
}
