using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Validation;

/// <summary>
/// Diagnostics that guide a document writer to the fix, on the all-types fixture (see <see cref="InputValidatorTests"/>
/// for its lines): "did you mean", the fraction and number-as-text hints, every error in one round, French messages.
/// Expected texts are written by hand from the fixture's declarations.
/// </summary>
public class GuidedMessagesTests
{
    private static readonly MethodDefinition Method = MethodLoader.Load(AllTypesFixture.MethodPath).Value!;

    private static string Valid => File.ReadAllText(AllTypesFixture.InputsPath);

    private static LoadResult<InputDocument> Validate(string text, InputMessages? messages = null) =>
        InputValidator.Validate(Method, TestMethods.Json(text, "inputs.json"), null, messages);

    private static string Change(string from, string to)
    {
        Valid.ShouldContain(from);
        return Valid.Replace(from, to, StringComparison.Ordinal);
    }

    private static Diagnostic Single(string text, InputMessages? messages = null)
    {
        var result = Validate(text, messages);
        result.Value.ShouldBeNull();
        return result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Validate_MisspeltRequiredInput_OneErrorAtTheKeyWithTheSuggestion()
    {
        // "years" is required: without the suggestion there would also be "Required property 'years' is missing" at the root.
        var error = Single(Change("\"years\": 2", "\"yaers\": 2"));

        error.Code.ShouldBe(DiagnosticCode.InputSchema);
        error.Pointer.ShouldBe("/yaers");
        (error.Line, error.Column).ShouldBe((2, 3));
        error.Message.ShouldBe("Property 'yaers' is not allowed here; did you mean 'years'?");
    }

    [Fact]
    public void Validate_MisspeltFieldOfAnItem_SuggestsTheFieldAndDropsItsMissingError()
    {
        var error = Single(Change("{ \"code\": \"S2\", \"weight\": 40 }", "{ \"code\": \"S2\", \"wieght\": 40 }"));

        error.Pointer.ShouldBe("/stakes/1/wieght");
        error.Message.ShouldBe("Property 'wieght' is not allowed here; did you mean 'weight'?");
    }

    [Fact]
    public void Validate_UnknownPropertyFarFromEveryName_NoSuggestionAndNoDroppedError()
    {
        var result = Validate(Change("\"years\": 2", "\"colour\": 2"));

        result.Diagnostics.Select(d => d.Message).ShouldBe(
            ["Required property 'years' is missing.", "Property 'colour' is not allowed here."], ignoreOrder: true);
    }

    [Fact]
    public void Validate_MisspeltEnumValue_SuggestsTheValue()
    {
        Single(Change("\"sector\": \"services\"", "\"sector\": \"servcies\"")).Message
            .ShouldBe("\"servcies\" is not one of industry, services; did you mean 'services'?");
    }

    [Fact]
    public void Validate_ReferenceInTheWrongCase_SuggestsTheKey()
    {
        var error = Single(Change("\"mainStake\": \"S2\"", "\"mainStake\": \"s2\""));

        error.Code.ShouldBe(DiagnosticCode.UnknownInputReference);
        error.Message.ShouldBe("'s2' is not the key of an item of 'stakes'; did you mean 'S2'?");
    }

    [Fact]
    public void Validate_MapKeyMisspelt_SuggestsTheItemKey()
    {
        var error = Single(Change("{ \"S1\": 4 }", "{ \"s1\": 4 }"));

        error.Code.ShouldBe(DiagnosticCode.UnknownMapKey);
        error.Pointer.ShouldBe("/levels/s1");
        error.Message.ShouldBe("'s1' is not the key of an item of 'stakes'; did you mean 'S1'?");
    }

    [Fact]
    public void Validate_ReferenceFarFromEveryKey_ListsTheKeys()
    {
        Single(Change("\"mainStake\": \"S2\"", "\"mainStake\": \"S9\"")).Message
            .ShouldBe("'S9' is not the key of an item of 'stakes' (known: S1, S2).");
    }

    [Fact]
    public void Validate_ScaleWrittenAsTheLabelOfALevel_SaysWhichLevel()
    {
        // Scale "level": 0 = Nul / None, 4 = Fort / Strong.
        Single(Change("\"maturity\": 3", "\"maturity\": \"Strong\"")).Message
            .ShouldBe("A level (an integer) was expected, not \"Strong\"; write 4 (levels: 0 = None, 4 = Strong).");
    }

    [Theory]
    [InlineData("10", "10 is above the maximum 1; a rate is written as a fraction: 0.1 for 10 %.")]
    [InlineData("7.5", "7.5 is above the maximum 1; a rate is written as a fraction: 0.075 for 7.5 %.")]
    [InlineData("100", "100 is above the maximum 1; a rate is written as a fraction: 1 for 100 %.")]
    [InlineData("150", "150 is above the maximum 1.")] // 1.5 is not within [0, 1] either
    [InlineData("-5", "-5 is below the minimum 0.")]
    public void Validate_RateWrittenAsAPercentage_HintsTheFraction(string written, string message)
    {
        Single(Change("\"rate\": 0.1", "\"rate\": " + written)).Message.ShouldBe(message);
    }

    [Fact]
    public void Validate_NumberAboveABoundThatIsNotAFraction_NoHint()
    {
        // weight is in [0, 100]: 150 / 100 would fit, but 100 is not the bound of a fraction.
        Single(Change("\"weight\": 40", "\"weight\": 150")).Message.ShouldBe("150 is above the maximum 100.");
    }

    [Theory]
    [InlineData("\"rate\": 0.1", "\"rate\": \"0,07\"", "Number expected; write 0.07 (with a decimal point, without quotes).")]
    [InlineData("\"rate\": 0.1", "\"rate\": \"0.07\"", "Number expected; write 0.07 (with a decimal point, without quotes).")]
    [InlineData("\"rate\": 0.1", "\"rate\": \"7 %\"", "Number expected; write 0.07 (with a decimal point, without quotes).")]
    [InlineData("\"weight\": 40", "\"weight\": \"1 234,5\"", "Number expected; write 1234.5 (with a decimal point, without quotes).")]
    [InlineData("\"years\": 2", "\"years\": \"2\"", "Integer expected; write 2 (without quotes).")]
    [InlineData("\"rate\": 0.1", "\"rate\": \"ten\"", "Number expected: found \"ten\".")]
    [InlineData("\"years\": 2", "\"years\": \"2,5\"", "Integer expected: found \"2,5\".")]
    public void Validate_NumberWrittenAsText_SaysWhatToWrite(string from, string to, string message)
    {
        Single(Change(from, to)).Message.ShouldBe(message);
    }

    [Fact]
    public void Validate_SchemaAndSemanticErrors_AllReportedInOneRoundSortedByPosition()
    {
        // Line 3: rate (schema); line 7: flows one value short (RSE5002, years = 2 is valid); line 12: S1 again
        // (RSE5004); line 14: map key S9 (RSE5005); line 15: mainStake S9 is no key — but "S1" duplicated does not hide S2.
        var text = Change("\"rate\": 0.1", "\"rate\": 10")
            .Replace("[-100, 60, 66]", "[-100, 60]", StringComparison.Ordinal)
            .Replace("{ \"code\": \"S2\"", "{ \"code\": \"S1\"", StringComparison.Ordinal)
            .Replace("{ \"S1\": 4 }", "{ \"S9\": 4 }", StringComparison.Ordinal)
            .Replace("\"mainStake\": \"S2\"", "\"mainStake\": \"S7\"", StringComparison.Ordinal);

        var result = Validate(text);

        result.Value.ShouldBeNull();
        result.Diagnostics.Select(d => (d.Code, d.Pointer, d.Line)).ShouldBe(
        [
            (DiagnosticCode.InputSchema, "/rate", 3),
            (DiagnosticCode.SeriesLength, "/flows", 7),
            (DiagnosticCode.DuplicateKey, "/stakes/1/code", 12),
            (DiagnosticCode.UnknownMapKey, "/levels/S9", 14),
            (DiagnosticCode.UnknownInputReference, "/mainStake", 15),
        ]);
    }

    [Fact]
    public void Validate_RefusedPartsAreSkipped_NoCrashAndNoSecondReport()
    {
        // An item that is not an object: the keys of 'stakes' are unknown, so neither the map key nor the reference
        // is checked against them (S2 would otherwise be "unknown"); years refused: the series length is not checked.
        var text = Change("{ \"code\": \"S1\", \"weight\": 60, \"note\": \"core\", \"bonus\": 2 }", "5")
            .Replace("\"years\": 2", "\"years\": \"x\"", StringComparison.Ordinal)
            .Replace("[-100, 60, 66]", "[-100]", StringComparison.Ordinal);

        var result = Validate(text);

        result.Value.ShouldBeNull();
        result.Diagnostics.ShouldAllBe(d => d.Code == DiagnosticCode.InputSchema, string.Join("\n", result.Diagnostics));
        result.Diagnostics.Select(d => d.Pointer).ShouldBe(["/years", "/stakes/0"]);
    }

    [Theory]
    [InlineData("{ \"flows\": 5, \"stakes\": {}, \"levels\": [], \"contact\": 1, \"mainStake\": 3 }")]
    [InlineData("{ \"stakes\": [ { \"code\": 1 }, { \"code\": { } }, null, [] ], \"levels\": { \"S1\": \"x\" }, \"mainStake\": null }")]
    [InlineData("{ \"years\": 2, \"flows\": [ \"a\", { \"distribution\": \"pert\", \"min\": 1 } ], \"rate\": { \"distribution\": \"uniform\", \"min\": \"a\", \"max\": 0 } }")]
    public void Validate_MalformedEverywhere_DiagnosticsWithoutCrash(string text)
    {
        var result = Validate(text);

        result.Value.ShouldBeNull();
        result.Diagnostics.ShouldNotBeEmpty();
        result.Diagnostics.ShouldAllBe(d => d.Severity == Severity.Error && d.File == "inputs.json");
        result.Diagnostics.Select(d => (d.Line, d.Column)).ShouldBeInOrder();
    }

    [Fact]
    public void Validate_French_MessagesInFrench()
    {
        var fr = InputMessages.French;

        Single(Change("\"years\": 2", "\"yaers\": 2"), fr).Message
            .ShouldBe("La propriété «\u00A0yaers\u00A0» n'est pas admise ici\u00A0; vouliez-vous dire «\u00A0years\u00A0»\u00A0?");
        Single(Change("\"rate\": 0.1", "\"rate\": 7"), fr).Message
            .ShouldBe("7 est au-dessus du maximum 1\u00A0; un taux s'écrit en fraction\u00A0: 0.07 pour 7\u00A0%.");
        Single(Change("\"rate\": 0.1", "\"rate\": \"0,07\""), fr).Message
            .ShouldBe("Nombre attendu\u00A0; écrivez 0.07 (avec un point décimal, sans guillemets).");
        Single(Change("\"mainStake\": \"S2\"", "\"mainStake\": \"S9\""), fr).Message
            .ShouldBe("«\u00A0S9\u00A0» n'est la clé d'aucun élément de «\u00A0stakes\u00A0» (clés\u00A0: S1, S2).");
    }

    [Fact]
    public void Parse_French_JsonSyntaxInFrench()
    {
        var diagnostics = new List<Diagnostic>();

        RseRules.Core.Json.JsonSource.Parse("{ \"a\": 1, \"a\": 2 }", "inputs.json", diagnostics, InputMessages.French).ShouldBeNull();
        RseRules.Core.Json.JsonSource.Parse("{ \"a\": 1 ", "inputs.json", diagnostics, InputMessages.French).ShouldBeNull();

        diagnostics.Select(d => (d.Code, d.Message)).ShouldBe(
        [
            (DiagnosticCode.JsonDuplicateKey, "La propriété «\u00A0a\u00A0» apparaît deux fois dans le même objet."),
            (DiagnosticCode.JsonSyntax, "',' ou '}' était attendu."),
        ]);
    }

    [Fact]
    public void Evaluate_InputCheckAndFindings_InTheChosenLanguageWithItsNumbers()
    {
        // Weights 60 + 50 = 110: WEIGHTS_SUM rejects the document, in the language asked for.
        var compiled = TestMethods.Compiled(File.ReadAllText(AllTypesFixture.MethodPath));
        var heavy = InputValidator.Validate(compiled.Method, TestMethods.Json(Change("\"weight\": 40", "\"weight\": 50.5"), "inputs.json")).Value!;

        Evaluator.Evaluate(compiled, heavy, "fr").Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Somme 110,5 (WEIGHTS_SUM)");
        Evaluator.Evaluate(compiled, heavy, "en").Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Sum 110.5 (WEIGHTS_SUM)");

        // npv = -100 + 60 / 1.1 + 66 / 1.1² = -100 + 54.5454… + 54.5454… = 9.0909…: "{npv:F2}" is 9,09 in French.
        var result = Evaluator.Evaluate(compiled, TestMethods.Inputs(compiled.Method, Valid), "fr");
        var npv = result.Findings.Single(f => f.Code == "NPV_POSITIVE").Message;
        npv.Fr.ShouldBe("VAN 9,09");
        npv.En.ShouldBe("NPV 9.09");
    }
}
