using RseRules.Core.Compilation;
using RseRules.Core.Json;
using RseRules.Core.Tests.Support;
using RseRules.Core.Tests.Validation;
using RseRules.Core.Uncertainty;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Uncertainty;

/// <summary>
/// Simulations and sensitivity analyses take the indicators no changing leaf reaches from one computation
/// (<see cref="RseRules.Core.Runtime.PrecomputedIndicators"/>): their output is the same, to the bit, as computing every
/// indicator at every evaluation — values, failures and their reasons, with one thread or several.
/// </summary>
public sealed class PrecomputedEquivalenceTests(CompiledMethodsFixture methods) : IClassFixture<CompiledMethodsFixture>
{
    private static string Simulated(CompiledMethod method, InputDocument inputs, SimulationOptions options, bool precompute) =>
        CanonicalJson.WriteIndented(UncertaintyJson.Simulation(Simulator.Run(method, inputs, options, precompute)));

    private static string Analyzed(CompiledMethod method, InputDocument inputs, bool precompute)
    {
        var analysis = Sensitivity.Analyze(method, inputs, precompute);
        return string.Join("\n", analysis.NumericResultIds.Select(id => CanonicalJson.WriteIndented(UncertaintyJson.Sensitivity(analysis, id))));
    }

    private static InputDocument Document(CompiledMethod method, string path)
    {
        var loaded = InputValidator.Load(method.Method, path);
        return loaded.Value.ShouldNotBeNull(string.Join("\n", loaded.Diagnostics));
    }

    private static string NormExample(string name) => Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0", "examples", name);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Run_NormUncertainExample_SameOutputAsComputingEveryIndicator(int threads)
    {
        var inputs = Document(methods.Norm, NormExample("example-uncertain.json"));
        var options = new SimulationOptions { Iterations = 3_000, Seed = 7, MaxDegreeOfParallelism = threads };

        var taken = Simulated(methods.Norm, inputs, options, precompute: true);

        taken.ShouldBe(Simulated(methods.Norm, inputs, options, precompute: false));
        taken.ShouldContain("\"npvAdjusted\"");
    }

    [Theory]
    [InlineData("example-uncertain.json")]
    [InlineData("example.json")]
    public void Analyze_NormExamples_SameSwingsAsComputingEveryIndicator(string example)
    {
        var inputs = Document(methods.Norm, NormExample(example));

        Analyzed(methods.Norm, inputs, precompute: true).ShouldBe(Analyzed(methods.Norm, inputs, precompute: false));
    }

    [Fact]
    public void Analyze_OtherMethods_SameSwingsAsComputingEveryIndicator()
    {
        foreach (var (method, path) in new[]
        {
            (methods.Loan, Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "company-car.json")),
            (methods.AllTypes, AllTypesFixture.InputsPath),
        })
        {
            var inputs = Document(method, path);
            Analyzed(method, inputs, precompute: true).ShouldBe(Analyzed(method, inputs, precompute: false), path);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Run_ConstantIndicatorsOfEveryKind_SameOutputAsComputingEveryIndicator(int threads)
    {
        // k, tag, ys, byName and rich read y only (constant); r, label, pick and check read x (they change). An input check
        // rejects some samples; pick fails (a missing key) for others.
        using var method = TestMethods.Compiled(TestMethods.Method(
            inputs: """
                [ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } },
                  { "id": "y", "type": "number", "label": { "fr": "y", "en": "y" } } ]
                """,
            indicators: "[" + string.Join(", ",
                TestMethods.Indicator("k", "number", TestMethods.Quote("y * y + 0.1")),
                TestMethods.Indicator("tag", "text", TestMethods.Quote("\"y=\" + y")),
                TestMethods.Indicator("ys", "list", TestMethods.Quote("new[] { y, 2 * y, 3 * y }"), "\"of\": { \"type\": \"number\" }, "),
                TestMethods.Indicator("byName", "map", TestMethods.Quote("Map(new[] { \"a\", \"b\" }, n => n, n => n == \"a\" ? y : k)"), "\"keys\": \"text\", \"of\": { \"type\": \"number\" }, "),
                TestMethods.Indicator("rich", "boolean", TestMethods.Quote("ys.Sum() > k")),
                TestMethods.Indicator("r", "number", TestMethods.Quote("3 * x + ys.Sum() + byName[\"b\"]")),
                TestMethods.Indicator("label", "text", TestMethods.Quote("x > 3 && rich ? tag : \"low\"")),
                TestMethods.Indicator("pick", "number", TestMethods.Quote("byName[x < 1.5 ? \"missing\" : \"a\"] * x")),
                TestMethods.Indicator("check", "boolean", TestMethods.Quote("r > k")))
                + "]",
            rules: """[ { "id": "X_TOO_BIG", "severity": "error", "at": "/x", "when": "x > 6.5", "message": { "fr": "x > 6,5", "en": "x > 6.5" } } ]""",
            results: """["k", "tag", "rich", "r", "label", "pick", "check"]"""));
        var inputs = UncertainMethods.Document(method, """{ "x": { "distribution": "triangular", "min": 1, "mode": 3, "max": 7 }, "y": 2.5 }""");
        var options = new SimulationOptions { Iterations = 5_000, Seed = 11, MaxDegreeOfParallelism = threads };

        var taken = Simulator.Run(method, inputs, options, precompute: true);

        CanonicalJson.WriteIndented(UncertaintyJson.Simulation(taken)).ShouldBe(Simulated(method, inputs, options, precompute: false));
        taken.Failures.Select(f => f.Reason).Order(StringComparer.Ordinal).ShouldBe(["indicator pick failed (KeyNotFoundException)", "input check X_TOO_BIG"]);
    }

    [Fact]
    public void Run_ConstantIndicatorPastTheBudgetAfterAChangingOne_FailsWhereComputingEveryIndicatorFails()
    {
        // spent walks about 301·x steps (x changes); heavy about 30 million (constant), after it in the evaluation order.
        // Together they pass the 50 million steps of an evaluation for x above about 66,000: those iterations fail at heavy,
        // which a reused heavy must charge as computing it does.
        using var method = TestMethods.Compiled(TestMethods.Method(
            indicators: "[" + string.Join(", ",
                TestMethods.Indicator("spent", "number", TestMethods.Quote("Seq(0, (long)x).Sum(i => Seq(0, 300).Count())")),
                TestMethods.Indicator("heavy", "number", TestMethods.Quote("Seq(0, 100000).Sum(i => Seq(0, 300).Count())")))
                + "]",
            results: """["spent", "heavy"]"""));
        var inputs = UncertainMethods.Document(method, """{ "x": { "distribution": "uniform", "min": 0, "max": 100000 } }""");
        var options = new SimulationOptions { Iterations = 24, Seed = 3 };

        var taken = Simulator.Run(method, inputs, options, precompute: true);

        CanonicalJson.WriteIndented(UncertaintyJson.Simulation(taken)).ShouldBe(Simulated(method, inputs, options, precompute: false));
        var failure = taken.Failures.ShouldHaveSingleItem();
        failure.Reason.ShouldBe("indicator heavy failed (EvaluationBudgetExceededException)");
        failure.Count.ShouldBeInRange(1, 23);
    }
}
