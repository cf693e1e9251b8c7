using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>What format version 2 adds (methods/README.md, "Format versions"), each with its located diagnostics.</summary>
public class FormatVersion2Tests
{
    private const string Verdict = """
        { "id": "verdict", "type": "enum", "label": { "fr": "Avis", "en": "Verdict" },
          "values": [ { "value": "go", "label": { "fr": "Feu vert", "en": "Go ahead" } }, { "value": "stop", "label": { "fr": "Arrêt", "en": "Stop" } } ],
          "formula": FORMULA }
        """;

    private const string Criteria = """
        [ { "id": "criteria", "type": "collection", "key": "id", "source": "test",
            "fields": [ { "id": "id", "type": "text" }, { "id": "label", "type": "localized" }, { "id": "weight", "type": "number", "min": 0 } ],
            "value": [ { "id": "cost", "label": { "fr": "Coût", "en": "Cost" }, "weight": 3 }, { "id": "risk", "label": { "fr": "Risque", "en": "Risk" }, "weight": 1 } ] } ]
        """;

    private static string Enum(string formula) => Verdict.Replace("FORMULA", TestMethods.Quote(formula), StringComparison.Ordinal);

    private static Diagnostic Single(string text, DiagnosticCode code)
    {
        var loaded = TestMethods.Load(text);
        var diagnostics = loaded.Diagnostics.Count > 0 ? loaded.Diagnostics : Core.Compilation.MethodCompiler.Compile(loaded.Value!).Diagnostics;
        return diagnostics.Where(d => d.Code == code).ShouldHaveSingleItem(string.Join("\n", diagnostics));
    }

