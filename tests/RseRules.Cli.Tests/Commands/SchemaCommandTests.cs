using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// <c>rse schema --method M</c>: the JSON Schema of the method's input documents, checked here with NJsonSchema as a
/// plain JSON Schema validator (as an editor would use it), not through the engine.
/// </summary>
public class SchemaCommandTests
{
    [Fact]
    public async Task Schema_LoanMethod_TheExampleValidates()
    {
        var schema = await LoanSchema();

        schema.Validate(await File.ReadAllTextAsync(Repo.LoanExample)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Schema_LoanMethod_EveryInlineTestInputOfASuccessCaseValidates()
    {
        var schema = await LoanSchema();
        var checkedCases = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.LoanMethodDir, "tests"), "*.json"))
        {
            var test = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            if (test["inputs"] is JsonObject inputs && test["expectedErrors"] is null)
            {
                schema.Validate(inputs.ToJsonString()).ShouldBeEmpty(Path.GetFileName(file));
                checkedCases++;
            }
        }

        checkedCases.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Schema_LoanMethod_RejectsABrokenDocumentAtEachFault()
    {
        var schema = await LoanSchema();

        var errors = Flatten(schema.Validate(await File.ReadAllTextAsync(Path.Combine(Repo.TestData, "inputs", "schema-violation.json"))));

        var found = errors.Select(e => (e.Kind, e.Property)).ToArray();
        found.ShouldContain((ValidationErrorKind.PropertyRequired, "discountRate"));
        found.ShouldContain((ValidationErrorKind.NumberTooSmall, "horizonYears"));
        // downPayment may also be a distribution (anyOf): the bound error sits in the number branch, found by its path.
        errors.ShouldContain(e => e.Kind == ValidationErrorKind.NumberTooSmall && e.Path == "#/downPayment");
        found.ShouldContain((ValidationErrorKind.NotInEnumeration, "preference"));
        found.ShouldContain((ValidationErrorKind.NoAdditionalPropertiesAllowed, "colour"));
        errors.ShouldContain(e => e.Kind == ValidationErrorKind.NumberExpected && e.Path!.Contains("leasePayments", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("horizonYears", "31")]
    [InlineData("horizonYears", "2.5")]
    [InlineData("loanRate", "1.5")]
    [InlineData("preference", "\"buy\"")]
    [InlineData("unexpected", "true")]
    public async Task Schema_LoanMethod_RejectsAnOutOfRangeValue(string property, string json)
    {
        var schema = await LoanSchema();
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Repo.LoanExample))!;
        doc[property] = JsonNode.Parse(json);

        schema.Validate(doc.ToJsonString()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Schema_LoanMethod_OptionalInputMayBeOmitted()
    {
        var schema = await LoanSchema();
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Repo.LoanExample))!.AsObject();
        doc.Remove("leaseUpfrontFee").ShouldBeTrue();
        doc["maintenance"]![0]!.AsObject().Remove("escalation").ShouldBeTrue();

        schema.Validate(doc.ToJsonString()).ShouldBeEmpty();
    }

    [Fact]
    public void Schema_LoanMethod_DeclaresEveryInputWithItsBounds()
    {
        using var method = IndependentJson.ParseFile(Path.Combine(Repo.LoanMethodDir, "method.json"));
        var inputs = method.RootElement.GetProperty("inputs").EnumerateArray().ToArray();

        var r = Rse.Run("schema", "--method", Repo.LoanMethodDir);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        using var schema = JsonDocument.Parse(r.Stdout);
        var root = schema.RootElement;
        root.GetProperty("title").GetString().ShouldBe("loan-vs-lease@1.0.0 inputs");
        root.GetProperty("additionalProperties").GetBoolean().ShouldBeFalse();
        root.GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["$schema", .. inputs.Select(i => i.GetProperty("id").GetString()!)]);
        root.GetProperty("required").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(inputs.Where(i => !i.TryGetProperty("required", out var req) || req.GetBoolean()).Select(i => i.GetProperty("id").GetString()));
        var horizon = root.GetProperty("properties").GetProperty("horizonYears");
        horizon.GetProperty("type").GetString().ShouldBe("integer");
        horizon.GetProperty("minimum").GetDouble().ShouldBe(1);
        horizon.GetProperty("maximum").GetDouble().ShouldBe(30);
    }

    [Fact]
    public void Schema_OutOption_WritesWhatStdoutWouldShow()
    {
        using var temp = new TempFolder();
        var target = temp.File("inputs.schema.json");

        var toFile = Rse.Run("schema", "--method", Repo.LoanMethodDir, "--out", target);
        var toStdout = Rse.Run("schema", "--method", Repo.LoanMethodDir);

        toFile.ExitCode.ShouldBe(ExitCodes.Success, toFile.ToString());
        toFile.Stdout.ShouldNotContain("\"$schema\"");
        File.ReadAllText(target).ShouldBe(toStdout.Stdout);
        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["inputs.schema.json"]);
    }

    [Fact]
    public async Task Schema_LoanMethod_AcceptsDistributionsButNotForTheSeriesLength()
    {
        var schema = await LoanSchema();
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Repo.LoanExample))!;
        doc["loanRate"] = JsonNode.Parse("""{ "distribution": "triangular", "min": 0.03, "mode": 0.04, "max": 0.06 }""");
        doc["leasePayments"]![0] = JsonNode.Parse("""{ "distribution": "uniform", "min": 5000, "max": 7000 }""");

        schema.Validate(doc.ToJsonString()).ShouldBeEmpty();

        doc["loanRate"] = JsonNode.Parse("""{ "distribution": "triangular", "min": 0.03, "max": 0.06 }""");
        schema.Validate(doc.ToJsonString()).ShouldNotBeEmpty();
        doc["loanRate"] = 0.04;
        doc["horizonYears"] = JsonNode.Parse("""{ "distribution": "uniform", "min": 4, "max": 6 }""");
        schema.Validate(doc.ToJsonString()).ShouldNotBeEmpty();
    }

    [Fact]
    public void Schema_BrokenMethod_ExitsWith1WithoutSchema()
    {
        var folder = Path.Combine(Repo.TestData, "broken", "schema-violation");

        var r = Rse.Run("schema", "--method", folder);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.StderrLines.Select(Located.Parse).ShouldAllBe(d => d.Code == "RSE2001");
    }

    /// <summary>The errors with those nested in array items and sub-schemas.</summary>
    private static List<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child
            ? [e, .. Flatten(child.Errors.SelectMany(kv => kv.Value))]
            : new[] { e }).ToList();

    private static async Task<JsonSchema> LoanSchema()
    {
        using var temp = new TempFolder();
        var target = temp.File("inputs.schema.json");
        var r = Rse.Run("schema", "--method", Repo.LoanMethodDir, "--out", target);
        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        return await JsonSchema.FromFileAsync(target);
    }
}
