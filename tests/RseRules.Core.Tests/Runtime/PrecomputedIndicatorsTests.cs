using RseRules.Core.Compilation;
using RseRules.Core.Runtime;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// The indicators a series of evaluations cannot change, computed once (<see cref="PrecomputedIndicators"/>): which ones,
/// what taking one charges, and when there are none to take.
/// </summary>
public class PrecomputedIndicatorsTests
{
    private const string Inputs = """
        [ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } },
          { "id": "y", "type": "integer", "label": { "fr": "y", "en": "y" } } ]
        """;

    /// <summary>a and d read x (a directly, d through a); b, c and e read only y, or indicators that read only y.</summary>
    private static CompiledMethod Chain(string e = "Seq(0, 1000).Sum(i => i * c)") => TestMethods.Compiled(TestMethods.Method(
        inputs: Inputs,
        indicators: "[" + string.Join(", ",
            TestMethods.Indicator("a", "number", TestMethods.Quote("x * 2")),
            TestMethods.Indicator("b", "number", TestMethods.Quote("y + 1")),
            TestMethods.Indicator("c", "number", TestMethods.Quote("b * 3")),
            TestMethods.Indicator("d", "number", TestMethods.Quote("a + c")),
            TestMethods.Indicator("e", "number", TestMethods.Quote(e))) + "]",
        results: """["a", "b", "c", "d", "e"]"""));

    [Fact]
    public void Compute_IndicatorsReadingNoChangingInput_AreThePrecomputedOnes()
    {
        using var method = Chain();
        var bound = method.Bind(TestMethods.Inputs(method.Method, """{ "x": 1.5, "y": 4 }"""));

        var precomputed = PrecomputedIndicators.Compute(method, bound, new HashSet<string> { "x" }).ShouldNotBeNull();

        // Declaration order: a, b, c, d, e.
        Enumerable.Range(0, 5).Select(precomputed.Has).ShouldBe([false, true, true, false, true]);
        precomputed.Count.ShouldBe(3);
        precomputed.Model.GetNumber(1).ShouldBe(5);               // b = 4 + 1
        precomputed.Model.GetNumber(2).ShouldBe(15);              // c = 3 × 5
        precomputed.Model.GetNumber(4).ShouldBe(15 * 499_500);    // e = c × (0 + 1 + … + 999)
    }

    [Fact]
    public void Compute_EveryInputChanging_ReturnsNull()
    {
        using var method = Chain();
        var bound = method.Bind(TestMethods.Inputs(method.Method, """{ "x": 1.5, "y": 4 }"""));

        PrecomputedIndicators.Compute(method, bound, new HashSet<string> { "x", "y" }).ShouldBeNull();
    }

    [Fact]
    public void Compute_NoInputChanging_PrecomputesEveryIndicator()
    {
        using var method = Chain();
        var bound = method.Bind(TestMethods.Inputs(method.Method, """{ "x": 1.5, "y": 4 }"""));

        PrecomputedIndicators.Compute(method, bound, new HashSet<string>()).ShouldNotBeNull().Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("new[] { 1.0 }[(int)y]")]               // throws (index out of range)
    [InlineData("Math.Sqrt(y - 10)")]                   // NaN: not acceptable
    [InlineData("Seq(0, 100000).Sum(i => Seq(0, 100000).Count())")] // 10,000,000,000 steps: over the budget
    public void Compute_AConstantIndicatorFails_ReturnsNullSoThatEveryEvaluationComputesIt(string formula)
    {
        using var method = TestMethods.Compiled(TestMethods.Method(
            inputs: Inputs,
            indicators: "[" + string.Join(", ",
                TestMethods.Indicator("a", "number", TestMethods.Quote("x * 2")),
                TestMethods.Indicator("bad", "number", TestMethods.Quote(formula))) + "]",
            results: """["a", "bad"]"""));
        var bound = method.Bind(TestMethods.Inputs(method.Method, """{ "x": 1.5, "y": 4 }"""));

        PrecomputedIndicators.Compute(method, bound, new HashSet<string> { "x" }).ShouldBeNull();
    }

    [Fact]
    public void Charge_APrecomputedIndicator_ChargesWhatComputingItCharges()
    {
        using var method = Chain();
        var bound = method.Bind(TestMethods.Inputs(method.Method, """{ "x": 1.5, "y": 4 }"""));
        var precomputed = PrecomputedIndicators.Compute(method, bound, new HashSet<string> { "x" }).ShouldNotBeNull();

        long computed;
        using (EvaluationBudget.Begin(EvaluationBudget.DefaultSteps))
        {
            var model = method.CreateModel(bound);
            var position = 0;
            model.ComputeAll([1, 2, 4], ref position).ShouldBeTrue();
            computed = EvaluationBudget.DefaultSteps - EvaluationBudget.Remaining;
        }

        long charged;
        using (EvaluationBudget.Begin(EvaluationBudget.DefaultSteps))
        {
            var meter = EvaluationBudget.Current;
            precomputed.Charge(meter, 1).ShouldBeTrue();
            precomputed.Charge(meter, 2).ShouldBeTrue();
            precomputed.Charge(meter, 4).ShouldBeTrue();
            precomputed.Charge(meter, 0).ShouldBeFalse();
            precomputed.Charge(meter, 3).ShouldBeFalse();
            charged = EvaluationBudget.DefaultSteps - EvaluationBudget.Remaining;
        }

        computed.ShouldBeGreaterThan(1000); // e walks 1,000 elements
        charged.ShouldBe(computed);
    }

    [Fact]
    public void ComputeAll_WithPrecomputedIndicators_SameValuesAsComputingEveryIndicator()
    {
        using var method = Chain();
        var template = method.Bind(TestMethods.Inputs(method.Method, """{ "x": 1.5, "y": 4 }"""));
        var precomputed = PrecomputedIndicators.Compute(method, template, new HashSet<string> { "x" }).ShouldNotBeNull();

        // Another x, the same y: what an evaluation of a simulation sees.
        var other = method.Bind(TestMethods.Inputs(method.Method, """{ "x": -7.25, "y": 4 }"""));
        using var budget = EvaluationBudget.Begin(EvaluationBudget.DefaultSteps);
        var taking = method.CreateModel(other);
        var position = 0;
        taking.ComputeAll([.. method.EvaluationOrder], ref position, precomputed).ShouldBeTrue();

        // a = −14.5, b = 5, c = 15, d = 0.5, e = 15 × 499,500.
        Enumerable.Range(0, 5).Select(taking.GetNumber).ShouldBe([-14.5, 5, 15, 0.5, 15 * 499_500]);
    }

    [Fact]
    public void ComputeAll_PrecomputedForAnotherMethod_ComputesEveryIndicator()
    {
        using var method = Chain();
        using var another = Chain("c * 2"); // another method: another generated model
        var bound = method.Bind(TestMethods.Inputs(method.Method, """{ "x": 1.5, "y": 4 }"""));
        var foreign = PrecomputedIndicators.Compute(another, another.Bind(TestMethods.Inputs(another.Method, """{ "x": 1.5, "y": 9 }""")), new HashSet<string> { "x" })
            .ShouldNotBeNull();

        using var budget = EvaluationBudget.Begin(EvaluationBudget.DefaultSteps);
        var model = method.CreateModel(bound);
        var position = 0;
        model.ComputeAll([.. method.EvaluationOrder], ref position, foreign).ShouldBeTrue();

        // Its own y (4), not the other method's (9): b = 5.
        model.GetNumber(1).ShouldBe(5);
    }
}
