using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

/// <summary>
/// What a reader sees of a value outside a report's tables: a map named key by key (the command line's one line per
/// key, the summary text), and a catalogue parameter by its items' keys and labels — not "id → E1 ; label → fr → …".
/// </summary>
public sealed class ResultPresenterTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    [Theory]
    [InlineData("fr", "U1\u00A0: 60\u00A0points", "U6\u00A0: 15\u00A0points")]
    [InlineData("en", "U1: 60\u00A0points", "U6: 15\u00A0points")]
    public void Present_MapResult_OneLinePerKeyNamedByTheKey(string lang, string first, string sixth)
    {
        // NORM §3 on the example: U1 = 100 × (20·3 + 15·2 + 20·3 + 15·3 + 15·3) / (4 × 100) = 60;
        // U6 = 100 × (15·3 + 15·1) / 400 = 15.
        var presented = new ResultPresenter(example.Method, example.Record, lang).Present("usageScores");

        presented.Kind.ShouldBe("map");
        presented.Lines.Count.ShouldBe(10);
        presented.Lines[0].ShouldBe(first);
        presented.Lines[5].ShouldBe(sixth);
        presented.Text.ShouldStartWith(first + " · ");
    }

    [Fact]
    public void Present_ScalarResult_HasNoLines()
    {
        new ResultPresenter(example.Method, example.Record, "fr").Present("npv").Lines.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("fr", "stakeCatalogue", "E1 Innovation · E2 Satisfaction client · E3 Engagement des collaborateurs · E4 Efficacité opérationnelle · E5 Capitalisation des savoirs · E6 Transversalité et décloisonnement")]
    [InlineData("en", "riskCatalogue", "R1 Non-adoption · R2 Information overload · R3 Bypassing institutional rules · R4 Information leak · R5 Social divide (unconnected staff) · R6 Budget overrun")]
    public void ParameterText_CatalogueOfTheNorm_ItemsByKeyAndLabelInTheLanguage(string lang, string id, string expected)
    {
        // NORM §8, word for word.
        var compiled = Engine.LoadAndCompile(Path.Combine(example.Root, "methods", "rse-value", "1.2.0"));
        using var method = compiled.Method.ShouldNotBeNull();
        var (result, _) = Engine.Evaluate(method, Path.Combine(example.Root, "methods", "rse-value", "1.2.0", "examples", "example.json"));
        var record = EvaluationRecord.Build(result!);
        var parameter = method.Method.Parameters.Single(p => p.Id == id);
        var views = new ReportViews(method.Method, record, (JObject)record["inputs"]!, lang, new NumberFormats(lang));

        views.ParameterText(parameter.Value, parameter.Unit, parameter.Type).ShouldBe(expected);
    }

    [Fact]
    public void ParameterText_CollectionWithOtherFields_NamesThemInParentheses()
    {
        var type = new Core.Model.TypeSpec
        {
            Kind = Core.Model.TypeKind.Collection,
            Key = "id",
            Fields =
            [
                new("id", new Core.Model.TypeSpec { Kind = Core.Model.TypeKind.Text }, null, null, null, true, null, string.Empty),
                new("label", new Core.Model.TypeSpec { Kind = Core.Model.TypeKind.Localized }, null, null, null, true, null, string.Empty),
                new("weight", new Core.Model.TypeSpec { Kind = Core.Model.TypeKind.Number }, new("Poids", "Weight"), null, "points", true, null, string.Empty),
            ],
        };
        var value = JArray.Parse("""[ { "id": "price", "label": { "fr": "Prix", "en": "Price" }, "weight": 40 }, { "id": "quality", "label": { "fr": "Qualité", "en": "Quality" }, "weight": 12.5 } ]""");
        var views = new ReportViews(example.Method, example.Record, (JObject)example.Record["inputs"]!, "fr", new NumberFormats("fr"));

        views.ParameterText(value, null, type).ShouldBe("price Prix (Poids\u00A0: 40\u00A0points) · quality Qualité (Poids\u00A0: 12,5\u00A0points)");
    }
}
