using AngleSharp.Html.Parser;
using Markdig;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

/// <summary>
/// The white paper's comparison of scenarios of the norm (templates/white-paper/{html,md}/compare.sbn): each scenario's
/// decision in the report's language, the risk-adjusted figures first with their differences against the first scenario,
/// the yearly adjusted cash flows of every scenario overlaid, and scenario names printed as text. The two scenarios are
/// the norm's example and the same document with the risk "Non-adoption" made almost certain (probability 4: P × I = 12,
/// critical, so NO GO). Expected figures come from the independent computation (tests/reference): npvAdjusted
/// 98,885.73 for the example (tests/example.json) and 39,435.77 for the critical-risk variant
/// (rse_value_reference.py on that document), never from the engine's output.
/// </summary>
public sealed class WhitePaperComparisonTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    private const string Nbsp = "\u00A0";
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Theory]
    [InlineData("fr", "GO sous conditions", "98 886 €", "39 436 €", "−59 450 €")]
    [InlineData("en", "GO with conditions", "€98,886", "€39,436", "−€59,450")]
    public void RenderComparison_TwoNormScenariosInHtml_ShowsEachDecisionAdjustedNpvAndOverlaidFlows(string language, string conditional, string npv1, string npv2, string delta)
    {
        var text = Render(language, ReportFormat.Html, "example", "critical risk");
        var html = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(text); // strict: throws on any HTML5 parse error

        html.QuerySelectorAll("#decisions .decision .verdict").Select(v => v.TextContent).ShouldBe([conditional, "NO GO"]);
        html.QuerySelectorAll("#decisions .decision")[1].ClassList.ShouldContain("nogo");

        // The risk-adjusted NPV is the first figure, in whole euros, with the difference against the first scenario.
        var firstRow = html.QuerySelectorAll("table.figures tbody tr").First(r => r.ClassList.Length == 0);
        firstRow.Children.Select(c => c.TextContent).ShouldBe([language == "fr" ? "VAN ajustée du risque" : "Risk-adjusted NPV", Fold(npv1), Fold(npv2), Fold(delta)]);

        // One chart overlays the cumulative adjusted flows of both scenarios, another their yearly adjusted flows.
        var charts = html.QuerySelectorAll("#flows figure svg");
        charts.Length.ShouldBe(2);
        foreach (var chart in charts)
        {
            chart.TextContent.ShouldContain("example");
            chart.TextContent.ShouldContain("critical risk");
        }

        charts[0].GetAttribute("aria-label").ShouldBe(language == "fr" ? "Cumul des flux nets ajustés du risque" : "Cumulative risk-adjusted net flows");
        html.QuerySelectorAll("#inputs-changed tbody tr").Select(r => r.Children[0].TextContent).ShouldContain(language == "fr" ? "Risques (1) › Probabilité" : "Risks (1) › Probability");
        html.QuerySelectorAll("#audit code").Select(c => c.TextContent).Where(c => c.StartsWith("sha256:", StringComparison.Ordinal)).Count().ShouldBe(5); // two hashes per scenario, the method's
    }

    [Theory]
    [InlineData("fr", "GO sous conditions", "98 886 €", "39 436 €", "−59 450 €")]
    [InlineData("en", "GO with conditions", "€98,886", "€39,436", "−€59,450")]
    public void RenderComparison_TwoNormScenariosInMarkdown_ShowsEachDecisionAdjustedNpvAndFlows(string language, string conditional, string npv1, string npv2, string delta)
    {
        var text = Render(language, ReportFormat.Markdown, "example", "critical risk");
        text.ShouldNotContain("{{");
        text.ShouldContain($"| **{(language == "fr" ? "Décision" : "Decision")}** | **{conditional}** | **NO GO** | |");
        text.ShouldContain($"| {(language == "fr" ? "VAN ajustée du risque" : "Risk-adjusted NPV")} | {Fold(npv1)} | {Fold(npv2)} | {Fold(delta)} |");
        // The yearly adjusted flows of each scenario (year 0: the adjusted costs, 252,000 × 1.03 = 259,560).
        text.ShouldContain(language == "fr" ? $"| example | Flux net ajusté | -259{Nbsp}560{Nbsp}€ |" : "| example | Adjusted net flow | -€259,560 |");
        text.ShouldContain(language == "fr" ? $"| critical risk | Flux net ajusté | -259{Nbsp}560{Nbsp}€ |" : "| critical risk | Adjusted net flow | -€259,560 |");

        var html = new HtmlParser().ParseDocument(Markdown.ToHtml(text, Pipeline));
        html.QuerySelectorAll("h3").Select(h => h.TextContent).ShouldContain($"{(language == "fr" ? "Scénario" : "Scenario")} 2 — critical risk{(language == "fr" ? " :" : ":")} NO GO");
    }

    [Theory]
    [InlineData(ReportFormat.Html)]
    [InlineData(ReportFormat.Markdown)]
    public void RenderComparison_HostileScenarioNames_ComeOutAsText(ReportFormat format)
    {
        var script = "<script>alert(1)</script>";
        var attribute = "\" onload=\"x";
        var text = Render("en", format, script, attribute);
        var document = new HtmlParser().ParseDocument(format == ReportFormat.Html ? text : Markdown.ToHtml(text, Pipeline));

        document.QuerySelectorAll("script, iframe, object, embed, img, foreignObject").ShouldBeEmpty();
        document.QuerySelectorAll("[onload], [onerror]").ShouldBeEmpty();
        var visible = document.Body!.TextContent;
        visible.ShouldContain(script);
        visible.ShouldContain(attribute);
        if (format == ReportFormat.Html)
        {
            text.ShouldNotContain(script);
            // The charts' legends carry both names as text.
            document.QuerySelectorAll("#flows svg").ShouldAllBe(svg => svg.TextContent.Contains(script) && svg.TextContent.Contains(attribute));
        }
    }

    /// <summary>The comparison of the example (first) and its critical-risk variant, named as given.</summary>
    private string Render(string language, ReportFormat format, string firstName, string secondName)
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(example.Root, "methods", "rse-value", "1.0.0", "examples", "example.json")));
        document["risks"]![0]!["probability"] = 4; // Non-adoption: P × I = 4 × 3 = 12, critical
        document["organization"]!["name"] = "Société Générale d'Équipements & Fils";
        var critical = Evaluate(document);
        var result = ReportRenderer.RenderComparison(example.Method, [new Scenario(firstName, example.Record), new Scenario(secondName, critical)],
            example.Templates, ReportOptions.Default with { Language = language, Format = format, Date = "2026-12-06" });
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Text.ShouldNotBeNull();
    }

    private JObject Evaluate(JObject document)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rse-doc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToString());
        try
        {
            var (result, diagnostics) = Engine.Evaluate(example.Compiled, path);
            result.ShouldNotBeNull(string.Join("\n", diagnostics));
            return EvaluationRecord.Build(result);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>French money as printed: no-break spaces between the digit groups and before the euro sign.</summary>
    private static string Fold(string text) => text.Replace(" ", Nbsp, StringComparison.Ordinal);
}
