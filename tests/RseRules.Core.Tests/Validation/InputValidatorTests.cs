using RseRules.Core.Diagnostics;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Validation;

/// <summary>
/// Input documents of the all-types test method. <see cref="Valid"/> is TestData/all-types/inputs.json; each test
/// changes one line of it, so that line numbers stay those of the file:
/// 1 {, 2 years, 3 rate, 4 name, 5 sector, 6 maturity, 7 flows, 8 tags, 9 contact, 10 "stakes": [, 11 S1, 12 S2,
/// 13 ], 14 levels, 15 mainStake, 16 }.
/// </summary>
public class InputValidatorTests
{
    private static readonly MethodDefinition Method = MethodLoader.Load(AllTypesFixture.MethodPath).Value!;

    private static string Valid => File.ReadAllText(AllTypesFixture.InputsPath);

    private static LoadResult<InputDocument> Validate(string text) =>
        InputValidator.Validate(Method, TestMethods.Json(text, "inputs.json"));

    private static string Change(string from, string to)
    {
        Valid.ShouldContain(from);
        return Valid.Replace(from, to, StringComparison.Ordinal);
    }

    private static Diagnostic SingleError(string text, DiagnosticCode code)
    {
        var result = Validate(text);
        result.Value.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        error.Code.ShouldBe(code);
        error.Severity.ShouldBe(Severity.Error);
        error.File.ShouldBe("inputs.json");
        return error;
    }

    [Fact]
    public void Validate_FixtureInputs_Valid()
    {
        var result = Validate(Valid);

        result.Diagnostics.ShouldBeEmpty();
        result.Value.ShouldNotBeNull().Sha256.Length.ShouldBe(64);
    }

    [Fact]
    public void Validate_SeriesOfTheWrongLength_Rse5002AtTheSeries()
    {
        // years 2 + lengthOffset 1 = 3 values expected, 2 given. `  "flows": ` is 11 characters: '[' at col 12.
        var error = SingleError(Change("[-100, 60, 66]", "[-100, 60]"), DiagnosticCode.SeriesLength);

        error.CodeText.ShouldBe("RSE5002");
        error.Pointer.ShouldBe("/flows");
        (error.Line, error.Column).ShouldBe((7, 12));
    }

