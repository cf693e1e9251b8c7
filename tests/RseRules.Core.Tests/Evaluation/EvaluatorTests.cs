using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Evaluation;

public class EvaluatorTests(AllTypesFixture fixture) : IClassFixture<AllTypesFixture>
{
    private const string NumberInputs = """
        [
            { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } },
            { "id": "n", "type": "integer", "label": { "fr": "n", "en": "n" } },
            { "id": "t", "type": "text", "required": false, "label": { "fr": "t", "en": "t" } }
          ]
        """;

    private const string Values = """{ "x": 1, "n": 2 }""";

    private static EvaluationResult EvaluateIndicators(params (string Id, string Type, string Formula)[] indicators)
    {
        var text = TestMethods.Method(
            inputs: NumberInputs,
            indicators: "[\n    " + string.Join(",\n    ", indicators.Select(i => TestMethods.Indicator(i.Id, i.Type, TestMethods.Quote(i.Formula)))) + "\n  ]");
        using var method = TestMethods.Compiled(text);
        return TestMethods.Evaluate(method, Values);
    }

    private static Diagnostic SingleError(EvaluationResult result, DiagnosticCode code)
    {
        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        error.Code.ShouldBe(code);
        error.Severity.ShouldBe(Severity.Error);
        return error;
    }

