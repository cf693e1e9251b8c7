using RseRules.Core.Diagnostics;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Validation;

/// <summary>The semantic checks of <c>MethodValidator</c>, run through <see cref="MethodLoader.Load(Json.JsonSource, List{Diagnostic}?)"/>.</summary>
public class MethodValidatorTests
{
    private static string Input(string id, string type, string extra = "") =>
        $$"""{ "id": "{{id}}", "type": "{{type}}", {{extra}}"label": { "fr": "{{id}}", "en": "{{id}}" } }""";

    private static string Inputs(params string[] inputs) => "[\n    " + string.Join(",\n    ", inputs) + "\n  ]";

    private static Diagnostic SingleError(string text, DiagnosticCode code)
    {
        var loaded = TestMethods.Load(text);
        loaded.Value.ShouldBeNull();
        var error = loaded.Diagnostics.ShouldHaveSingleItem(string.Join("\n", loaded.Diagnostics));
        error.Code.ShouldBe(code);
        error.Severity.ShouldBe(Severity.Error);
        return error;
    }

    [Theory]
    [InlineData("\"min\": 1e308, ", "/inputs/0/min")]
    [InlineData("\"max\": -8e28, ", "/inputs/0/max")]
    public void Load_BoundBeyondWhatTheInputSchemaHolds_Rse3003AtTheBound(string bound, string pointer)
    {
        // Regression (CLI property tests): the generated input schema could not be loaded (bounds are decimals in
        // NJsonSchema) and `rse evaluate` threw JsonReaderException.
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number", bound)));

        var error = SingleError(text, DiagnosticCode.InvalidTypeDeclaration);

        error.Pointer.ShouldBe(pointer);
        error.Message.ShouldContain("is out of range: bounds lie within ±7.9e28");
    }

