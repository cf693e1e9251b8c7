using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Tests.Support;
using RseRules.Core.Uncertainty;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Uncertainty;

/// <summary>Distributions in input documents: schema, semantic checks (RSE5007), binding at the mode, the RSE5008 warning.</summary>
public class DistributionInputTests
{
    private static Diagnostic SingleError(string json)
    {
        using var method = UncertainMethods.Linear();
        var result = InputValidator.Validate(method.Method, TestMethods.Json(json, "inputs.json"));
        result.Value.ShouldBeNull();
        return result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Validate_ModeAboveMax_Rse5007AtTheMode()
    {
        // Line 2: `  "x": { "distribution": "triangular", "min": 1, "mode": 9, "max": 3 }`; the 9 is at column 58.
        var error = SingleError("{\n  \"x\": { \"distribution\": \"triangular\", \"min\": 1, \"mode\": 9, \"max\": 3 },\n  \"y\": 0\n}");

        error.Code.ShouldBe(DiagnosticCode.InvalidDistribution);
        error.CodeText.ShouldBe("RSE5007");
        error.Pointer.ShouldBe("/x/mode");
        (error.Line, error.Column).ShouldBe((2, 58));
        error.Message.ShouldBe("The triangular distribution's mode 9 is above its max 3: it needs min ≤ mode ≤ max.");
    }

    [Fact]
    public void Validate_ModeBelowMinInASeriesItem_Rse5007AtThatItem()
    {
        using var method = TestMethods.Compiled(TestMethods.Method(
            inputs: """
                [ { "id": "years", "type": "integer", "min": 1, "label": { "fr": "n", "en": "n" } },
                  { "id": "flows", "type": "series", "length": "years", "label": { "fr": "f", "en": "f" } } ]
                """,
            results: """["flows"]"""));
        var result = InputValidator.Validate(method.Method, TestMethods.Json("""{ "years": 2, "flows": [1, { "distribution": "pert", "min": 5, "mode": 4, "max": 6 }] }""", "inputs.json"));

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.InvalidDistribution);
        error.Pointer.ShouldBe("/flows/1/mode");
    }

    [Fact]
    public void Validate_UniformMinAboveMax_Rse5007AtTheMin()
    {
        var error = SingleError("""{ "x": { "distribution": "uniform", "min": 5, "max": 4 }, "y": 0 }""");

        error.Code.ShouldBe(DiagnosticCode.InvalidDistribution);
        error.Pointer.ShouldBe("/x/min");
        error.Message.ShouldBe("The uniform distribution's min 5 is above its max 4: it needs min ≤ max.");
    }

    [Fact]
    public void Validate_MissingMode_SchemaErrorOfTheNamedDistributionOnly()
    {
        var error = SingleError("""{ "x": { "distribution": "triangular", "min": 1, "max": 2 }, "y": 0 }""");

        error.Code.ShouldBe(DiagnosticCode.InputSchema);
        error.Pointer.ShouldBe("/x");
        error.Message.ShouldBe("Required property 'mode' is missing.");
    }

    [Fact]
    public void Validate_ModeGivenToUniform_NotAllowed()
    {
        var error = SingleError("""{ "x": { "distribution": "uniform", "min": 1, "mode": 1.5, "max": 2 }, "y": 0 }""");

        error.Pointer.ShouldBe("/x/mode");
        error.Message.ShouldBe("Property 'mode' is not allowed here.");
    }

    [Fact]
    public void Validate_UnknownDistribution_ErrorAtItsName()
    {
        var error = SingleError("""{ "x": { "distribution": "normal", "min": 1, "max": 2 }, "y": 0 }""");

        error.Code.ShouldBe(DiagnosticCode.InputSchema);
        error.Pointer.ShouldBe("/x/distribution");
        error.Message.ShouldBe("\"normal\" is not a distribution: triangular, pert or uniform.");
    }

    [Fact]
    public void Validate_ObjectWithoutDistribution_SaysWhatWasExpected()
    {
        var error = SingleError("""{ "x": { "min": 1, "max": 2 }, "y": 0 }""");

        error.Pointer.ShouldBe("/x");
        error.Message.ShouldContain("a distribution object with a 'distribution' member");
    }

    [Fact]
    public void Validate_BoundBelowTheDeclaredMinimum_SchemaErrorAtTheBound()
    {
        // x is declared with "min": 0: the bounds of a distribution must fit the declaration too.
        var error = SingleError("""{ "x": { "distribution": "pert", "min": -1, "mode": 1, "max": 2 }, "y": 0 }""");

        error.Pointer.ShouldBe("/x/min");
        error.Message.ShouldBe("-1 is below the minimum 0.");
    }

