using AngleSharp.Html.Parser;
using Markdig;
using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Validation;
using RseRules.Reporting.Tests.Support;

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
            document.QuerySelectorAll("a").ShouldBeEmpty(format.ToString());
            document.QuerySelectorAll("style").Length.ShouldBe(format == ReportFormat.Html ? 1 : 0);
            if (format == ReportFormat.Html)
            {
                document.QuerySelectorAll("meta[http-equiv=Content-Security-Policy]").ShouldHaveSingleItem().GetAttribute("content").ShouldBe(ContentSecurityPolicy.Policy);
                document.QuerySelectorAll("svg").Length.ShouldBe(5); // the charts, and no SVG from the data
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

    /// <summary>The example's record with its texts replaced by hostile ones (unique ids kept unique), evaluated again.</summary>
    private (JObject Record, string[] Texts) HostileRecord(int offset)
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(example.Root, "methods", "rse-value", "1.0.0", "examples", "example.json")));
        var all = HostileText.All;
        var k = offset;
        string Next() => all[k++ % all.Length];
        var used = new List<string>();
        string Take(string suffix = "")
        {
            // Ids are at most 40 characters (the norm's declaration): a long text is cut to fit.
            var t = suffix.Length == 0 ? Next() : Next()[..Math.Min(36, all[(k - 1) % all.Length].Length)] + suffix;
            used.Add(t);
            return t;
        }

        document["organization"]!["name"] = Take();
        document["organization"]!["sector"] = Take();
        var stakeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stake, i) in ((JArray)document["stakes"]!).Select((s, i) => ((JObject)s, i)))
        {
            var id = Take($" #S{i}");
            stakeIds[stake["id"]!.Value<string>()!] = id;
            stake["id"] = id;
            stake["label"] = Take();
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (usage, i) in ((JArray)document["usages"]!).Select((u, i) => ((JObject)u, i)))
        {
            ids[usage["id"]!.Value<string>()!] = Take($" #U{i}");
            usage["id"] = ids[usage["id"]!.Value<string>()!];
            usage["label"] = Take();
            var contributions = (JObject)usage["contributions"]!;
            usage["contributions"] = new JObject(contributions.Properties().Select(p => new JProperty(stakeIds[p.Name], p.Value)));
        }

        foreach (var (risk, i) in ((JArray)document["risks"]!).Select((r, i) => ((JObject)r, i)))
        {
            ids[risk["id"]!.Value<string>()!] = Take($" #R{i}");
            risk["id"] = ids[risk["id"]!.Value<string>()!];
            risk["label"] = Take();
            risk["mitigation"] = Take();
        }

        // Other places name usages and risks by id (the gains' usages): they follow.
        foreach (var value in document.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String && v.Parent is JArray).ToList())
        {
            if (ids.TryGetValue(value.Value<string>()!, out var renamed))
            {
                value.Value = renamed;
            }
        }

        var diagnostics = new List<RseRules.Core.Diagnostics.Diagnostic>();
        var source = JsonSource.Parse(document.ToString(), "hostile.json", diagnostics).ShouldNotBeNull();
        var inputs = InputValidator.Validate(example.Compiled.Method, source);
        inputs.Value.ShouldNotBeNull(string.Join("\n", inputs.Diagnostics));
        var result = Evaluator.Evaluate(example.Compiled, inputs.Value!);
        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics));
        return (EvaluationRecord.Build(result), [.. used]);
    }

    /// <summary>White space folded (as a reader sees it, and as Markdown folds line breaks), control characters dropped.</summary>
    private static string Fold(string text) =>
        string.Join(' ', new string([.. text.Where(c => !(c < ' ' && c is not ('\t' or '\n' or '\r')) && c is not ('\uFFFD' or '\u007F'))])
            .Split([' ', '\t', '\n', '\r', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries));
}
