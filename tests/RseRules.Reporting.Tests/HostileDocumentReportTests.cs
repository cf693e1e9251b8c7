using AngleSharp.Html.Parser;
using Markdig;
using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Core.Validation;
using RseRules.Reporting.Tests.Support;
using RseRules.Tests.Shared;

namespace RseRules.Reporting.Tests;

/// <summary>
/// The shipped white paper rendered from the norm's example with every text of the input document replaced by a hostile
/// one (organization, sector, stake, usage and risk ids and labels, mitigations): in HTML and in Markdown, French and
/// English, no text becomes an element, an attribute, a link or an image; each comes back as text.
/// </summary>
public sealed class HostileDocumentReportTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Theory]
    [InlineData(0, "fr")]
    [InlineData(1, "en")]
    [InlineData(2, "fr")]
    public void Render_HostileTexts_NoneBecomesMarkup(int offset, string language)
    {
        var (record, texts) = HostileRecord(offset);
        foreach (var format in new[] { ReportFormat.Html, ReportFormat.Markdown })
        {
            var result = ReportRenderer.Render(example.Method, record, example.Templates, ReportOptions.Default with { Language = language, Format = format, Date = "2026-12-06" });
            result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
            var html = format == ReportFormat.Html ? result.Text! : Markdown.ToHtml(result.Text!, Pipeline);
            var document = new HtmlParser().ParseDocument(html);

            // Nothing that loads or runs: the only elements are those the templates write.
            document.QuerySelectorAll("script, iframe, object, embed, img, link, base, form, textarea, foreignObject, math, video, audio, source").ShouldBeEmpty(format.ToString());
            document.QuerySelectorAll("meta[http-equiv=refresh], [onload], [onerror], [onmouseover], [onclick], [srcdoc]").ShouldBeEmpty(format.ToString());
            document.QuerySelectorAll("a").ShouldAllBe(a => (a.GetAttribute("href") ?? string.Empty).StartsWith('#'), format.ToString()); // only the contents' links
            document.QuerySelectorAll("style").Length.ShouldBe(format == ReportFormat.Html ? 1 : 0);
            if (format == ReportFormat.Html)
            {
                document.QuerySelectorAll("meta[http-equiv=Content-Security-Policy]").ShouldHaveSingleItem().GetAttribute("content").ShouldBe(ContentSecurityPolicy.Policy);
                document.QuerySelectorAll("svg").Length.ShouldBe(4); // the charts, and no SVG from the data
                document.Head!.QuerySelector("style")!.TextContent.ShouldNotContain("</", Case.Sensitive);
            }

            // Every text is there, as text (the page's text with its white space folded as a reader sees it).
            var visible = Fold(document.Body!.TextContent);
            foreach (var text in texts)
            {
                visible.ShouldContain(Fold(text), Case.Sensitive, $"{format}: {text}");
            }
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Render_HostileMethodTexts_NoneBecomesMarkup(string language)
    {
        // A method's texts come from its author: title, description, labels, units, formulas, parameter sources.
        var texts = HostileText.All;
        var k = 0;
        LocalizedText Next() => new(texts[k++ % texts.Length], texts[k++ % texts.Length]);
        var method = example.Method with
        {
            Title = Next(),
            Description = Next(),
            Indicators = [.. example.Method.Indicators.Select(i => i with { Label = Next(), Unit = texts[k++ % texts.Length], Formula = i.Formula + " /* " + texts[k++ % texts.Length] + " */" })],
            Parameters = [.. example.Method.Parameters.Select(p => p with { Label = Next(), Source = Next(), Unit = texts[k++ % texts.Length] })],
        };
        foreach (var format in new[] { ReportFormat.Html, ReportFormat.Markdown })
        {
            var result = ReportRenderer.Render(method, example.Record, example.Templates, ReportOptions.Default with { Language = language, Format = format, Date = "2026-12-06" });
            result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
            var html = format == ReportFormat.Html ? result.Text! : Markdown.ToHtml(result.Text!, Pipeline);
            var document = new HtmlParser().ParseDocument(html);
            document.QuerySelectorAll("script, iframe, object, embed, img, link, base, form, textarea, math, meta[http-equiv=refresh]").ShouldBeEmpty(format.ToString());
            document.QuerySelectorAll("a").ShouldAllBe(a => (a.GetAttribute("href") ?? string.Empty).StartsWith('#'), format.ToString());
            document.QuerySelectorAll("[onload], [onerror], [onmouseover], [srcdoc]").ShouldBeEmpty(format.ToString());
            Fold(document.Body!.TextContent).ShouldContain(Fold(method.Title.In(language)), Case.Sensitive, format.ToString());
        }
    }

    /// <summary>The example's record with its texts replaced by hostile ones, evaluated again.</summary>
    private (JObject Record, string[] Texts) HostileRecord(int offset)
    {
        var (document, used) = HostileText.Example(example.Root, offset);
        var diagnostics = new List<RseRules.Core.Diagnostics.Diagnostic>();
        var source = JsonSource.Parse(document.ToString(), "hostile.json", diagnostics).ShouldNotBeNull();
        var inputs = InputValidator.Validate(example.Compiled.Method, source);
        inputs.Value.ShouldNotBeNull(string.Join("\n", inputs.Diagnostics));
        var result = Evaluator.Evaluate(example.Compiled, inputs.Value!);
        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics));
        return (EvaluationRecord.Build(result), used);
    }

    /// <summary>White space folded (as a reader sees it, and as Markdown folds line breaks), control characters dropped.</summary>
    private static string Fold(string text) =>
        string.Join(' ', new string([.. text.Where(c => !(c < ' ' && c is not ('\t' or '\n' or '\r')) && c is not ('\uFFFD' or '\u007F'))])
            .Split([' ', '\t', '\n', '\r', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries));
}