    [Fact]
    public void Evaluate_EnumIndicator_ResultIsTheCodeAndItsLabelIsDeclared()
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: "[" + Enum("x > 10 ? \"go\" : \"stop\"") + "]", results: """["verdict"]""", formatVersion: 2));

        var result = TestMethods.Evaluate(method, """{ "x": 12 }""");

        result.Results.ShouldHaveSingleItem().Value.ShouldBe("go");
        Engine.EnumLabel(Engine.ResultType(method.Method, "verdict"), "go", "en").ShouldBe("Go ahead");
        Engine.EnumLabel(Engine.ResultType(method.Method, "verdict"), "go", "fr").ShouldBe("Feu vert");
    }

    [Theory]
    [InlineData("fr", "Feu vert")]
    [InlineData("en", "Go ahead")]
    public void Explain_EnumIndicator_ShowsTheLabelOfItsValue(string language, string label)
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: "[" + Enum("x > 10 ? \"go\" : \"stop\"") + "]", results: """["verdict"]""", formatVersion: 2));
        var record = EvaluationRecord.Build(TestMethods.Evaluate(method, """{ "x": 12 }"""));

        var (tree, error) = Explainer.Explain(method.Method, record, "verdict", language);

        error.ShouldBeNull();
        tree.ShouldNotBeNull().ValueLabel.ShouldBe(label);
        Explainer.ToText(tree).ShouldStartWith($"verdict = \"go\" «{label}»");
        tree.ToJson()["valueLabel"]!.ToString().ShouldBe(label);
        tree.Children.Single(c => c.Name == "x").ValueLabel.ShouldBeNull(); // a number has none
    }

    [Fact]
    public void Evaluate_EnumIndicatorOutsideItsValues_FailsAtTheIndicator()
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: "[" + Enum("x > 10 ? \"go\" : \"maybe\"") + "]", results: """["verdict"]""", formatVersion: 2));

        var result = TestMethods.Evaluate(method, """{ "x": 1 }""");

        var failure = result.Diagnostics.ShouldHaveSingleItem();
        failure.Code.ShouldBe(DiagnosticCode.EvaluationFailed);
        failure.Pointer.ShouldBe("/indicators/0/formula");
        failure.Message.ShouldContain("\"maybe\", which is not one of the enum's values (go, stop)");
    }

    private const string Classes = """
        [ { "id": "classes", "type": "TYPE", KEYS"of": { "type": "enum", "values": [ { "value": "low", "label": { "fr": "faible", "en": "low" } }, { "value": "high", "label": { "fr": "élevé", "en": "high" } } ] },
            "label": { "fr": "c", "en": "c" }, "formula": FORMULA } ]
        """;

    private static string EnumElements(string type, string formula) => Classes.Replace("TYPE", type, StringComparison.Ordinal)
        .Replace("KEYS", type == "map" ? "\"keys\": \"text\", " : string.Empty, StringComparison.Ordinal).Replace("FORMULA", TestMethods.Quote(formula), StringComparison.Ordinal);

    [Theory]
    [InlineData("map", "Map(new[] { \"a\", \"b\" }, k => k, k => k == \"a\" && x > 10 ? \"high\" : \"low\")", "{\"a\":\"high\",\"b\":\"low\"}")]
    [InlineData("list", "new[] { x > 10 ? \"high\" : \"low\", \"low\" }", "[\"high\",\"low\"]")]
    public void Evaluate_MapOrListOfEnumValues_CodesInTheRecordLabelsDeclared(string type, string formula, string json)
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: EnumElements(type, formula), results: """["classes"]""", formatVersion: 2));

        var result = TestMethods.Evaluate(method, """{ "x": 12 }""");

        result.Diagnostics.ShouldBeEmpty();
        Newtonsoft.Json.JsonConvert.SerializeObject(result.Results.ShouldHaveSingleItem().Value).ShouldBe(json);
        Engine.EnumLabel(Engine.ResultType(method.Method, "classes")!.Of, "high", "fr").ShouldBe("élevé");
    }

    [Theory]
    [InlineData("map", "Map(new[] { \"a\", \"b\" }, k => k, k => k == \"a\" ? \"low\" : x > 10 ? \"high\" : \"medium\")")]
    [InlineData("list", "new[] { \"low\", x > 10 ? \"high\" : \"medium\" }")]
    public void Evaluate_MapOrListWithAValueOutsideTheEnum_FailsAtTheIndicator(string type, string formula)
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: EnumElements(type, formula), results: """["classes"]""", formatVersion: 2));

        var failure = TestMethods.Evaluate(method, """{ "x": 1 }""").Diagnostics.ShouldHaveSingleItem();

        failure.Code.ShouldBe(DiagnosticCode.EvaluationFailed);
        failure.Pointer.ShouldBe("/indicators/0/formula");
        failure.Message.ShouldContain("\"medium\", which is not one of the enum's values (low, high)");
    }

    [Fact]
    public void Load_MapOfEnumValuesInFormat1_AsksForFormat2AtOf()
    {
        Single(TestMethods.Method(indicators: EnumElements("map", "Map(new[] { \"a\" }, k => k, k => \"low\")"), results: """["classes"]"""), DiagnosticCode.NeedsFormatVersion2).Pointer.ShouldBe("/indicators/0/of");
    }

    [Fact]
    public void Load_EnumIndicatorInFormat1_AsksForFormat2AtItsType()
    {
        var d = Single(TestMethods.Method(indicators: "[" + Enum("\"go\"") + "]", results: """["verdict"]"""), DiagnosticCode.NeedsFormatVersion2);

        d.CodeText.ShouldBe("RSE3020");
        d.Pointer.ShouldBe("/indicators/0/type");
        d.Message.ShouldContain("\"formatVersion\": 2");
    }

    [Fact]
    public void Evaluate_CollectionIndicatorOverACollectionParameter_GivesObjectsInTheRecord()
    {
        // cost: 3 × 10 = 30, risk: 1 × 10 = 10; total 40.
        const string indicators = """
            [ { "id": "rows", "type": "collection", "label": { "fr": "r", "en": "r" },
                "fields": [ { "id": "id", "type": "text" }, { "id": "points", "type": "number" } ],
                "formula": "criteria.Select(c => new { id = c.id, points = c.weight * x })" },
              { "id": "total", "type": "number", "label": { "fr": "t", "en": "t" }, "formula": "rows.Sum(r => r.points)" } ]
            """;
        using var method = TestMethods.Compiled(TestMethods.Method(parameters: Criteria, indicators: indicators, results: """["rows", "total"]""", formatVersion: 2));

        var result = TestMethods.Evaluate(method, """{ "x": 10 }""");

        result.Diagnostics.ShouldBeEmpty();
        JToken.DeepEquals(JsonValues.ToJson(result.Results[0].Value), JToken.Parse("""[ { "id": "cost", "points": 30.0 }, { "id": "risk", "points": 10.0 } ]""")).ShouldBeTrue();
        result.Results[1].Value.ShouldBe(40.0);
    }

    [Fact]
    public void Evaluate_RecordIndicator_ConvertsLongToDoubleAndKeepsFieldOrder()
    {
        const string indicators = """
            [ { "id": "summary", "type": "record", "label": { "fr": "s", "en": "s" },
                "fields": [ { "id": "half", "type": "number" }, { "id": "label", "type": "localized" } ],
                "formula": "new { label = L(\"demi\", \"half\"), half = x / 2 }" } ]
            """;
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: indicators, results: """["summary"]""", formatVersion: 2));

        var result = TestMethods.Evaluate(method, """{ "x": 5 }""");

        JsonValues.ToJson(result.Results[0].Value).ToString(Newtonsoft.Json.Formatting.None).ShouldBe("""{"half":2.5,"label":{"fr":"demi","en":"half"}}""");
    }

    [Fact]
    public void Compile_RecordIndicatorMissingAField_SaysWhichFieldsAreDeclared()
    {
        const string indicators = """
            [ { "id": "summary", "type": "record", "label": { "fr": "s", "en": "s" },
                "fields": [ { "id": "a", "type": "number" }, { "id": "b", "type": "number" } ],
                "formula": "new { a = x }" } ]
            """;
        var d = Single(TestMethods.Method(indicators: indicators, results: """["summary"]""", formatVersion: 2), DiagnosticCode.FormulaCompile);

        d.Pointer.ShouldBe("/indicators/0/formula");
        d.Message.ShouldContain("does not fit the declared fields of record indicator 'summary' (a: number, b: number)");
        d.Message.ShouldContain("'b'");
    }

    [Theory]
    [InlineData("""{ "id": "cost", "label": { "fr": "C", "en": "C" }, "weight": "3" }""", "/parameters/0/value/0/weight", "field 'weight': a number was expected")]
    [InlineData("""{ "id": "cost", "label": { "fr": "C", "en": "C" } }""", "/parameters/0/value/0", "field 'weight' is missing")]
    [InlineData("""{ "id": "cost", "label": { "fr": "C", "en": "C" }, "weight": 3, "wieght": 1 }""", "/parameters/0/value/0/wieght", "did you mean 'weight'?")]
    [InlineData("""{ "id": "cost", "label": { "fr": "C" }, "weight": 3 }""", "/parameters/0/value/0/label", "must be { \"fr\"")]
    [InlineData("""{ "id": "cost", "label": { "fr": "C", "en": "C" }, "weight": -1 }""", "/parameters/0/value/0/weight", "outside [0, +inf]")]
    public void Load_CollectionParameterValueThatDoesNotFit_LocatedAtTheMember(string firstItem, string pointer, string message)
    {
        var parameters = Criteria.Replace("""{ "id": "cost", "label": { "fr": "Coût", "en": "Cost" }, "weight": 3 }""", firstItem, StringComparison.Ordinal);
        var d = Single(TestMethods.Method(parameters: parameters, formatVersion: 2), DiagnosticCode.InvalidParameterValue);

        d.Pointer.ShouldBe(pointer);
        d.Message.ShouldContain(message);
    }

    [Fact]
    public void Load_CollectionParameterWithDuplicateKey_LocatedAtTheSecondKey()
    {
        var parameters = Criteria.Replace("\"id\": \"risk\"", "\"id\": \"cost\"", StringComparison.Ordinal);
        var d = Single(TestMethods.Method(parameters: parameters, formatVersion: 2), DiagnosticCode.InvalidParameterValue);

        d.Pointer.ShouldBe("/parameters/0/value/1/id");
    }

    [Fact]
    public void Load_CollectionParameterInFormat1_AsksForFormat2()
    {
        Single(TestMethods.Method(parameters: Criteria), DiagnosticCode.NeedsFormatVersion2).Pointer.ShouldBe("/parameters/0/type");
    }

    [Fact]
    public void Evaluate_MapInputKeyedByACollectionParameter_CompletedByItsDefaultAndOptional()
    {
        // No "required": a map with a default is optional; risk is missing and takes the default 2: 3 × 4 + 1 × 2 = 14.
        const string inputs = """[ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } }, { "id": "scores", "type": "map", "keys": "criteria", "of": "number", "default": 2, "label": { "fr": "s", "en": "s" } } ]""";
        var indicators = "[" + TestMethods.Indicator("weighted", "number", TestMethods.Quote("criteria.Sum(c => c.weight * scores[c.id])")) + "]";
        using var method = TestMethods.Compiled(TestMethods.Method(parameters: Criteria, inputs: inputs, indicators: indicators, results: """["weighted"]""", formatVersion: 2));

        TestMethods.Evaluate(method, """{ "x": 0, "scores": { "cost": 4 } }""").Results[0].Value.ShouldBe(14.0);
        TestMethods.Evaluate(method, """{ "x": 0 }""").Results[0].Value.ShouldBe(8.0); // 3 × 2 + 1 × 2

        var rejected = Core.Validation.InputValidator.Validate(method.Method, TestMethods.Json("""{ "x": 0, "scores": { "cots": 4 } }""", "inputs.json"));
        var unknown = rejected.Diagnostics.ShouldHaveSingleItem();
        unknown.Code.ShouldBe(DiagnosticCode.UnknownMapKey);
        unknown.Pointer.ShouldBe("/scores/cots");
    }

    [Fact]
    public void Load_MapWithDefaultDeclaredRequired_StaysRequired()
    {
        const string inputs = """[ { "id": "x", "type": "map", "keys": "text", "of": "number", "default": 0, "required": true, "label": { "fr": "x", "en": "x" } } ]""";
        var method = TestMethods.Valid(TestMethods.Method(inputs: inputs));

        method.Inputs[0].Required.ShouldBeTrue();
        TestMethods.Valid(TestMethods.Method(inputs: inputs.Replace(", \"required\": true", string.Empty, StringComparison.Ordinal))).Inputs[0].Required.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_ScalesInFormulas_ReadBoundsAndLabels()
    {
        const string scales = """{ "level": { "min": 1, "max": 4, "levels": { "1": { "fr": "bas", "en": "low" }, "4": { "fr": "haut", "en": "high" } } } }""";
        var indicators = "[" + TestMethods.Indicator("span", "integer", TestMethods.Quote("Scales.level.Max - Scales.level.Min")) + ", "
            + TestMethods.Indicator("top", "text", TestMethods.Quote("Scales.level.Label(Scales.level.Max).En + \"/\" + Scales.level.Label(1).Fr")) + ", "
            + TestMethods.Indicator("count", "integer", TestMethods.Quote("Scales.level.Levels.Count()")) + "]";
        using var method = TestMethods.Compiled(TestMethods.Method(scales: scales, indicators: indicators, results: """["span", "top", "count"]""", formatVersion: 2));

        var result = TestMethods.Evaluate(method, """{ "x": 0 }""");

        result.Results.Select(r => r.Value).ShouldBe([3L, "high/bas", 4L]);
    }

    [Fact]
    public void Evaluate_ScaleLabelOfALevelWithoutLabel_FailsAtTheIndicator()
    {
        const string scales = """{ "level": { "min": 1, "max": 4, "levels": { "1": { "fr": "bas", "en": "low" } } } }""";
        var indicators = "[" + TestMethods.Indicator("t", "text", TestMethods.Quote("Scales.level.Label(7).En")) + "]";
        using var method = TestMethods.Compiled(TestMethods.Method(scales: scales, indicators: indicators, results: """["t"]""", formatVersion: 2));

        var failure = TestMethods.Evaluate(method, """{ "x": 0 }""").Diagnostics.ShouldHaveSingleItem();
        failure.Pointer.ShouldBe("/indicators/0/formula");
        failure.Message.ShouldContain("7 is outside the scale (1..4)");
    }

    [Fact]
    public void Compile_ScalesInFormat1_IsNotAName()
    {
        const string scales = """{ "level": { "min": 1, "max": 4, "levels": {} } }""";
        var indicators = "[" + TestMethods.Indicator("t", "integer", TestMethods.Quote("Scales.level.Max")) + "]";
        var result = TestMethods.Compile(TestMethods.Method(scales: scales, indicators: indicators, results: """["t"]"""));

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.FormulaCompile && d.Message.Contains("'Scales'", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_ForEachOverAMap_OneFindingPerEntryNamedByItsKey()
    {
        const string inputs = """[ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } }, { "id": "m", "type": "map", "keys": "text", "of": "number", "label": { "fr": "m", "en": "m" } } ]""";
        const string rules = """[ { "id": "BIG", "severity": "warning", "forEach": "m", "when": "item.Value > x", "message": { "fr": "{item.Key}={item.Value}", "en": "{item.Key}={item.Value}" } } ]""";
        using var method = TestMethods.Compiled(TestMethods.Method(inputs: inputs, rules: rules, formatVersion: 2));

        var findings = TestMethods.Evaluate(method, """{ "x": 5, "m": { "a": 9, "b": 1, "c": 6 } }""").Findings;

        findings.Select(f => (f.Item, f.Message.En)).ShouldBe([("a", "a=9"), ("c", "c=6")]);
    }

    [Fact]
    public void Evaluate_ForEachOverASeriesAndACollectionParameter_ItemsNamedByIndexAndKey()
    {
        const string inputs = """[ { "id": "n", "type": "integer", "label": { "fr": "n", "en": "n" } }, { "id": "s", "type": "series", "length": "n", "label": { "fr": "s", "en": "s" } } ]""";
        const string rules = """
            [ { "id": "NEG", "severity": "info", "forEach": "s", "when": "item.Value < 0", "message": { "fr": "{item.Key}", "en": "{item.Key}" } },
              { "id": "HEAVY", "severity": "info", "forEach": "criteria", "when": "item.weight > 2", "message": { "fr": "{item.label.Fr}", "en": "{item.label.En}" } } ]
            """;
        using var method = TestMethods.Compiled(TestMethods.Method(parameters: Criteria, inputs: inputs, rules: rules, results: """["n"]""", formatVersion: 2));

        var findings = TestMethods.Evaluate(method, """{ "n": 3, "s": [1, -2, -3] }""").Findings;

        findings.Select(f => (f.Code, f.Item, f.Message.En)).ShouldBe([("NEG", "1", "1"), ("NEG", "2", "2"), ("HEAVY", "cost", "Cost")]);
    }

    [Fact]
    public void Load_ForEachOverAMapInFormat1_AsksForFormat2AtForEach()
    {
        const string inputs = """[ { "id": "x", "type": "map", "keys": "text", "of": "number", "label": { "fr": "x", "en": "x" } } ]""";
        const string rules = """[ { "id": "R", "severity": "info", "forEach": "x", "when": "item.Value > 0", "message": { "fr": "r", "en": "r" } } ]""";

        Single(TestMethods.Method(inputs: inputs, rules: rules), DiagnosticCode.NeedsFormatVersion2).Pointer.ShouldBe("/rules/0/forEach");
    }

    [Fact]
    public void Load_InputCheckForEachOverAMap_Refused()
    {
        const string inputs = """[ { "id": "x", "type": "map", "keys": "text", "of": "number", "label": { "fr": "x", "en": "x" } } ]""";
        const string rules = """[ { "id": "R", "severity": "error", "forEach": "x", "when": "item.Value > 0", "message": { "fr": "r", "en": "r" } } ]""";

        var d = Single(TestMethods.Method(inputs: inputs, rules: rules, formatVersion: 2), DiagnosticCode.InvalidTypeDeclaration);
        d.Pointer.ShouldBe("/rules/0/forEach");
    }

    [Fact]
    public void Compile_NumberIndicatorDividingTwoIntegers_WarnsAtTheDivision()
    {
        const string inputs = """[ { "id": "a", "type": "integer", "label": { "fr": "a", "en": "a" } }, { "id": "b", "type": "integer", "label": { "fr": "b", "en": "b" } } ]""";
        var text = TestMethods.Method(inputs: inputs, indicators: TestMethods.IndicatorOnOwnLines("q", "number", "a / b"), results: """["q"]""");
        var result = TestMethods.Compile(text);

        result.Success.ShouldBeTrue();
        var warning = result.Diagnostics.ShouldHaveSingleItem();
        warning.Code.ShouldBe(DiagnosticCode.IntegerDivision);
        warning.Severity.ShouldBe(Severity.Warning);
        warning.Line.ShouldBe(TestMethods.FormulaLine);
        warning.Column.ShouldBe(TestMethods.FormulaColumn + 2); // "a / b": the '/' is the third character
        warning.Message.ShouldContain("(in indicator 'q')");

        // 7 / 2 is 3 indeed: the warning is about what the engine computes.
        using var method = result.Method!;
        TestMethods.Evaluate(method, """{ "a": 7, "b": 2 }""").Results[0].Value.ShouldBe(3.0);
    }

    [Theory]
    [InlineData("(double)a / b")]
    [InlineData("a / 2.0")]
    public void Compile_DivisionWithADoubleOperand_NoWarning(string formula)
    {
        const string inputs = """[ { "id": "a", "type": "integer", "label": { "fr": "a", "en": "a" } }, { "id": "b", "type": "integer", "label": { "fr": "b", "en": "b" } } ]""";
        TestMethods.Compile(TestMethods.Method(inputs: inputs, indicators: TestMethods.IndicatorOnOwnLines("q", "number", formula), results: """["q"]""")).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Compile_IntegerIndicatorDividingIntegers_NoWarning()
    {
        const string inputs = """[ { "id": "a", "type": "integer", "label": { "fr": "a", "en": "a" } } ]""";
        TestMethods.Compile(TestMethods.Method(inputs: inputs, indicators: TestMethods.IndicatorOnOwnLines("q", "integer", "a / 2"), results: """["q"]""")).Diagnostics.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(2, Severity.Error)]
    [InlineData(1, Severity.Warning)]
    public void Compile_MisspeltLiteralKeyOfAMapParameter_LocatedWithASuggestion(int formatVersion, Severity severity)
    {
        const string parameters = """[ { "id": "w", "type": "map", "keys": "text", "of": "number", "value": { "obsolescence": 2, "energy": 1 }, "source": "test" } ]""";
        var text = TestMethods.Method(parameters: parameters, indicators: TestMethods.IndicatorOnOwnLines("q", "number", "x * w[\"obsolescense\"]"), results: """["q"]""", formatVersion: formatVersion);
        var result = TestMethods.Compile(text);

        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.UnknownParameterKey);
        d.Severity.ShouldBe(severity);
        d.Line.ShouldBe(TestMethods.FormulaLine + 1); // the parameters member adds one line
        d.Column.ShouldBe(TestMethods.FormulaColumn + 6); // x * w[ is six characters; the literal's quote is escaped as \" (two columns, one character)
        d.Message.ShouldContain("'obsolescense' is not a key of map parameter 'w' (keys: obsolescence, energy); did you mean 'obsolescence'?");
    }

    [Fact]
    public void Compile_ExistingLiteralKeyOfAMapParameter_NoDiagnostic()
    {
        const string parameters = """[ { "id": "w", "type": "map", "keys": "text", "of": "number", "value": { "obsolescence": 2 }, "source": "test" } ]""";
        TestMethods.Compile(TestMethods.Method(parameters: parameters, indicators: TestMethods.IndicatorOnOwnLines("q", "number", "x * w[\"obsolescence\"]"), results: """["q"]"""))
            .Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_SeriesInputAndSeriesIndicator_BothOfferCountLengthAndIndexing()
    {
        // s = [1, 2, 4]: doubled = [2, 4, 8]; lengths and counts 3 + 3 + 3 + 3 = 12, doubled[2] = 8, Σs = 7: 27.
        const string inputs = """[ { "id": "n", "type": "integer", "label": { "fr": "n", "en": "n" } }, { "id": "s", "type": "series", "length": "n", "label": { "fr": "s", "en": "s" } } ]""";
        var indicators = "[" + TestMethods.Indicator("doubled", "series", TestMethods.Quote("s.Select(v => v * 2).ToArray()")) + ", "
            + TestMethods.Indicator("total", "number", TestMethods.Quote("s.Length + s.Count + doubled.Length + doubled.Count + doubled[2] + s.Sum()")) + "]";
        using var method = TestMethods.Compiled(TestMethods.Method(inputs: inputs, indicators: indicators, results: """["doubled", "total"]"""));

        var result = TestMethods.Evaluate(method, """{ "n": 3, "s": [1, 2, 4] }""");

        result.Diagnostics.ShouldBeEmpty();
        result.Results[0].Value.ShouldBeAssignableTo<IEnumerable<double>>()!.ShouldBe([2.0, 4.0, 8.0]);
        result.Results[1].Value.ShouldBe(27.0);
    }

    [Theory]
    [InlineData("Scales.level.GetType().Name.Length")]
    [InlineData("Scales.GetType().Name.Length")]
    public void Compile_ReflectionThroughScales_Refused(string formula)
    {
        const string scales = """{ "level": { "min": 1, "max": 4, "levels": {} } }""";
        var result = TestMethods.Compile(TestMethods.Method(scales: scales, indicators: TestMethods.IndicatorOnOwnLines("t", "integer", formula), results: """["t"]""", formatVersion: 2));

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.ForbiddenMember && d.Line == TestMethods.FormulaLine + 1); // the scales member adds a line
    }
}