    [Fact]
    public void Load_BoundsWithinWhatTheInputSchemaHolds_Valid()
    {
        var loaded = TestMethods.Load(TestMethods.Method(inputs: Inputs(Input("x", "number", "\"min\": -7.9e28, \"max\": 7.9e28, "))));

        loaded.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Load_SeriesLengthNamingAMissingInput_Rse3002AtLength()
    {
        var text = TestMethods.Method(inputs: Inputs(Input("flows", "series", "\"length\": \"years\", ")), results: "[\"flows\"]");

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/0/length");
    }

    [Fact]
    public void Load_SeriesLengthNamingANumber_Rse3002AtLength()
    {
        var text = TestMethods.Method(
            inputs: Inputs(Input("years", "number"), Input("flows", "series", "\"length\": \"years\", ")),
            results: "[\"flows\"]");

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/1/length");
    }

    [Fact]
    public void Load_RefToANonCollection_Rse3002AtRef()
    {
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number"), Input("main", "text", "\"ref\": \"x\", ")));

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/1/ref");
    }

    [Fact]
    public void Load_RefToNothing_Rse3002AtRef()
    {
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number"), Input("main", "text", "\"ref\": \"nothing\", ")));

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/1/ref");
    }

    [Fact]
    public void Load_MapKeysUnknown_Rse3002AtKeys()
    {
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number"), Input("m", "map", "\"keys\": \"nothing\", \"of\": \"number\", ")));

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/1/keys");
    }

    [Fact]
    public void Load_MapKeysNamingACollectionWithoutKey_Rse3002AtKeys()
    {
        var collection = Input("items", "collection", "\"fields\": [ { \"id\": \"code\", \"type\": \"text\" } ], ");
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number"), collection, Input("m", "map", "\"keys\": \"items\", \"of\": \"number\", ")));

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/2/keys");
    }

    [Fact]
    public void Load_CollectionKeyNotAField_Rse3002AtKey()
    {
        var collection = Input("items", "collection", "\"key\": \"id\", \"fields\": [ { \"id\": \"code\", \"type\": \"text\" } ], ");
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number"), collection));

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/1/key");
    }

    [Fact]
    public void Load_ScaleNotDeclared_Rse3002AtScale()
    {
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number"), Input("level", "scale", "\"scale\": \"nothing\", ")));

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/inputs/1/scale");
    }

    [Fact]
    public void Load_ResultNamingNothing_Rse3002AtTheResultWithLineAndColumn()
    {
        var text = TestMethods.Method(results: "[\"x\", \"nope\"]");

        var error = SingleError(text, DiagnosticCode.UnknownReference);

        // Lines: 1 {, 2 formatVersion, 3 id, 4 version, 5 title, 6 inputs, 7 results.
        // `  "results": ["x", ` is 19 characters: "nope" starts at col 20.
        error.Pointer.ShouldBe("/results/1");
        (error.Line, error.Column).ShouldBe((7, 20));
    }

    [Fact]
    public void Load_RenamedResultFromNothing_Rse3002AtTheResult()
    {
        var text = TestMethods.Method(results: """["x", { "id": "y", "from": "nope" }]""");

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/results/1");
    }

    [Fact]
    public void Load_RenamedResult_ExposesTheValueUnderItsId()
    {
        var method = TestMethods.Valid(TestMethods.Method(results: """["x", { "id": "y", "from": "x" }]"""));

        method.Results.Select(r => (r.Id, r.From)).ShouldBe([("x", "x"), ("y", "x")]);
    }

    [Fact]
    public void Load_ForEachNotACollection_Rse3002AtForEach()
    {
        var text = TestMethods.Method(rules: """[ { "id": "R", "severity": "warning", "forEach": "x", "when": "true", "message": { "fr": "m", "en": "m" } } ]""");

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/rules/0/forEach");
    }

    [Fact]
    public void Load_ForEachNamingNothing_Rse3002AtForEach()
    {
        var text = TestMethods.Method(rules: """[ { "id": "R", "severity": "warning", "forEach": "nothing", "when": "true", "message": { "fr": "m", "en": "m" } } ]""");

        SingleError(text, DiagnosticCode.UnknownReference).Pointer.ShouldBe("/rules/0/forEach");
    }

    [Fact]
    public void Load_SeveralUnknownReferences_ReportsEachOne()
    {
        var text = TestMethods.Method(
            inputs: Inputs(Input("x", "number"), Input("flows", "series", "\"length\": \"years\", "), Input("main", "text", "\"ref\": \"x\", ")),
            results: "[\"x\", \"nope\"]");

        var loaded = TestMethods.Load(text);

        loaded.Value.ShouldBeNull();
        loaded.Diagnostics.Select(d => (d.Code, d.Pointer)).ShouldBe(
            [
                (DiagnosticCode.UnknownReference, "/inputs/1/length"),
                (DiagnosticCode.UnknownReference, "/inputs/2/ref"),
                (DiagnosticCode.UnknownReference, "/results/1"),
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Load_IdSharedByInputAndIndicator_Rse3001AtTheSecond()
    {
        var text = TestMethods.Method(indicators: "[ " + TestMethods.Indicator("x", "number", "\"1.0\"") + " ]");

        SingleError(text, DiagnosticCode.DuplicateId).Pointer.ShouldBe("/indicators/0/id");
    }

    [Theory]
    [InlineData("class")]
    [InlineData("__hidden")]
    [InlineData("PV")]
    [InlineData("item")]
    public void Load_IdentifierFormulasCannotUse_Rse3005(string id)
    {
        var text = TestMethods.Method(inputs: Inputs(Input(id, "number")), results: $"[\"{id}\"]");

        SingleError(text, DiagnosticCode.InvalidIdentifier).Pointer.ShouldBe("/inputs/0/id");
    }

    [Fact]
    public void Load_ParameterValueOfTheWrongType_Rse3007AtValue()
    {
        var text = TestMethods.Method(parameters: """[ { "id": "rate", "type": "number", "value": "ten", "source": "s" } ]""");

        SingleError(text, DiagnosticCode.InvalidParameterValue).Pointer.ShouldBe("/parameters/0/value");
    }

    [Fact]
    public void Load_ParameterSourceInTwoLanguages_KeepsEachLanguage()
    {
        var text = TestMethods.Method(parameters: """[ { "id": "rate", "type": "number", "value": 0.1, "source": { "fr": "Étude interne, échelle 0..4", "en": "Internal study, 0..4 scale" } } ]""");

        var source = TestMethods.Valid(text).Parameters.Single(p => p.Id == "rate").Source;

        source.In("fr").ShouldBe("Étude interne, échelle 0..4");
        source.In("en").ShouldBe("Internal study, 0..4 scale");
    }

    [Fact]
    public void Load_ParameterSourceAsOneText_SameInBothLanguages()
    {
        var text = TestMethods.Method(parameters: """[ { "id": "rate", "type": "number", "value": 0.1, "source": "NORM §4" } ]""");

        TestMethods.Valid(text).Parameters.Single(p => p.Id == "rate").Source.ShouldBe(new LocalizedText("NORM §4", "NORM §4"));
    }

    [Theory]
    [InlineData("""{ "fr": "Étude interne" }""")]
    [InlineData("""{ "fr": "", "en": "" }""")]
    [InlineData("\"\"")]
    [InlineData("42")]
    public void Load_ParameterSourceMalformed_SchemaErrorAtTheSource(string source)
    {
        var text = TestMethods.Method(parameters: $$"""[ { "id": "rate", "type": "number", "value": 0.1, "source": {{source}} } ]""");

        var loaded = TestMethods.Load(text);

        loaded.Value.ShouldBeNull();
        loaded.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.MethodSchema && (d.Pointer ?? string.Empty).StartsWith("/parameters/0/source", StringComparison.Ordinal), string.Join("\n", loaded.Diagnostics));
    }

    [Fact]
    public void Load_RequiredInputWithDefault_Rse3007AtDefault()
    {
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number", "\"default\": 1, ")));

        SingleError(text, DiagnosticCode.InvalidParameterValue).Pointer.ShouldBe("/inputs/0/default");
    }

    [Fact]
    public void Load_SeriesInputWithoutLength_Rse3003AtLength()
    {
        var text = TestMethods.Method(inputs: Inputs(Input("x", "number"), Input("flows", "series")));

        SingleError(text, DiagnosticCode.InvalidTypeDeclaration).Pointer.ShouldBe("/inputs/1/length");
    }

    [Fact]
    public void Load_AllTypesFixture_IsValid()
    {
        var loaded = MethodLoader.Load(AllTypesFixture.MethodPath);

        loaded.Diagnostics.ShouldBeEmpty();
        var method = loaded.Value.ShouldNotBeNull();
        method.Inputs.Select(i => i.Type.Kind).Distinct().Count().ShouldBe(11);
        method.Inputs.Select(i => i.Type.Kind).ShouldNotContain(TypeKind.Localized);
    }
}
