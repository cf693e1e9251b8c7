using Newtonsoft.Json.Linq;
using RseRules.Core.Authoring;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Loading;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Authoring;

/// <summary>
/// A collection input's <c>catalogue</c> (format 2): checked when the method loads, used by <see cref="StarterInputs"/>
/// to start a document (<c>rse new inputs --from-catalogue</c>); and the norm's catalogue in rse-value@1.2.0.
/// </summary>
public class CatalogueTests
{
    // A catalogue of two themes (the second one with a suggested size) and a collection input that names it.
    private const string Parameters = """
        [ { "id": "themeCatalogue", "type": "collection", "key": "id", "source": "test",
            "fields": [ { "id": "id", "type": "text" }, { "id": "label", "type": "localized" }, { "id": "size", "type": "integer", "min": 0, "required": false }, { "id": "note", "type": "text", "required": false } ],
            "value": [ { "id": "T1", "label": { "fr": "Accueil", "en": "Welcome" } },
                       { "id": "T2", "label": { "fr": "Sécurité", "en": "Safety" }, "size": 3, "note": "not in the input" } ] } ]
        """;

    private const string Inputs = """
        [ { "id": "themes", "type": "collection", "key": "id", "catalogue": "CATALOGUE", "minItems": 1, "label": { "fr": "t", "en": "t" },
            "fields": [ { "id": "id", "type": "text" }, { "id": "label", "type": "text", "maxLength": 40 }, { "id": "size", "type": "number", "min": 0 },
                        { "id": "weight", "type": "number", "min": 0, "max": 100 } ] },
          { "id": "main", "type": "text", "ref": "themes", "label": { "fr": "m", "en": "m" } },
          { "id": "picked", "type": "list", "of": { "type": "text", "ref": "themes" }, "minItems": 1, "label": { "fr": "p", "en": "p" } },
          { "id": "scores", "type": "map", "keys": "themes", "of": "number", "default": 1, "label": { "fr": "s", "en": "s" } } ]
        """;

    private const string Rules = """
        [ { "id": "WEIGHTS", "severity": "error", "when": "themes.Sum(t => t.weight) != 100", "message": { "fr": "poids", "en": "weights" }, "at": "/themes" } ]
        """;

    private static string Method(string catalogue = "themeCatalogue", int formatVersion = 2, string? inputs = null) => TestMethods.Method(
        parameters: Parameters,
        inputs: (inputs ?? Inputs).Replace("CATALOGUE", catalogue, StringComparison.Ordinal),
        indicators: "[" + TestMethods.Indicator("total", "number", TestMethods.Quote("themes.Sum(t => t.size * scores[t.id])")) + "]",
        rules: Rules,
        results: """["total"]""",
        formatVersion: formatVersion);

    private static IReadOnlyList<Diagnostic> Diagnostics(string text) => TestMethods.Load(text).Diagnostics;

    [Fact]
    public void Load_CatalogueOfTheRightShape_IsValid()
    {
        Diagnostics(Method()).ShouldBeEmpty();
        StarterInputs.Catalogues(TestMethods.Valid(Method())).ShouldHaveSingleItem().Catalogue.Id.ShouldBe("themeCatalogue");
    }

    [Fact]
    public void Load_CatalogueInFormat1_AsksForFormat2AtTheCatalogue()
    {
        var d = Diagnostics(Method(formatVersion: 1)).First(x => x.Code == DiagnosticCode.NeedsFormatVersion2 && x.Pointer == "/inputs/0/catalogue");
        d.Message.ShouldContain("A catalogue needs \"formatVersion\": 2");
    }

