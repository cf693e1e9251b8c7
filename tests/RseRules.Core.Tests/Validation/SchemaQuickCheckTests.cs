using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using RseRules.Core.Loading;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Validation;

/// <summary>
/// <see cref="SchemaQuickCheck"/> lets a document skip NJsonSchema's validator: it must never call valid a document
/// NJsonSchema refuses (soundness, for any schema), and for the input schemas the engine generates it must agree with
/// NJsonSchema exactly on documents without nulls (or the fast path would not be taken). Checked against NJsonSchema
/// itself on every shipped document and on thousands of seeded mutations of each (values out of bounds, wrong types,
/// distributions right and wrong, missing and extra members, arrays shortened and lengthened, nulls).
/// </summary>
public sealed class SchemaQuickCheckTests
{
    private const int MutationsPerDocument = 400;

    public static TheoryData<string, string> InputDocuments()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "methods/rse-value/1.0.0", "methods/rse-value/1.1.0", "methods/valmont-rse/1.0.0", "tests/methods/loan-vs-lease/1.0.0", "tests/methods/vendor-scoring/1.0.0" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, method, "examples"), "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(method, Path.GetRelativePath(Repo.Root, file));
            }
        }

        data.Add(Path.GetRelativePath(Repo.Root, Path.GetDirectoryName(AllTypesFixture.MethodPath)!), Path.GetRelativePath(Repo.Root, AllTypesFixture.InputsPath));
        return data;
    }

    [Theory]
    [MemberData(nameof(InputDocuments))]
    public async Task IsValid_InputSchemaAndMutatedDocuments_AgreesWithNJsonSchema(string methodFolder, string document)
    {
        var method = MethodLoader.Load(Path.Combine(Repo.Root, methodFolder, "method.json")).Value.ShouldNotBeNull();
        var text = InputSchemaGenerator.Generate(method).ToString();
        var schema = await JsonSchema.FromJsonAsync(text);
        var fromText = SchemaQuickCheck.FromText(text);
        var original = Parse(File.ReadAllText(Path.Combine(Repo.Root, document)));
        fromText.IsValid(original).ShouldBe(SchemaQuickCheck.IsValid(schema, original));

        SchemaQuickCheck.IsValid(schema, original).ShouldBe(schema.Validate(original).Count == 0, "the shipped document");
        var random = new Random(document.Length * 7919 + methodFolder.Length);
        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < MutationsPerDocument; i++)
        {
            var mutated = original.DeepClone();
            var description = Mutate(mutated, random);
            var quick = SchemaQuickCheck.IsValid(schema, mutated);
            var valid = schema.Validate(mutated).Count == 0;
            fromText.IsValid(mutated).ShouldBe(quick, $"the check compiled from the schema's text and from NJsonSchema's reading disagree: {description}");
            if (quick)
            {
                valid.ShouldBeTrue($"quick check accepted what NJsonSchema refuses: {description}");
            }

            if (!HasNull(mutated))
            {
                quick.ShouldBe(valid, $"quick check and NJsonSchema disagree on a document without nulls: {description}");
            }

            if (valid)
            {
                accepted++;
            }
            else
            {
                refused++;
            }
        }

        // The mutations exercise both answers.
        accepted.ShouldBeGreaterThan(MutationsPerDocument / 20);
        refused.ShouldBeGreaterThan(MutationsPerDocument / 5);
    }

    [Theory]
    [MemberData(nameof(MethodFiles))]
    public async Task FromText_EveryShippedMethodsInputSchema_CompilesToTheNodesOfNJsonSchemasReading(string file)
    {
        var method = MethodLoader.Load(Path.Combine(Repo.Root, file)).Value.ShouldNotBeNull();
        var text = InputSchemaGenerator.Generate(method).ToString();

        var shape = SchemaQuickCheck.Shape(SchemaQuickCheck.FromText(text));

        shape.ShouldBe(SchemaQuickCheck.Shape(await JsonSchema.FromJsonAsync(text)));
        shape.ShouldNotContain("?"); // every node of a generated input schema understood: a valid document never needs NJsonSchema
    }

    [Theory]
    [InlineData("""{ "type": "number", "minimum": 1E-09, "maximum": 0.30000000000000004 }""")]
    [InlineData("""{ "type": "number", "minimum": -7.9E+28, "maximum": 7.9E+28 }""")]
    [InlineData("""{ "type": "object", "properties": { "a": { "type": "integer", "minimum": 0 } }, "required": ["a"], "additionalProperties": false }""")]
    [InlineData("""{ "type": "object", "additionalProperties": { "type": "string", "maxLength": 3, "enum": ["ab", "c"] } }""")]
    [InlineData("""{ "type": "array", "items": { "anyOf": [ { "type": "number" }, { "type": "object", "properties": { "mode": { "type": "string" } } } ] }, "minItems": 1, "maxItems": 4 }""")]
    public async Task FromText_SchemaOfKnownKeywords_SameShapeAsNJsonSchemasReading(string text)
    {
        SchemaQuickCheck.Shape(SchemaQuickCheck.FromText(text)).ShouldBe(SchemaQuickCheck.Shape(await JsonSchema.FromJsonAsync(text)));
    }

    [Theory]
    [InlineData("""{ "type": "string", "pattern": "^a" }""")]
    [InlineData("""{ "type": "string", "minLength": 1 }""")]
    [InlineData("""{ "type": ["string", "null"] }""")]
    [InlineData("""{ "$ref": "#/definitions/x", "definitions": { "x": { "type": "string" } } }""")]
    [InlineData("""{ "oneOf": [ { "type": "string" }, { "type": "number" } ] }""")]
    [InlineData("""{ "type": "number", "exclusiveMinimum": 0 }""")]
    [InlineData("""{ "enum": [1, 2] }""")]
    [InlineData("""{ "type": "array", "items": [ { "type": "string" } ] }""")]
    [InlineData("""{ "type": "string", "format": "date" }""")]
    [InlineData("""{ "type": "number", "minimum": 123456789012345678901234567890123 }""")]
    [InlineData("""{ "type": "object", "properties": { "a": { "type": "string", "x-unknown": 1 } } }""")]
    public void FromText_KeywordItDoesNotMirror_InDoubt(string text)
    {
        var schema = SchemaQuickCheck.FromText(text);

        SchemaQuickCheck.Shape(schema).ShouldContain("?");
        schema.IsValid(JToken.Parse("\"a\"")).ShouldBeFalse();
        schema.IsValid(JToken.Parse("{ \"a\": \"a\" }")).ShouldBeFalse();
    }

    public static TheoryData<string> MethodFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "methods"), "method.json", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "tests", "methods"), "method.json", SearchOption.AllDirectories))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repo.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodFiles))]
    public void IsValid_MethodSchemaAndMutatedMethods_NeverAcceptsWhatNJsonSchemaRefuses(string file)
    {
        var schema = MethodLoader.Schema;
        var original = Parse(File.ReadAllText(Path.Combine(Repo.Root, file)));
        var random = new Random(file.Length * 104729);
        for (var i = 0; i < MutationsPerDocument / 4; i++)
        {
            var mutated = original.DeepClone();
            var description = Mutate(mutated, random);
            if (SchemaQuickCheck.IsValid(schema, mutated))
            {
                schema.Validate(mutated).ShouldBeEmpty($"quick check accepted what NJsonSchema refuses: {description}");
            }
        }
    }

    [Fact]
    public async Task IsValid_KeywordsItDoesNotKnow_AnswersNoSoTheValidatorDecides()
    {
        var schema = await JsonSchema.FromJsonAsync("""
            { "type": "object", "properties": { "a": { "type": "string", "pattern": "^x" }, "b": { "oneOf": [ { "type": "integer" } ] } } }
            """);

        SchemaQuickCheck.IsValid(schema, Parse("""{ "a": "xy" }""")).ShouldBeFalse();
        SchemaQuickCheck.IsValid(schema, Parse("""{ "b": 1 }""")).ShouldBeFalse();
        SchemaQuickCheck.IsValid(schema, Parse("""{ }""")).ShouldBeTrue();
        schema.Validate(Parse("""{ "a": "yy" }""")).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("""{ "r": 0.07 }""", true)]
    [InlineData("""{ "r": 1 }""", true)]
    [InlineData("""{ "r": 7 }""", false)]
    [InlineData("""{ "r": -0.0000001 }""", false)]
    [InlineData("""{ "r": 1.00000000000000000001 }""", true)] // a double equal to 1: NJsonSchema compares in decimal
    [InlineData("""{ "r": 1e40 }""", false)] // beyond decimal: NJsonSchema's double fall-back
    [InlineData("""{ "r": "0,07" }""", false)]
    [InlineData("""{ "r": { "distribution": "uniform", "min": 0, "max": 1 } }""", true)]
    [InlineData("""{ "r": { "distribution": "uniform", "min": 0, "max": 2 } }""", false)]
    [InlineData("""{ "r": { "distribution": "pert", "min": 0, "max": 1 } }""", false)]
    [InlineData("""{ "r": null }""", false)] // nulls are left to the validator
    [InlineData("""{ "n": 3 }""", false)] // required 'r' missing
    public async Task IsValid_Bounds_AsNJsonSchemaComparesThem(string json, bool expected)
    {
        var schema = await JsonSchema.FromJsonAsync("""
            { "type": "object", "required": ["r"], "additionalProperties": false, "properties": {
              "n": { "type": "integer" },
              "r": { "anyOf": [ { "type": "number", "minimum": 0, "maximum": 1 },
                                { "type": "object", "required": ["distribution", "min", "max"], "additionalProperties": false,
                                  "properties": { "distribution": { "type": "string", "enum": ["uniform"] },
                                                  "min": { "type": "number", "minimum": 0, "maximum": 1 },
                                                  "max": { "type": "number", "minimum": 0, "maximum": 1 } } } ] } } }
            """);
        var token = Parse(json);

        SchemaQuickCheck.IsValid(schema, token).ShouldBe(expected);
        if (!json.Contains("null", StringComparison.Ordinal))
        {
            (schema.Validate(token).Count == 0).ShouldBe(expected, "the expectation itself, by NJsonSchema");
        }
    }

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        return JToken.ReadFrom(reader);
    }

    private static bool HasNull(JToken token) => token.Type == JTokenType.Null || token.Children().Any(HasNull);

    /// <summary>Changes one to three random places of the document; says what it did.</summary>
    private static string Mutate(JToken root, Random random)
    {
        var changes = new List<string>();
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            var all = (root is JContainer c ? c.DescendantsAndSelf() : [root]).Where(t => t is not JProperty).ToList();
            var target = all[random.Next(all.Count)];
            changes.Add(target.Path + ": " + MutateOne(target, random));
        }

        return string.Join("; ", changes);
    }

    private static string MutateOne(JToken target, Random random)
    {
        JToken Replacement() => random.Next(16) switch
        {
            0 => JValue.CreateNull(),
            1 => new JValue("text"),
            2 => new JValue("0,07"),
            3 => new JValue(true),
            4 => new JValue(-1),
            5 => new JValue(0.5),
            6 => new JValue(7),
            7 => new JValue(1e30),
            8 => new JValue(3.0),
            9 => new JArray(1, 2, 3),
            10 => new JObject { ["distribution"] = "triangular", ["min"] = 0.1, ["mode"] = 0.2, ["max"] = 0.3 },
            11 => new JObject { ["distribution"] = "uniform", ["min"] = 0, ["max"] = 10000 },
            12 => new JObject { ["distribution"] = "pert", ["min"] = 0 },
            13 => new JObject { ["distribution"] = "normal", ["min"] = 0, ["mode"] = 1, ["max"] = 2 },
            14 => new JObject(),
            _ => new JValue(target.Type == JTokenType.Integer ? (long)target * 1000 + 1 : target.Type == JTokenType.Float ? (double)target * 1.5 : 42),
        };

        switch (random.Next(6))
        {
            case 0 when target.Parent is JProperty { Parent: JObject } property:
                property.Remove();
                return "removed";
            case 1 when target is JObject o:
                o[random.Next(2) == 0 ? "extra" : "knowlegeWorkers"] = 1;
                return "member added";
            case 2 when target is JArray { Count: > 0 } a:
                if (random.Next(2) == 0)
                {
                    a.RemoveAt(a.Count - 1);
                    return "last item removed";
                }

                a.Add(a[0].DeepClone());
                return "first item appended";
            case 3 when target.Type is JTokenType.Integer or JTokenType.Float:
                var v = (double)target;
                var scaled = new JValue(random.Next(3) switch { 0 => -v - 1, 1 => v * 100 + 1, _ => v / 100 });
                target.Replace(scaled);
                return "number changed to " + scaled;
            default:
                if (target.Parent is null)
                {
                    return "unchanged (root)";
                }

                var replacement = Replacement();
                target.Replace(replacement);
                return "replaced by " + replacement.ToString(Formatting.None);
        }
    }
}
