using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

public class MethodCompilerTests
{
    private static string Indicators(params (string Id, string Formula)[] indicators) =>
        "[\n    " + string.Join(",\n    ", indicators.Select(i => TestMethods.Indicator(i.Id, "number", TestMethods.Quote(i.Formula)))) + "\n  ]";

    private static CompileResult CompileIndicators(params (string Id, string Formula)[] indicators) =>
        TestMethods.Compile(TestMethods.Method(indicators: Indicators(indicators)));

    [Fact]
    public void Compile_ThreeIndicatorCycle_ReportsTheWholeCycleOnce()
    {
        var result = CompileIndicators(("a", "b + 1"), ("b", "c + 1"), ("c", "a + 1"));

        result.Success.ShouldBeFalse();
        var cycle = result.Diagnostics.ShouldHaveSingleItem();
        cycle.Code.ShouldBe(DiagnosticCode.DependencyCycle);
        cycle.CodeText.ShouldBe("RSE3004");
        cycle.Pointer.ShouldBe("/indicators/0/formula");
        cycle.Message.ShouldContain("a → b → c → a");
    }

    [Fact]
    public void Compile_CycleEnteredFromOutside_NamesOnlyTheCycle()
    {
        // start reads a; a → b → a is the cycle, start is not part of it.
        var result = CompileIndicators(("start", "a"), ("a", "b * 2"), ("b", "a / 2"));

        var cycle = result.Diagnostics.ShouldHaveSingleItem();
        cycle.Code.ShouldBe(DiagnosticCode.DependencyCycle);
        cycle.Message.ShouldContain("a → b → a");
        cycle.Message.ShouldNotContain("start");
        cycle.Pointer.ShouldBe("/indicators/1/formula");
    }

    [Fact]
    public void Compile_SelfCycle_ReportsAToA()
    {
        var result = CompileIndicators(("a", "a + 1"));

        result.Success.ShouldBeFalse();
        var cycle = result.Diagnostics.ShouldHaveSingleItem();
        cycle.Code.ShouldBe(DiagnosticCode.DependencyCycle);
        cycle.Pointer.ShouldBe("/indicators/0/formula");
        cycle.Message.ShouldContain("a → a");
    }

    [Fact]
    public void Compile_DependenciesDeclaredLast_ComputedFirst()
    {
        // c reads b, b reads a; declared c, b, a: computed a (2), b (1), c (0).
        using var method = CompileIndicators(("c", "b + 1"), ("b", "a + 1"), ("a", "x")).Method.ShouldNotBeNull();

        method.EvaluationOrder.ShouldBe([2, 1, 0]);
        method.Reads.Select(r => r.ToArray()).ShouldBe([["b"], ["a"], ["x"]]);
    }

    [Fact]
    public void Compile_StringLiteralForNumber_Rse4002AtTheLiteral()
    {
        // Line 10 col 19 is the first character inside the formula string (see the layout below).
        var text = """
            {
              "formatVersion": 1,
              "id": "formula-errors",
              "version": "1.0.0",
              "title": { "fr": "Erreurs", "en": "Errors" },
              "inputs": [ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } } ],
              "indicators": [
                {
                  "id": "literal", "type": "number", "label": { "fr": "l", "en": "l" },
                  "formula": "\"text\""
                }
              ],
              "results": ["x"]
            }
            """;

        var result = TestMethods.Compile(text);

        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaCompile);
        error.CodeText.ShouldBe("RSE4002");
        error.Pointer.ShouldBe("/indicators/0/formula");
        error.File.ShouldBe("method.json");