    [Fact]
    public void Load_CatalogueThatIsNoCollectionParameter_LocatedWithASuggestion()
    {
        var d = Diagnostics(Method("themeCatalog")).ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.UnknownReference);
        d.Pointer.ShouldBe("/inputs/0/catalogue");
        d.Message.ShouldContain("catalogue 'themeCatalog' is not a collection parameter with a key; did you mean 'themeCatalogue'?");
    }

    [Fact]
    public void Load_CatalogueOnAnInputThatIsNoCollection_Refused()
    {
        var inputs = """[ { "id": "x", "type": "list", "of": "text", "catalogue": "themeCatalogue", "label": { "fr": "x", "en": "x" } } ]""";
        var text = TestMethods.Method(parameters: Parameters, inputs: inputs, formatVersion: 2);

        var d = Diagnostics(text).ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.InvalidTypeDeclaration);
        d.Pointer.ShouldBe("/inputs/0/catalogue");
        d.Message.ShouldBe("'catalogue' applies to collection inputs with a key.");
    }

    [Theory]
    [InlineData("{ \"id\": \"size\", \"type\": \"boolean\" }", "Field 'size' of catalogue 'themeCatalogue' (integer) cannot fill field 'size' of the input's items (boolean).")]
    [InlineData("{ \"id\": \"label\", \"type\": \"localized\" }", null)]
    [InlineData("{ \"id\": \"label\", \"type\": \"integer\" }", "Field 'label' of catalogue 'themeCatalogue' (localized) cannot fill field 'label' of the input's items (integer).")]
    public void Load_CatalogueFieldOfAnotherType_SaysWhichFieldCannotBeCopied(string field, string? message)
    {
        var id = field.Contains("\"size\"", StringComparison.Ordinal) ? "size" : "label";
        var inputs = Inputs.Replace($$"""{ "id": "{{id}}", "type": "{{(id == "size" ? "number\", \"min\": 0" : "text\", \"maxLength\": 40")}} }""", field, StringComparison.Ordinal);
        inputs.ShouldNotBe(Inputs);

        var diagnostics = Diagnostics(Method(inputs: inputs));

        if (message is null)
        {
            diagnostics.ShouldBeEmpty();
        }
        else
        {
            var d = diagnostics.ShouldHaveSingleItem();
            d.Pointer.ShouldBe("/inputs/0/catalogue");
            d.Message.ShouldBe(message);
        }
    }

    [Fact]
    public void Load_CatalogueWithoutTheInputsKeyField_Refused()
    {
        var inputs = Inputs.Replace("\"key\": \"id\"", "\"key\": \"code\"", StringComparison.Ordinal).Replace("{ \"id\": \"id\", \"type\": \"text\" }", "{ \"id\": \"code\", \"type\": \"text\" }", StringComparison.Ordinal);

        Diagnostics(Method(inputs: inputs)).ShouldContain(d => d.Pointer == "/inputs/0/catalogue" && d.Message == "catalogue 'themeCatalogue' has no text field 'code', the key of the input's items.");
    }

    [Fact]
    public void Load_CatalogueWithMoreItemsThanTheInputTakes_Refused()
    {
        var inputs = Inputs.Replace("\"minItems\": 1,", "\"minItems\": 1, \"maxItems\": 1,", StringComparison.Ordinal);

        Diagnostics(Method(inputs: inputs)).ShouldContain(d => d.Pointer == "/inputs/0/catalogue" && d.Message == "Catalogue 'themeCatalogue' has 2 items; the input takes 1 to 1 items.");
    }

    [Theory]
    [InlineData("fr", "Accueil", "Sécurité")]
    [InlineData("en", "Welcome", "Safety")]
    public void Create_FromCatalogue_ItemsWithSharedFieldsInTheLanguageAndNeutralOthers(string lang, string first, string second)
    {
        using var method = TestMethods.Compiled(Method());

        var starter = StarterInputs.Create(method, useExamples: false, catalogueLanguage: lang);

        starter.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty(string.Join("\n", starter.Diagnostics));
        var themes = (JArray)starter.Document["themes"]!;
        themes.Select(t => (string)t["id"]!).ShouldBe(["T1", "T2"]);
        themes.Select(t => (string)t["label"]!).ShouldBe([first, second]);
        ((double)themes[1]["size"]!).ShouldBe(3);       // from the catalogue (an integer into a number)
        ((double)themes[0]["size"]!).ShouldBe(0);       // neutral: the catalogue item has none
        themes[1]["note"].ShouldBeNull();               // a catalogue field the input does not declare
        themes.Select(t => (double)t["weight"]!).ShouldBe([50.0, 50.0]); // repaired: weights must sum to 100
        ((string)starter.Document["main"]!).ShouldBe("T1");
        ((JArray)starter.Document["picked"]!).Select(v => (string)v!).ShouldBe(["T1"]);
        ((JObject)starter.Document["scores"]!).Properties().Select(p => p.Name).ShouldBe(["T1", "T2"]);
    }

    [Fact]
    public void Create_FromCatalogueOverAnExample_ReferencesKeptToTheCatalogueKeys()
    {
        // An example whose own themes (A, T2) differ from the catalogue's (T1, T2): what named A is kept valid.
        using var folder = new ScratchFolder();
        var dir = Path.Combine(folder.Path, "m", "1.0.0");
        Directory.CreateDirectory(Path.Combine(dir, "examples"));
        File.WriteAllText(Path.Combine(dir, "method.json"), Method());
        File.WriteAllText(Path.Combine(dir, "examples", "example.json"), """
            { "themes": [ { "id": "A", "label": "a", "size": 1, "weight": 60 }, { "id": "T2", "label": "b", "size": 2, "weight": 40 } ],
              "main": "A", "picked": ["A", "T2"], "scores": { "A": 5, "T2": 7 } }
            """);
        var loaded = MethodLoader.Load(Path.Combine(dir, "method.json"));
        using var method = MethodCompiler.Compile(loaded.Value!).Method!;

        var plain = StarterInputs.Create(method);
        var starter = StarterInputs.Create(method, catalogueLanguage: "en");

        ((string)plain.Document["main"]!).ShouldBe("A");
        starter.Origin.ShouldNotBeNull().ShouldEndWith("example.json");
        starter.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty(string.Join("\n", starter.Diagnostics));
        ((string)starter.Document["main"]!).ShouldBe("T1");                                             // A is gone: the first key
        ((JArray)starter.Document["picked"]!).Select(v => (string)v!).ShouldBe(["T2"]);               // A dropped, T2 kept
        var scores = (JObject)starter.Document["scores"]!;
        scores.Properties().Select(p => (p.Name, (double)p.Value)).ShouldBe([("T2", 7.0), ("T1", 1.0)]); // T2 kept, T1 by default
    }

    [Fact]
    public void Create_WithoutCatalogueLanguage_IgnoresTheCatalogue()
    {
        using var method = TestMethods.Compiled(Method());

        var themes = (JArray)StarterInputs.Create(method, useExamples: false).Document["themes"]!;

        themes.ShouldHaveSingleItem()["id"]!.Value<string>().ShouldBe("themes1");
    }

    [Fact]
    public void Create_TheNormFromItsCatalogue_SixStakesTenUsagesSixRisksThatEvaluate()
    {
        var loaded = MethodLoader.Load(Path.Combine(Norm("1.2.0"), "method.json"));
        using var method = MethodCompiler.Compile(loaded.Value!).Method!;

        var starter = StarterInputs.Create(method, catalogueLanguage: "fr");

        starter.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty(string.Join("\n", starter.Diagnostics));
        var d = starter.Document;
        // NORM §8, in French.
        d["stakes"]!.Select(s => (string)s["label"]!).ShouldBe(["Innovation", "Satisfaction client", "Engagement des collaborateurs", "Efficacité opérationnelle", "Capitalisation des savoirs", "Transversalité et décloisonnement"]);
        d["stakes"]!.Select(s => (double)s["weight"]!).ShouldBe([17.0, 17, 17, 17, 16, 16]); // whole numbers, sum exactly 100
        d["usages"]!.Select(u => (string)u["id"]!).ShouldBe(Enumerable.Range(1, 10).Select(i => "U" + i));
        ((string)d["usages"]![7]!["label"]!).ShouldBe("Partage d'information, moins d'e-mails");
        d["risks"]!.Select(r => (string)r["label"]!).ShouldBe(["Non-adoption", "Infobésité", "Contournement des règles institutionnelles", "Fuite d'informations", "Fracture sociale (non-connectés)", "Dérive budgétaire"]);
        d["risks"]!.Select(r => ((long)r["probability"]!, (long)r["impact"]!)).Distinct().ShouldBe([(1L, 0L)]);
        // The example's gains name usages the catalogue has: kept.
        d["gains"]!["timeSaved"]!["usages"]!.Select(u => (string)u!).ShouldBe(["U1", "U3", "U8"]);
    }

    [Fact]
    public void Evaluate_EveryTestDocumentOf110Under120_SameResultsToTheLastBitAndSameFindings()
    {
        // The compatibility guarantee of 1.2.0 (CHANGELOG): independent of the expected values, the two versions agree.
        using var v11 = MethodCompiler.Compile(MethodLoader.Load(Path.Combine(Norm("1.1.0"), "method.json")).Value!).Method!;
        using var v12 = MethodCompiler.Compile(MethodLoader.Load(Path.Combine(Norm("1.2.0"), "method.json")).Value!).Method!;
        var documents = Directory.GetFiles(Path.Combine(Norm("1.1.0"), "tests", "inputs"), "*.json")
            .Append(Path.Combine(Norm("1.1.0"), "examples", "example.json"))
            .Where(f => !Path.GetFileName(f).StartsWith("invalid-", StringComparison.Ordinal)).ToArray();
        documents.Length.ShouldBeGreaterThan(15);

        foreach (var file in documents)
        {
            var a = Engine.Evaluate(v11, file);
            var b = Engine.Evaluate(v12, file);
            a.Result.ShouldNotBeNull(file);
            b.Result.ShouldNotBeNull(file);
            CanonicalText(a.Result.Results).ShouldBe(CanonicalText(b.Result.Results), file);
            b.Result.Findings.Select(f => (f.Code, f.Message.Fr, f.Message.En)).ShouldBe(a.Result.Findings.Select(f => (f.Code, f.Message.Fr, f.Message.En)), file);
        }
    }

    private static string Norm(string version) => Path.Combine(Repo.Root, "methods", "rse-value", version);

    private static string CanonicalText(IReadOnlyList<KeyValuePair<string, object?>> results) =>
        string.Join("\n", results.Select(r => r.Key + "=" + Newtonsoft.Json.JsonConvert.SerializeObject(r.Value, new Newtonsoft.Json.JsonSerializerSettings { FloatFormatHandling = Newtonsoft.Json.FloatFormatHandling.String, Culture = System.Globalization.CultureInfo.InvariantCulture })));
}