    [Fact]
    public void Evaluate_Results_RoundedWhenReadOnceAndKept()
    {
        // Results are rounded when first read (a series, a map, a number to their decimals; an input as it is), and the
        // same values are read again: by index, by enumeration, from another thread.
        var text = TestMethods.Method(
            inputs: NumberInputs,
            indicators: """
                [
                    { "id": "third", "type": "number", "decimals": 2, "label": { "fr": "t", "en": "t" }, "formula": "x / 3" },
                    { "id": "flows", "type": "series", "decimals": 1, "label": { "fr": "f", "en": "f" }, "formula": "Series(3, t => x * 1.25 * (t + 1) + 0.01)" },
                    { "id": "byKey", "type": "map", "keys": "text", "of": "number", "decimals": 0, "label": { "fr": "m", "en": "m" }, "formula": "Map(new[] { \"a\", \"b\" }, k => k, k => k == \"a\" ? 2.5 : -2.5)" },
                    { "id": "exact", "type": "number", "label": { "fr": "e", "en": "e" }, "formula": "x / 3" }
                  ]
                """,
            results: """["third", "flows", "byKey", "exact", "x"]""");
        using var method = TestMethods.Compiled(text);
        var result = TestMethods.Evaluate(method, """{ "x": 1, "n": 2 }""");
        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics));
        var results = result.Results;
        results.Count.ShouldBe(5);
        results.Select(r => r.Key).ShouldBe(["third", "flows", "byKey", "exact", "x"]);
        results[0].Value.ShouldBe(0.33);
        ((double[])results[1].Value!).ShouldBe([1.3, 2.5, 3.8]); // 1.26, 2.51, 3.76
        ((IReadOnlyDictionary<string, double>)results[2].Value!).OrderBy(kv => kv.Key).ShouldBe([new("a", 3.0), new("b", -3.0)]); // away from zero
        results[3].Value.ShouldBe(1.0 / 3);
        results[4].Value.ShouldBe(1.0);
        result.Indicators["flows"].ShouldBeAssignableTo<IReadOnlyList<double>>().ShouldBe([1.26, 2.51, 3.76]); // unrounded

        // Made once: the same objects by index, by enumeration and from other threads.
        var first = results.Select(r => r.Value).ToArray();
        Enumerable.Range(0, 5).Select(k => results[k].Value).ShouldBe(first);
        for (var k = 0; k < 5; k++)
        {
            results[k].Value.ShouldBeSameAs(first[k]);
        }

        var fromThreads = Enumerable.Range(0, 4).AsParallel().Select(_ => results.Select(r => r.Value).ToArray()).ToArray();
        foreach (var values in fromThreads)
        {
            values.Zip(first).ShouldAllBe(p => ReferenceEquals(p.First, p.Second));
        }
    }

    [Theory]
    [InlineData("k == \"a\" ? \"x\" : null", false)]
    [InlineData("k + \"!\"", true)]
    public void Evaluate_MapOfTexts_NullValueRejected(string value, bool ok)
    {
        // A map of texts is acceptable when no value is null (the check reads the engine's dictionary directly).
        var text = TestMethods.Method(
            inputs: NumberInputs,
            indicators: $$"""[{ "id": "names", "type": "map", "keys": "text", "of": "text", "label": { "fr": "n", "en": "n" }, "formula": {{TestMethods.Quote("Map(new[] { \"a\", \"b\" }, k => k, k => " + value + ")")}} }]""",
            results: """["names"]""");
        using var method = TestMethods.Compiled(text);
        var result = TestMethods.Evaluate(method, Values);
        if (ok)
        {
            result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics));
            ((IReadOnlyDictionary<string, string>)result.Results[0].Value!)["b"].ShouldBe("b!");
        }
        else
        {
            SingleError(result, DiagnosticCode.NotANumber).Message.ShouldContain("'names'");
        }
    }

    [Fact]
    public void Evaluate_QueryWithTenBillionSteps_StopsOnTheBudgetNamingTheIndicator()
    {
        // 100,000 × 100,000 = 10^10 elements: the sandbox cannot prove it bounded, the budget (5 × 10^7 steps) stops it.
        var result = EvaluateIndicators(("ok", "number", "x + 1"), ("runaway", "number", "Seq(0, 100000).SelectMany(i => Seq(0, 100000)).Count()"));

        var error = SingleError(result, DiagnosticCode.EvaluationBudgetExceeded);
        error.Message.ShouldContain("'runaway'");
        error.Pointer.ShouldBe("/indicators/1/formula");
    }

    [Theory]
    [InlineData("info")]
    [InlineData("error")]
    public void Evaluate_RuleOverTheBudget_NoLaterRuleRuns(string severity)
    {
        // The first rule spends the budget; the meter is off from then on, so a later rule would run unmetered (a
        // formula looping for hours). It must not run at all: the second rule, always true, raises nothing.
        var rules = $$"""
            [ { "id": "RUNAWAY", "severity": "{{severity}}", "when": "Seq(0, 100000).SelectMany(i => Seq(0, 100000)).Count() > 0", "message": { "fr": "a", "en": "a" } },
              { "id": "LATER", "severity": "{{severity}}", "when": "true", "message": { "fr": "b", "en": "b" } } ]
            """;
        using var method = TestMethods.Compiled(TestMethods.Method(rules: rules));

        var result = TestMethods.Evaluate(method, """{ "x": 1 }""");

        var error = SingleError(result, DiagnosticCode.EvaluationBudgetExceeded);
        error.Message.ShouldContain("'RUNAWAY'");
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_RuleThatFails_LaterRulesStillRun()
    {
        // A formula failing on its data (not a limit) leaves the budget metering: the next rules are evaluated.
        const string rules = """
            [ { "id": "BROKEN", "severity": "info", "when": "Seq(0, 0).Max() > 0", "message": { "fr": "a", "en": "a" } },
              { "id": "LATER", "severity": "info", "when": "true", "message": { "fr": "b", "en": "b" } } ]
            """;
        using var method = TestMethods.Compiled(TestMethods.Method(rules: rules));

        var result = TestMethods.Evaluate(method, """{ "x": 1 }""");

        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.RuleFailed);
        result.Findings.ShouldHaveSingleItem().Code.ShouldBe("LATER");
    }

    [Fact]
    public void Evaluate_ForEachRuleFailingAfterAHit_ItsHitsDroppedOthersKeptInOrder()
    {
        // The rules run in one call: PARTIAL fires for item a, then fails at item b (10 / 0); its finding for a must not
        // survive, the rules around it keep theirs, in the rules' order and each item's.
        using var method = ItemRules("""
            [ { "id": "FIRST", "severity": "info", "forEach": "items", "when": "item.n > 0", "message": { "fr": "f {item.code}", "en": "f {item.code}" } },
              { "id": "PARTIAL", "severity": "warning", "forEach": "items", "when": "10 / (item.n - 2) > 0", "message": { "fr": "p", "en": "p" } },
              { "id": "BROKEN", "severity": "info", "when": "Seq(0, 0).Max() > 0", "message": { "fr": "b", "en": "b" } },
              { "id": "LAST", "severity": "info", "forEach": "items", "when": "item.n != 2", "message": { "fr": "l {item.code}", "en": "l {item.code}" } } ]
            """);

        var result = TestMethods.Evaluate(method, """{ "items": [ { "code": "a", "n": 3 }, { "code": "b", "n": 2 }, { "code": "c", "n": 5 } ] }""");

        result.Diagnostics.Select(d => (d.Code, d.Pointer)).ShouldBe([(DiagnosticCode.RuleFailed, "/rules/1/when"), (DiagnosticCode.RuleFailed, "/rules/2/when")]);
        result.Findings.Select(f => f.Code + ":" + f.Item + ":" + f.Message.En).ShouldBe(["FIRST:a:f a", "FIRST:b:f b", "FIRST:c:f c", "LAST:a:l a", "LAST:c:l c"]);
    }

    [Fact]
    public void Evaluate_AnotherEvaluationOnTheSameThread_EarlierResultKeepsItsDiagnosticsAndFindings()
    {
        // The hits and diagnostics are gathered in lists the thread reuses: a result must hold its own copies, untouched by
        // the evaluations after it (one rejected by its input check, one with no item; BROKEN fails in each that gets to it).
        using var method = ItemRules("""
            [ { "id": "POSITIVE", "severity": "error", "forEach": "items", "when": "item.n < 0", "message": { "fr": "négatif {item.code}", "en": "negative {item.code}" } },
              { "id": "FIRST", "severity": "info", "forEach": "items", "when": "item.n > 0", "message": { "fr": "f {item.code}", "en": "f {item.code}" } },
              { "id": "BROKEN", "severity": "info", "when": "Seq(0, 0).Max() > 0", "message": { "fr": "b", "en": "b" } } ]
            """);

        var first = TestMethods.Evaluate(method, """{ "items": [ { "code": "a", "n": 3 }, { "code": "b", "n": 4 } ] }""");
        var rejected = TestMethods.Evaluate(method, """{ "items": [ { "code": "c", "n": -1 } ] }""");
        var quiet = TestMethods.Evaluate(method, """{ "items": [] }""");

        first.Diagnostics.Select(d => (d.Code, d.Pointer)).ShouldBe([(DiagnosticCode.RuleFailed, "/rules/2/when")]);
        first.Findings.Select(f => f.Code + ":" + f.Item + ":" + f.Message.En).ShouldBe(["FIRST:a:f a", "FIRST:b:f b"]);
        rejected.Diagnostics.Select(d => (d.Code, d.Pointer)).ShouldBe([(DiagnosticCode.InputCheckFailed, "/items/0")]);
        rejected.Findings.ShouldBeEmpty();
        quiet.Diagnostics.Select(d => d.Code).ShouldBe([DiagnosticCode.RuleFailed]);
        quiet.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_NestedQueryOverAnArrayComputedByAnotherIndicator_StopsOnTheBudget()
    {
        // An indicator's array is computed once (20,001 steps charged), then walked 20,001 × 20,001 ≈ 4 × 10^8 times by
        // another: the second walk must be charged too, or a formula could run for hours on data it made itself.
        var result = EvaluateIndicators(
            ("a", "series", "Seq(0, 20001).Select(i => (double)i).ToArray()"),
            ("b", "number", "a.SelectMany(i => a).Where(x => x >= 0).Count()"));

        SingleError(result, DiagnosticCode.EvaluationBudgetExceeded).Message.ShouldContain("'b'");
    }

    [Fact]
    public void Evaluate_NestedQueryOverAnArrayMadeInTheSameFormula_StopsOnTheBudget()
    {
        // The same inside one formula: the array is made once, then walked 20,001 × 20,001 times.
        var result = EvaluateIndicators(
            ("b", "number", "new[] { Seq(0, 20001).ToArray() }.Select(a => a.SelectMany(i => a).Where(x => x >= 0).Count()).Sum()"));

        SingleError(result, DiagnosticCode.EvaluationBudgetExceeded).Message.ShouldContain("'b'");
    }

    [Fact]
    public void Evaluate_QuerySyntaxOverAnArray_ChargedToo()
    {
        // Query syntax binds to the formulas' LINQ as method calls do: the second 'from' is a SelectMany whose inner
        // sequence (the raw array) a lambda returns, and is charged at every walk.
        var result = EvaluateIndicators(
            ("a", "series", "Seq(0, 20001).Select(i => (double)i).ToArray()"),
            ("b", "number", "(from i in a from j in a where j >= 0 select j).Count()"));

        SingleError(result, DiagnosticCode.EvaluationBudgetExceeded).Message.ShouldContain("'b'");
    }

    [Fact]
    public void Evaluate_QuerySyntaxJoinAndGroup_SameResultAsLinq()
    {
        // 0..5 joined with itself on equality (6 pairs), grouped by parity: groups of 3 and 3, summed: 6.
        var result = EvaluateIndicators(("q", "number", "(from i in Seq(0, 6) join j in Seq(0, 6) on i equals j group i by i % 2 into g select g.Count()).Sum()"));

        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics));
        result.Indicators["q"].ShouldBe(6.0);
    }

    [Fact]
    public void Evaluate_NestedQueryOverInputsWithinBudget_Completes()
    {
        // 300 × 300 = 90,000 pairs: well within the budget.
        var result = EvaluateIndicators(("pairs", "number", "Seq(0, 300).SelectMany(i => Seq(0, 300).Select(j => i * j)).Count()"));

        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics));
        result.Indicators["pairs"].ShouldBe(90_000.0);
    }

    [Fact]
    public void Evaluate_DivisionByZero_Rse6001NamingTheIndicator()
    {
        // x / (x - x) = 1 / 0 = +∞.
        var error = SingleError(EvaluateIndicators(("ratio", "number", "x / (x - x)")), DiagnosticCode.NotANumber);

        error.CodeText.ShouldBe("RSE6001");
        error.Pointer.ShouldBe("/indicators/0/formula");
        error.Message.ShouldContain("'ratio'");
    }

    [Fact]
    public void Evaluate_ZeroByZero_Rse6001()
    {
        SingleError(EvaluateIndicators(("nan", "number", "(x - x) / (x - x)")), DiagnosticCode.NotANumber).Pointer.ShouldBe("/indicators/0/formula");
    }

    [Fact]
    public void Evaluate_InfinityInsideASeries_Rse6001()
    {
        // [1 / 1, 1 / 0]: the second element is infinite.
        var error = SingleError(EvaluateIndicators(("s", "series", "new[] { x / x, x / (x - x) }")), DiagnosticCode.NotANumber);

        error.Message.ShouldContain("'s'");
    }

    [Fact]
    public void Evaluate_IntegerOverflow_Rse6002NamingTheIndicator()
    {
        // 2 × long.MaxValue overflows; arithmetic is checked.
        var error = SingleError(EvaluateIndicators(("big", "integer", "n * long.MaxValue")), DiagnosticCode.EvaluationFailed);

        error.CodeText.ShouldBe("RSE6002");
        error.Pointer.ShouldBe("/indicators/0/formula");
        error.Message.ShouldContain("'big'");
    }

    [Fact]
    public void Evaluate_IntegerDivisionByZero_Rse6002()
    {
        SingleError(EvaluateIndicators(("q", "integer", "n / (n - n)")), DiagnosticCode.EvaluationFailed).Pointer.ShouldBe("/indicators/0/formula");
    }

    [Fact]
    public void Evaluate_MaxOfNothing_Rse6002()
    {
        // Sequence contains no elements.
        var error = SingleError(EvaluateIndicators(("m", "number", "Seq(0, 0).Max() * x")), DiagnosticCode.EvaluationFailed);

        error.Message.ShouldContain("'m'");
    }

    [Fact]
    public void Evaluate_NullForNonNullableIndicator_Rse6002()
    {
        // t is optional without default: null.
        SingleError(EvaluateIndicators(("label", "text", "t")), DiagnosticCode.EvaluationFailed).Pointer.ShouldBe("/indicators/0/formula");
    }

    [Fact]
    public void Evaluate_NullForNullableIndicator_Succeeds()
    {
        var text = TestMethods.Method(inputs: NumberInputs, indicators: "[ " + TestMethods.Indicator("label", "text", "\"t\"", "\"nullable\": true, ") + " ]");
        using var method = TestMethods.Compiled(text);

        var result = TestMethods.Evaluate(method, Values);

        result.Diagnostics.ShouldBeEmpty();
        result.Indicators["label"].ShouldBeNull();
    }

    [Fact]
    public void Evaluate_HelperOutOfBounds_Rse6002()
    {
        // Series of more than 100,000 elements.
        SingleError(EvaluateIndicators(("s", "series", "Series(100_001, i => x)")), DiagnosticCode.EvaluationFailed).Pointer.ShouldBe("/indicators/0/formula");
    }

    [Fact]
    public void Evaluate_FailingIndicator_StopsTheEvaluation()
    {
        // ok (1 + 1 = 2) is computed first; bad fails; after (declared last, reads nothing failing) is not computed.
        var result = EvaluateIndicators(("ok", "number", "x + 1"), ("bad", "number", "x / (x - x)"), ("after", "number", "x * 3"));

        SingleError(result, DiagnosticCode.NotANumber).Pointer.ShouldBe("/indicators/1/formula");
        result.Indicators["ok"].ShouldBe(2.0);
        result.Indicators.ContainsKey("after").ShouldBeFalse();
        result.Results.ShouldBeEmpty();
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_FailingRuleCondition_Rse6003AtTheRule()
    {
        var text = TestMethods.Method(
            inputs: NumberInputs,
            rules: """[ { "id": "R", "severity": "warning", "when": "Seq(0, 0).Max() > n", "message": { "fr": "m", "en": "m" } } ]""");
        using var method = TestMethods.Compiled(text);

        var result = TestMethods.Evaluate(method, Values);

        var error = SingleError(result, DiagnosticCode.RuleFailed);
        error.Pointer.ShouldBe("/rules/0/when");
    }

    [Fact]
    public void Evaluate_InputCheckFails_Rse5006AtItsPointerAndNoIndicator()
    {
        // Weights 70 + 40 = 110, not 100: WEIGHTS_SUM ("at": "/stakes") fires. `  "stakes": ` is 12 characters: col 13.
        var inputs = File.ReadAllText(AllTypesFixture.InputsPath).Replace("\"weight\": 60", "\"weight\": 70", StringComparison.Ordinal);

        var result = Evaluator.Evaluate(fixture.Method, TestMethods.Inputs(fixture.Method.Method, inputs));

        var error = SingleError(result, DiagnosticCode.InputCheckFailed);
        error.CodeText.ShouldBe("RSE5006");
        error.Pointer.ShouldBe("/stakes");
        error.File.ShouldBe("inputs.json");
        (error.Line, error.Column).ShouldBe((10, 13));
        error.Message.ShouldContain("WEIGHTS_SUM");
        result.Indicators.ShouldBeEmpty();
        result.Results.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_ForEachInputCheckFails_Rse5006AtTheItemIndex()
    {
        // S1's bonus 20 > 10: BONUS_CAP ("at": "/stakes/{index}/bonus") fires for item 0.
        // `    { "code": "S1", "weight": 60, "note": "core", "bonus": ` is 59 characters: 20 at col 60 of line 11.
        var inputs = File.ReadAllText(AllTypesFixture.InputsPath).Replace("\"bonus\": 2", "\"bonus\": 20", StringComparison.Ordinal);

        var result = Evaluator.Evaluate(fixture.Method, TestMethods.Inputs(fixture.Method.Method, inputs));

        var error = SingleError(result, DiagnosticCode.InputCheckFailed);
        error.Pointer.ShouldBe("/stakes/0/bonus");
        (error.Line, error.Column).ShouldBe((11, 60));
    }

    [Fact]
    public void Evaluate_ForEachInputCheckWithoutAt_PointsAtTheItem()
    {
        var text = TestMethods.Method(
            inputs: Items("v", "number"),
            rules: """[ { "id": "NEGATIVE", "severity": "error", "forEach": "items", "when": "item.v < 0", "message": { "fr": "m", "en": "m" } } ]""",
            results: "[\"items\"]");
        using var method = TestMethods.Compiled(text);

        var result = TestMethods.Evaluate(method, """{ "items": [ { "code": "a", "v": 1 }, { "code": "b", "v": -1 } ] }""");

        SingleError(result, DiagnosticCode.InputCheckFailed).Pointer.ShouldBe("/items/1");
    }

    /// <summary>One input, a collection "items" keyed by its text field "code", with one more field.</summary>
    /// <summary>A method of <c>items</c> (code, an integer n) with the rules given, compiled.</summary>
    private static RseRules.Core.Compilation.CompiledMethod ItemRules(string rules) =>
        TestMethods.Compiled(TestMethods.Method(inputs: Items("n", "integer"), rules: rules, results: "[\"items\"]"));

    private static string Items(string field, string type) => $$"""
        [ { "id": "items", "type": "collection", "key": "code", "label": { "fr": "i", "en": "i" },
            "fields": [ { "id": "code", "type": "text" }, { "id": "{{field}}", "type": "{{type}}" } ] } ]
        """;
}