        // `      "formula": "` is 18 characters: 6 spaces, "formula" (9), ": " (2), the opening quote (col 18).
        // The literal "text" starts the formula: col 19.
        (error.Line, error.Column).ShouldBe((10, 19));
    }

    [Fact]
    public void Compile_UnknownFunctionAfterEscapedQuotes_Rse4002AtTheFunctionInTheFile()
    {
        var text = """
            {
              "formatVersion": 1,
              "id": "formula-errors",
              "version": "1.0.0",
              "title": { "fr": "Erreurs", "en": "Errors" },
              "inputs": [ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } } ],
              "indicators": [
                {
                  "id": "unknown", "type": "number", "label": { "fr": "u", "en": "u" },
                  "formula": "\"a\".Length + Nope(x)"
                }
              ],
              "results": ["x"]
            }
            """;

        var result = TestMethods.Compile(text);

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaCompile);
        error.Pointer.ShouldBe("/indicators/0/formula");

        // Decoded formula: `"a".Length + Nope(x)`; Nope is at index 13. In the file the two quotes are written \"
        // (one more character each), so Nope is 15 characters after the text's start (col 19): col 34.
        (error.Line, error.Column).ShouldBe((10, 34));
    }

    [Fact]
    public void Compile_UnknownNameInMessageHoleAfterEscapedQuote_Rse4002InTheMessage()
    {
        var text = """
            {
              "formatVersion": 1,
              "id": "formula-errors",
              "version": "1.0.0",
              "title": { "fr": "Erreurs", "en": "Errors" },
              "inputs": [ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } } ],
              "rules": [
                {
                  "id": "R", "severity": "warning", "when": "x > 0",
                  "message": { "fr": "ok", "en": "Va\"lue {x + Nope2}" }
                }
              ],
              "results": ["x"]
            }
            """;

        var result = TestMethods.Compile(text);

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaCompile);
        error.Pointer.ShouldBe("/rules/0/message/en");

        // `      "message": { "fr": "ok", "en": "` is 38 characters (6 + 9 + 2 + 2 + 4 + 2 + 4 + 2 + 4 + 2 + the quote),
        // so the text starts at col 39. Decoded `Va"lue {x + Nope2}`: the hole starts at 8, Nope2 at 8 + 4 = 12;
        // the \" adds one character in the file: 13 after col 39 is col 52.
        (error.Line, error.Column).ShouldBe((10, 52));
    }

    [Fact]
    public void Compile_UnknownNameInHoleAfterLiteralBraces_Rse4002AtTheName()
    {
        var text = TestMethods.Method(rules: """
            [
                {
                  "id": "R", "severity": "warning", "when": "x > 0",
                  "message": { "fr": "ok", "en": "{{x}} {Nope3}" }
                }
              ]
            """);

        var result = TestMethods.Compile(text);

        // Lines: 1 {, 2 formatVersion, 3 id, 4 version, 5 title, 6 inputs, 7 "rules": [, 8 {, 9 id, 10 message.
        // The en text starts at col 39 (see above); decoded `{{x}} {Nope3}`: the hole's text starts at index 7.
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaCompile);
        error.Pointer.ShouldBe("/rules/0/message/en");
        (error.Line, error.Column).ShouldBe((10, 46));
    }

    [Fact]
    public void Compile_UnclosedParenthesisAfterEscapedQuotes_Rse4001AtTheEnd()
    {
        var result = TestMethods.Compile(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("v", "number", "\"a\".Length + (x")));

        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaSyntax);
        error.CodeText.ShouldBe("RSE4001");
        error.Pointer.ShouldBe("/indicators/0/formula");

        // Decoded `"a".Length + (x` is 15 characters; ')' is expected at index 15, written 17 characters after the start.
        (error.Line, error.Column).ShouldBe((TestMethods.FormulaLine, TestMethods.FormulaColumn + 17));
    }

    [Theory]
    [InlineData("x +")]
    [InlineData("x x")]
    [InlineData("(x")]
    [InlineData("x; x")]
    [InlineData("   ")]
    [InlineData("x // a comment swallowing nothing\n+")]
    public void Compile_NotOneExpression_Rse4001(string formula)
    {
        var result = TestMethods.Compile(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("v", "number", formula)));

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldNotBeEmpty();
        result.Diagnostics.ShouldAllBe(d => d.Code == DiagnosticCode.FormulaSyntax && d.Pointer == "/indicators/0/formula" && d.Line == TestMethods.FormulaLine);
    }

    [Fact]
    public void Compile_TrailingLineComment_DoesNotSwallowGeneratedCode()
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("v", "number", "x * 2 // twice")));
        TestMethods.Evaluate(method, """{ "x": 3 }""").Indicators["v"].ShouldBe(6.0);
    }

    [Fact]
    public void Compile_SyntaxErrorInOneFormula_OtherFormulasStillReportTheirOwn()
    {
        var result = CompileIndicators(("broken", "x +"), ("typed", "\"t\""));

        result.Diagnostics.Select(d => (d.Code, d.Pointer)).ShouldBe(
            [(DiagnosticCode.FormulaSyntax, "/indicators/0/formula"), (DiagnosticCode.FormulaCompile, "/indicators/1/formula")],
            ignoreOrder: true);
    }

    [Fact]
    public void Compile_InputCheckReadingAnIndicator_Rse3008()
    {
        var text = TestMethods.Method(
            indicators: Indicators(("twice", "x * 2")),
            rules: """[ { "id": "CHECK", "severity": "error", "when": "twice > 10", "message": { "fr": "m", "en": "m" } } ]""");

        var result = TestMethods.Compile(text);

        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.InputCheckReadsIndicator);
        error.Pointer.ShouldBe("/rules/0/when");
    }

    [Fact]
    public void Compile_ValidMethod_ExposesGeneratedSourceWithTheFormula()
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: Indicators(("twice", "x * 2"))));
        method.GeneratedSource.ShouldContain("x * 2");
    }
}
