using Newtonsoft.Json.Linq;
using RseRules.Core.Testing;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Testing;

public class MethodTestRunnerTests(AllTypesFixture fixture) : IClassFixture<AllTypesFixture>
{
    private static List<string> Compare(string expected, string actual, double tolerance = 1e-6)
    {
        var failures = new List<string>();
        MethodTestRunner.Compare(JToken.Parse(expected), JToken.Parse(actual), tolerance, "r", failures);
        return failures;
    }

    [Theory]
    [InlineData("1", "1.0000001")]
    [InlineData("1", "0.9999995")]
    [InlineData("1.5", "1.5")]
    [InlineData("100", "100")]
    public void Compare_NumbersWithinTolerance_NoFailure(string expected, string actual)
    {
        Compare(expected, actual).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1", "1.00001")]
    [InlineData("1", "0.99")]
    [InlineData("1", "\"1\"")]
    [InlineData("1", "null")]
    public void Compare_NumbersOutsideToleranceOrNotNumbers_OneFailure(string expected, string actual)
    {
        Compare(expected, actual).ShouldHaveSingleItem().ShouldStartWith("r: ");
    }

    [Fact]
    public void Compare_PartialObject_ComparesOnlyListedMembers()
    {
        Compare("""{ "$partial": { "a": 1 } }""", """{ "a": 1.0000001, "b": 2, "c": 3 }""").ShouldBeEmpty();
    }

    [Fact]
    public void Compare_PartialObjectWithWrongValue_NamesTheMember()
    {
        Compare("""{ "$partial": { "b": 5 } }""", """{ "a": 1, "b": 2 }""").ShouldHaveSingleItem().ShouldStartWith("r.b: expected 5");
    }

    [Fact]
    public void Compare_PartialObjectWithMissingMember_Fails()
    {
        Compare("""{ "$partial": { "z": 1 } }""", """{ "a": 1 }""").ShouldHaveSingleItem().ShouldBe("r.z: expected 1, missing");
    }

    [Fact]
    public void Compare_PartialItemsOfAList_EachComparedOnItsMembers()
    {
        Compare("""[ { "$partial": { "k": "a" } }, { "$partial": { "v": 2 } } ]""", """[ { "k": "a", "v": 1 }, { "k": "b", "v": 2 } ]""").ShouldBeEmpty();
        Compare("""[ { "$partial": { "k": "a" } }, { "$partial": { "v": 3 } } ]""", """[ { "k": "a", "v": 1 }, { "k": "b", "v": 2 } ]""")
            .ShouldHaveSingleItem().ShouldStartWith("r[1].v: expected 3");
    }

    [Fact]
    public void Compare_WholeObjectWithoutPartial_StillNeedsEveryMember()
    {
        Compare("""{ "a": 1 }""", """{ "a": 1, "b": 2 }""").ShouldHaveSingleItem().ShouldStartWith("r.b: not expected");
    }

    [Fact]
    public void Compare_CaseTolerance_Used()
    {
        Compare("1", "1.05", tolerance: 0.1).ShouldBeEmpty();
        Compare("1", "1.2", tolerance: 0.1).Count.ShouldBe(1);
    }

    [Fact]
    public void Compare_ValueWithOwnTolerance_OverridesTheCase()
    {
        Compare("""{ "value": 100, "tolerance": 0.5 }""", "100.4").ShouldBeEmpty();
        Compare("""{ "value": 100, "tolerance": 0.5 }""", "100.6").Count.ShouldBe(1);

        // A tight entry inside a loose case.
        Compare("""{ "value": 100, "tolerance": 0.001 }""", "100.01", tolerance: 1).Count.ShouldBe(1);
    }

    [Fact]
    public void Compare_ValueWithoutTolerance_UsesTheCaseTolerance()
    {
        Compare("""{ "value": 2 }""", "2.0000001").ShouldBeEmpty();
        Compare("""{ "value": 2 }""", "2.1").Count.ShouldBe(1);
    }

    [Fact]
    public void Compare_ObjectWithValueAndOtherMembers_IsAMapNotAWrapper()
    {
        // { value, unit } is a map of two entries: compared member by member.
        Compare("""{ "value": 1, "unit": "EUR" }""", """{ "value": 1, "unit": "EUR" }""").ShouldBeEmpty();
        Compare("""{ "value": 1, "unit": "EUR" }""", "1").Count.ShouldBe(1);
    }

    [Fact]
    public void Compare_Arrays_ElementByElementWithTolerance()
    {
        Compare("[1, 2, 3]", "[1.0000001, 2, 2.9999999]").ShouldBeEmpty();

        var failures = Compare("[1, 2, 3]", "[1, 2.5, 3]");
        failures.ShouldHaveSingleItem().ShouldStartWith("r[1]: ");
    }

    [Fact]
    public void Compare_ArraysOfDifferentLengths_OneFailure()
    {
        Compare("[1, 2]", "[1, 2, 3]").ShouldHaveSingleItem().ShouldStartWith("r: ");
    }

    [Fact]
    public void Compare_ArrayElementWithOwnTolerance_Used()
    {
        Compare("""[1, { "value": 2, "tolerance": 0.5 }]""", "[1, 2.4]").ShouldBeEmpty();
    }

    [Fact]
    public void Compare_Maps_SameKeysValuesWithTolerance()
    {
        Compare("""{ "S1": 4, "S2": 2 }""", """{ "S2": 2.0000001, "S1": 4 }""").ShouldBeEmpty();
    }

    [Fact]
    public void Compare_MapMissingAndExtraKeys_OneFailureEach()
    {
        var failures = Compare("""{ "S1": 4, "S2": 2 }""", """{ "S1": 4, "S3": 2 }""");

        failures.Count.ShouldBe(2);
        failures.ShouldContain(f => f.StartsWith("r.S2: ", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("r.S3: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_NestedMapValue_PathNamesIt()
    {
        Compare("""{ "a": { "b": [1, 2] } }""", """{ "a": { "b": [1, 3] } }""").ShouldHaveSingleItem().ShouldStartWith("r.a.b[1]: ");
    }

    [Theory]
    [InlineData("\"GO\"", "\"GO\"", 0)]
    [InlineData("\"GO\"", "\"NO GO\"", 1)]
    [InlineData("true", "true", 0)]
    [InlineData("true", "false", 1)]
    [InlineData("null", "null", 0)]
    [InlineData("null", "0", 1)]
    [InlineData("""{ "fr": "oui", "en": "yes" }""", """{ "fr": "oui", "en": "yes" }""", 0)]
    [InlineData("""{ "fr": "oui", "en": "yes" }""", """{ "fr": "oui", "en": "no" }""", 1)]
    public void Compare_NonNumbers_Exact(string expected, string actual, int failures)
    {
        Compare(expected, actual).Count.ShouldBe(failures);
    }

    [Fact]
    public void FindCases_AllTypes_TestFilesInNameOrder()
    {
        MethodTestRunner.FindCases(fixture.Method).Select(Path.GetFileName).ShouldBe(["duplicate-key.json", "example.json"]);
    }

    [Fact]
    public void Run_FixtureCases_Pass()
    {
        foreach (var path in MethodTestRunner.FindCases(fixture.Method))
        {
            var result = MethodTestRunner.Run(fixture.Method, path);
            result.Failures.ShouldBeEmpty(string.Join("\n", result.Failures));
            result.Passed.ShouldBeTrue();
        }
    }

    [Fact]
    public void Run_WrongExpectations_EachReported()
    {
        var path = Path.Combine(Path.GetTempPath(), "rse-case-" + Guid.NewGuid().ToString("N") + ".json");
        var inputs = File.ReadAllText(AllTypesFixture.InputsPath);

        // npv is 9.09, not 9.5; periods is 2 (exactly 2 ± 0.1); there is no IRR result; NOPE is never raised.
        File.WriteAllText(path, $$"""
            {
              "inputs": {{inputs}},
              "expected": { "npv": 9.5, "periods": { "value": 2.05, "tolerance": 0.1 }, "irr": 0.1 },
              "expectedFindings": ["LIGHT_STAKE", "NOPE"]
            }
            """);
        try
        {
            var result = MethodTestRunner.Run(fixture.Method, path);

            result.Passed.ShouldBeFalse();
            result.Failures.Count.ShouldBe(3);
            result.Failures.ShouldContain(f => f.StartsWith("npv: ", StringComparison.Ordinal));
            result.Failures.ShouldContain(f => f.StartsWith("irr: ", StringComparison.Ordinal));
            result.Failures.ShouldContain(f => f.Contains("NOPE", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_ExpectedErrorNotRaised_Fails()
    {
        var path = Path.Combine(Path.GetTempPath(), "rse-case-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, $$"""
            {
              "inputs": {{File.ReadAllText(AllTypesFixture.InputsPath)}},
              "expectedErrors": [ { "code": "RSE5002", "pointer": "/flows" } ]
            }
            """);
        try
        {
            MethodTestRunner.Run(fixture.Method, path).Failures.ShouldHaveSingleItem().ShouldContain("RSE5002");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_MalformedCase_Rse7001()
    {
        var path = Path.Combine(Path.GetTempPath(), "rse-case-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{ "expected": {} }""");
        try
        {
            MethodTestRunner.Run(fixture.Method, path).Failures.ShouldHaveSingleItem().ShouldContain("RSE7001");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
