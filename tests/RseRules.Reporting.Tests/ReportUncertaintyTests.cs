using AngleSharp.Html.Parser;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Uncertainty;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

/// <summary>
/// The report of a document with distributions (methods/rse-value/1.0.0/examples/example-uncertain.json): the
/// "Incertitude / Uncertainty" section with the histogram, the percentiles and the tornado. The example without
/// distributions keeps its golden report (see <see cref="ReportRendererTests"/>).
/// </summary>
public sealed class ReportUncertaintyTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    private string Render(string language, ReportFormat format)
    {
        using var compiled = Engine.LoadAndCompile(Path.Combine(example.Root, "methods", "rse-value", "1.0.0")).Method!;
        var (result, _) = Engine.Evaluate(compiled, Path.Combine(example.Root, "methods", "rse-value", "1.0.0", "examples", "example-uncertain.json"));
        result.ShouldNotBeNull().Success.ShouldBeTrue();
        var uncertainty = new ReportUncertainty(
            Simulator.Run(compiled, result.Inputs, new SimulationOptions { Iterations = 2_000, Seed = 1 }),
            Sensitivity.Analyze(compiled, result.Inputs));
        var rendered = ReportRenderer.Render(compiled.Method, EvaluationRecord.Build(result), example.Templates,
            ReportOptions.Default with { Language = language, Format = format, Date = "2026-11-27" }, uncertainty: uncertainty);
        rendered.Diagnostics.ShouldBeEmpty(string.Join("\n", rendered.Diagnostics));
        return rendered.Text.ShouldNotBeNull();
    }

    [Fact]
    public void Render_HtmlWithDistributions_UncertaintySectionWithHistogramAndTornado()
    {
        var html = Render("fr", ReportFormat.Html);

        var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(html);
        var section = document.QuerySelector("section#uncertainty").ShouldNotBeNull();
        section.QuerySelector("h2")!.TextContent.ShouldBe("4 bis. Incertitude");
        section.QuerySelectorAll("svg.histogram-chart").Length.ShouldBe(1);
        section.QuerySelectorAll("svg.spans-chart").Length.ShouldBe(1); // the tornado, its bars from the central case
        section.TextContent.ShouldContain("graine 1");
        section.TextContent.ShouldContain("Probabilité que la VAN ajustée du risque soit positive ou nulle");
        document.QuerySelectorAll("section").Length.ShouldBe(10);
        document.QuerySelectorAll("figure > svg").Length.ShouldBe(6);
        // The other sections compute with the modes: 0.5 h saved per week is 30 minutes.
        html.ShouldContain("l&#39;hypothèse retenue est de 30 minutes");
    }

    [Fact]
    public void Render_MarkdownWithDistributions_SameSimulationSameText()
    {
        var first = Render("en", ReportFormat.Markdown);
        var second = Render("en", ReportFormat.Markdown);

        second.ShouldBe(first);
        first.ShouldContain("## 4a. Uncertainty");
        first.ShouldContain("| 1 | Gains › Time saved › Hours saved per week and active user |");
    }
}