    [Fact]
    public void Validate_SeriesLengthFollowsTheInteger_LongerHorizonNeedsMoreValues()
    {
        // years 3 + 1 = 4 values: the same three flows are now one short.
        SingleError(Change("\"years\": 2", "\"years\": 3"), DiagnosticCode.SeriesLength).Pointer.ShouldBe("/flows");
        Validate(Change("\"years\": 2", "\"years\": 3").Replace("[-100, 60, 66]", "[-100, 60, 66, 0]", StringComparison.Ordinal)).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_RefToUnknownItem_Rse5003AtTheText()
    {
        // `  "mainStake": ` is 15 characters: the value at col 16.
        var error = SingleError(Change("\"mainStake\": \"S2\"", "\"mainStake\": \"S9\""), DiagnosticCode.UnknownInputReference);

        error.Pointer.ShouldBe("/mainStake");
        (error.Line, error.Column).ShouldBe((15, 16));
    }

    [Fact]
    public void Validate_DuplicateCollectionKey_Rse5004AtTheSecondKey()
    {
        // `    { "code": ` is 14 characters: the second "S1" at col 15 of line 12.
        var text = Change("{ \"code\": \"S2\"", "{ \"code\": \"S1\"").Replace("\"mainStake\": \"S2\"", "\"mainStake\": \"S1\"", StringComparison.Ordinal);
        var error = SingleError(text, DiagnosticCode.DuplicateKey);

        error.Pointer.ShouldBe("/stakes/1/code");
        (error.Line, error.Column).ShouldBe((12, 15));
    }

    [Fact]
    public void Validate_UnknownMapKey_Rse5005AtTheKey()
    {
        // `  "levels": { "S1": 4, ` is 23 characters: the key "S9" at col 24.
        var error = SingleError(Change("{ \"S1\": 4 }", "{ \"S1\": 4, \"S9\": 1 }"), DiagnosticCode.UnknownMapKey);

        error.Pointer.ShouldBe("/levels/S9");
        (error.Line, error.Column).ShouldBe((14, 24));
    }

    [Fact]
    public void Validate_MissingRequiredInput_Rse5001AtTheRoot()
    {
        var error = SingleError(Change("  \"rate\": 0.1,\n", string.Empty), DiagnosticCode.InputSchema);

        error.CodeText.ShouldBe("RSE5001");
        error.Pointer.ShouldBe(string.Empty);
        (error.Line, error.Column).ShouldBe((1, 1));
    }

    [Fact]
    public void Validate_MissingRequiredField_Rse5001AtTheItem()
    {
        // `    ` then the item's '{' at col 5 of line 12.
        var error = SingleError(Change("{ \"code\": \"S2\", \"weight\": 40 }", "{ \"code\": \"S2\" }"), DiagnosticCode.InputSchema);

        error.Pointer.ShouldBe("/stakes/1");
        (error.Line, error.Column).ShouldBe((12, 5));
    }

    [Fact]
    public void Validate_WrongType_Rse5001AtTheValue()
    {
        // `  "years": ` is 11 characters: the value at col 12.
        var error = SingleError(Change("\"years\": 2", "\"years\": \"two\""), DiagnosticCode.InputSchema);

        error.Pointer.ShouldBe("/years");
        (error.Line, error.Column).ShouldBe((2, 12));
    }

    [Fact]
    public void Validate_IntegerAboveMaximum_Rse5001AtTheValue()
    {
        var error = SingleError(Change("\"years\": 2", "\"years\": 11"), DiagnosticCode.InputSchema);

        error.Pointer.ShouldBe("/years");
        (error.Line, error.Column).ShouldBe((2, 12));
    }

    [Fact]
    public void Validate_FieldBelowMinimum_Rse5001AtTheField()
    {
        // `    { "code": "S2", "weight": ` is 30 characters: -1 at col 31 of line 12.
        var error = SingleError(Change("\"weight\": 40", "\"weight\": -1"), DiagnosticCode.InputSchema);

        error.Pointer.ShouldBe("/stakes/1/weight");
        (error.Line, error.Column).ShouldBe((12, 31));
    }

    [Theory]
    [InlineData("\"maturity\": 3", "\"maturity\": 5", "/maturity")]
    [InlineData("\"maturity\": 3", "\"maturity\": 2.5", "/maturity")]
    [InlineData("\"sector\": \"services\"", "\"sector\": \"farming\"", "/sector")]
    [InlineData("\"name\": \"Acme\"", "\"name\": \"A name of more than twenty\"", "/name")]
    [InlineData("\"ccc\"", "\"cccccc\"", "/tags/2")]
    [InlineData("\"rate\": 0.1", "\"rate\": 1.5", "/rate")]
    [InlineData("\"stakes\": [", "\"stakes\": 3, \"unused\": [", "/stakes")]
    [InlineData("\"levels\": { \"S1\": 4 }", "\"levels\": { \"S1\": 9 }", "/levels/S1")]
    public void Validate_SchemaViolation_Rse5001AtThePointer(string from, string to, string pointer)
    {
        var result = Validate(Change(from, to));

        result.Value.ShouldBeNull();
        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.InputSchema && d.Pointer == pointer, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Validate_UnknownProperty_Rse5001AtItsName()
    {
        var error = SingleError(Change("  \"years\": 2,\n", "  \"years\": 2,\n  \"colour\": \"blue\",\n"), DiagnosticCode.InputSchema);

        error.Pointer.ShouldBe("/colour");
        (error.Line, error.Column).ShouldBe((3, 3));
    }

    [Fact]
    public void Validate_UnknownFieldInRecord_Rse5001AtItsName()
    {
        // `  "contact": { "name": "Ann", ` is 30 characters: "mobile" at col 31.
        var error = SingleError(Change("{ \"name\": \"Ann\" }", "{ \"name\": \"Ann\", \"mobile\": \"1\" }"), DiagnosticCode.InputSchema);

        error.Pointer.ShouldBe("/contact/mobile");
        (error.Line, error.Column).ShouldBe((9, 31));
    }

    [Fact]
    public void Validate_SeveralSchemaErrors_ReportsThemAllInDocumentOrder()
    {
        var result = Validate(Change("\"years\": 2", "\"years\": 0").Replace("\"maturity\": 3", "\"maturity\": -1", StringComparison.Ordinal));

        result.Diagnostics.Select(d => (d.Code, d.Pointer, d.Line)).ShouldBe(
            [(DiagnosticCode.InputSchema, "/years", 2), (DiagnosticCode.InputSchema, "/maturity", 6)]);
    }

    [Fact]
    public void Validate_SchemaError_ChecksThatDependOnTheRefusedValueDoNotRun()
    {
        // The series is also too short for years = 2, but years is refused (not an integer): its length is not checked.
        var result = Validate(Change("\"years\": 2", "\"years\": 2.5").Replace("[-100, 60, 66]", "[-100]", StringComparison.Ordinal));

        result.Diagnostics.ShouldAllBe(d => d.Code == DiagnosticCode.InputSchema);
    }

    [Fact]
    public void Validate_DocumentNotAnObject_Rse5001AtTheRoot()
    {
        var result = Validate("[1, 2]");

        // The type error alone: NJsonSchema's "required property missing" for each required input of a non-object is dropped.
        result.Value.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        (error.Code, error.Pointer, error.Line, error.Column).ShouldBe((DiagnosticCode.InputSchema, string.Empty, 1, 1));
        error.Message.ShouldBe("Object expected: found an array.");
    }

    [Fact]
    public void Validate_OptionalInputsAndFields_DefaultsAppliedNullsOtherwise()
    {
        var values = Validate(Valid).Value.ShouldNotBeNull().Values;

        // Top level: isPublic absent with default true; discount absent without default.
        values["isPublic"].ShouldBe(true);
        values["discount"].ShouldBeNull();

        // Record: email absent without default, phone absent with default "n/a".
        var contact = values["contact"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();
        contact["name"].ShouldBe("Ann");
        contact["email"].ShouldBeNull();
        contact["phone"].ShouldBe("n/a");

        // Collection items: S1 gives bonus 2 and note "core"; S2 gets the default bonus 1.5 and no note.
        var stakes = values["stakes"].ShouldBeOfType<object?[]>();
        var s1 = stakes[0].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();
        var s2 = stakes[1].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();
        s1["bonus"].ShouldBe(2L);
        s1["note"].ShouldBe("core");
        s2["bonus"].ShouldBe(1.5);
        s2["note"].ShouldBeNull();
    }

    [Fact]
    public void Validate_MapKeyedByCollectionWithDefault_IsCompleteInCollectionOrder()
    {
        // levels gives S1 only; S2 is added with the default 2.
        var levels = Validate(Valid).Value.ShouldNotBeNull().Values["levels"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();

        levels.Keys.ShouldBe(["S1", "S2"]);
        levels["S1"].ShouldBe(4L);
        levels["S2"].ShouldBe(2L);
    }

    [Fact]
    public void Validate_MapWithDefaultAbsent_OptionalAndEveryKeyTakesTheDefault()
    {
        // A map with a default (and no "required") is optional: absent, it is complete at the default (2) for S1 and S2.
        var result = Validate(Change("  \"levels\": { \"S1\": 4 },\n", string.Empty));

        result.Diagnostics.ShouldBeEmpty();
        var levels = result.Value.ShouldNotBeNull().Values["levels"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();
        levels.Keys.ShouldBe(["S1", "S2"]);
        levels.Values.ShouldAllBe(v => Equals(v, 2L));
    }

    [Fact]
    public void Validate_MapWithDefaultDeclaredRequiredAbsent_Rse5001AtTheRoot()
    {
        var method = MethodLoader.Load(TestMethods.Json(File.ReadAllText(AllTypesFixture.MethodPath)
            .Replace("\"id\": \"levels\",", "\"id\": \"levels\", \"required\": true,", StringComparison.Ordinal), AllTypesFixture.MethodPath)).Value.ShouldNotBeNull();
        method.Inputs.Single(i => i.Id == "levels").Required.ShouldBeTrue();

        var result = InputValidator.Validate(method, TestMethods.Json(Change("  \"levels\": { \"S1\": 4 },\n", string.Empty), "inputs.json"));

        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.InputSchema);
        result.Diagnostics[0].Pointer.ShouldBe(string.Empty);
    }

    [Fact]
    public void Validate_EmptyMapWithDefault_EveryKeyTakesTheDefault()
    {
        var levels = Validate(Change("{ \"S1\": 4 }", "{}")).Value.ShouldNotBeNull().Values["levels"]
            .ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();

        levels.Keys.ShouldBe(["S1", "S2"]);
        levels.Values.ShouldAllBe(v => Equals(v, 2L));
    }

    [Fact]
    public void Validate_MapGivenInAnotherOrder_FollowsTheCollectionOrder()
    {
        var levels = Validate(Change("{ \"S1\": 4 }", "{ \"S2\": 1, \"S1\": 4 }")).Value.ShouldNotBeNull().Values["levels"]
            .ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>().ShouldNotBeNull();

        levels.Keys.ShouldBe(["S1", "S2"]);
        levels["S1"].ShouldBe(4L);
        levels["S2"].ShouldBe(1L);
    }

    [Fact]
    public void Load_InvalidJsonFile_Rse1001WithLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), "rse-inputs-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{\n  \"years\": 2,\n  \"rate\": .1\n}\n");
        try
        {
            var result = InputValidator.Load(Method, path, "inputs.json");

            result.Value.ShouldBeNull();
            var error = result.Diagnostics.ShouldHaveSingleItem();
            error.Code.ShouldBe(DiagnosticCode.JsonSyntax);
            error.File.ShouldBe("inputs.json");

            // `  "rate": ` is 10 characters: ".1" at col 11 of line 3.
            (error.Line, error.Column).ShouldBe((3, 11));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("S.1", "/levels/S.1")]
    [InlineData("S/1", "/levels/S~11")]
    [InlineData("S~1", "/levels/S~01")]
    [InlineData("S[1]", "/levels/S[1]")]
    [InlineData("S'1", "/levels/S'1")]
    [InlineData("S 1", "/levels/S 1")]
    [InlineData("S']1", "/levels/S']1")]
    [InlineData("S\\1", "/levels/S\\1")]
    [InlineData("S\"1", "/levels/S\"1")]
    public void Validate_SchemaErrorUnderAKeyWithPunctuation_PointerNamesTheKey(string code, string pointer)
    {
        // The stake code is also the map key; level 9 is above the scale's maximum 4.
        var text = Change("{ \"code\": \"S1\"", "{ \"code\": " + TestMethods.Quote(code))
            .Replace("{ \"S1\": 4 }", "{ " + TestMethods.Quote(code) + ": 9 }", StringComparison.Ordinal);

        var error = SingleError(text, DiagnosticCode.InputSchema);

        error.Pointer.ShouldBe(pointer);
        error.Line.ShouldBe(14);
    }
}