    [Fact]
    public void Validate_TextWhereANumberIsExpected_StillTheNumberError()
    {
        var error = SingleError("""{ "x": "3", "y": 0 }""");

        error.Pointer.ShouldBe("/x");
        error.Message.ShouldBe("Number expected; write 3 (without quotes).");
    }

    [Fact]
    public void Validate_IntegerDistributionWithAFractionalBound_IntegerExpected()
    {
        var error = SingleError("""{ "x": 1, "y": 0, "n": { "distribution": "uniform", "min": 1.5, "max": 4 } }""");

        error.Pointer.ShouldBe("/n/min");
        error.Message.ShouldStartWith("Integer expected");
    }

    [Fact]
    public void Validate_SeriesLengthGivenAsADistribution_Rejected()
    {
        using var method = TestMethods.Compiled(TestMethods.Method(
            inputs: """
                [ { "id": "years", "type": "integer", "min": 1, "label": { "fr": "n", "en": "n" } },
                  { "id": "flows", "type": "series", "length": "years", "label": { "fr": "f", "en": "f" } } ]
                """,
            results: """["flows"]"""));
        var result = InputValidator.Validate(method.Method, TestMethods.Json("""{ "years": { "distribution": "uniform", "min": 1, "max": 3 }, "flows": [1] }""", "inputs.json"));

        result.Value.ShouldBeNull();
        result.Diagnostics.ShouldHaveSingleItem().Pointer.ShouldBe("/years");
    }

    [Fact]
    public void Validate_Distributions_BoundAtTheModeOrTheUniformMeanRoundedForIntegers()
    {
        using var method = UncertainMethods.Linear();
        var result = InputValidator.Validate(method.Method, TestMethods.Json("""
            { "x": { "distribution": "pert", "min": 1, "mode": 2, "max": 9 },
              "y": { "distribution": "uniform", "min": 0, "max": 5 },
              "n": { "distribution": "uniform", "min": 1, "max": 4 } }
            """, "inputs.json"));

        var inputs = result.Value.ShouldNotBeNull();
        inputs.Values["x"].ShouldBe(2.0);
        inputs.Values["y"].ShouldBe(2.5);
        inputs.Values["n"].ShouldBe(3L); // (1 + 4) / 2 = 2.5, half away from zero
        inputs.Uncertain.Select(u => (u.Pointer, u.Distribution.Kind, u.IsInteger)).ShouldBe(
            [("/x", DistributionKind.Pert, false), ("/y", DistributionKind.Uniform, false), ("/n", DistributionKind.Uniform, true)]);
        var warning = result.Diagnostics.ShouldHaveSingleItem();
        warning.Severity.ShouldBe(Severity.Warning);
        warning.CodeText.ShouldBe("RSE5008");
        warning.Pointer.ShouldBe("/x");
        warning.Message.ShouldStartWith("3 uncertain input(s) evaluated at their mode (the mean for uniform): /x = 2, /y = 2.5, /n = 3;");
    }

    [Fact]
    public void Evaluate_Distributions_ResultsAtTheModeAndAFindingListsThem()
    {
        using var method = UncertainMethods.Linear();
        var inputs = UncertainMethods.Document(method, """{ "x": { "distribution": "triangular", "min": 1, "mode": 2, "max": 3 }, "y": 1 }""");

        var result = Evaluator.Evaluate(method, inputs);

        result.Success.ShouldBeTrue();
        result.Results.Single(r => r.Key == "r").Value.ShouldBe(7.0);
        var finding = result.Findings.ShouldHaveSingleItem();
        finding.Code.ShouldBe(Evaluator.UncertainInputsFinding);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.En.ShouldBe("1 uncertain input(s) evaluated at their mode (the mean for uniform): /x. 'rse simulate' samples them.");
        EvaluationRecord.ToText(result).ShouldBe(EvaluationRecord.ToText(Evaluator.Evaluate(method, inputs)));
    }

    [Fact]
    public void Generate_NumberInput_AnyOfNumberAndTheThreeDistributions()
    {
        using var method = UncertainMethods.Linear();
        var schema = InputSchemaGenerator.Generate(method.Method);

        var x = schema["properties"]!["x"]!;
        var branches = x["anyOf"].ShouldNotBeNull();
        branches[0]!["type"]!.ToString().ShouldBe("number");
        branches[0]!["minimum"]!.ToObject<double>().ShouldBe(0);
        branches.Skip(1).Select(b => b["properties"]!["distribution"]!["enum"]![0]!.ToString()).ShouldBe(["triangular", "pert", "uniform"]);
        branches[1]!["properties"]!["mode"]!["minimum"]!.ToObject<double>().ShouldBe(0);
    }
}
