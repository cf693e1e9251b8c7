using AngleSharp.Html.Parser;
using RseRules.Core.Diagnostics;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

public sealed class ReportRendererTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    [Theory]
    [InlineData("fr", ReportFormat.Markdown, "report.fr.md")]
    [InlineData("en", ReportFormat.Markdown, "report.en.md")]
    [InlineData("fr", ReportFormat.Html, "report.fr.html")]
    [InlineData("en", ReportFormat.Html, "report.en.html")]
    public void Render_Example_MatchesGoldenFile(string language, ReportFormat format, string golden) =>
        Golden.Check(example.Root, golden, example.Render(language, format));

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Render_Html_IsWellFormedHtml5WithOneSvgPerChart(string language)
    {
        var html = example.Render(language, ReportFormat.Html);
        var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = true });
        var document = parser.ParseDocument(html); // strict mode throws on any HTML5 parse error
        document.DocumentElement.GetAttribute("lang").ShouldBe(language);
        html.ShouldNotContain("{{");
        System.Text.RegularExpressions.Regex.Replace(html, "<pre[^>]*>.*?</pre>", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline)
            .ShouldNotContain("}}"); // the canonical JSON of the annex may hold "}}", nothing else
        document.QuerySelectorAll("script, link[rel=stylesheet], img[src^=http]").Length.ShouldBe(0); // self-contained
        document.QuerySelectorAll("a").ShouldAllBe(a => a.GetAttribute("href")!.StartsWith('#')); // the contents' links, within the page
        // Four charts: the contribution heat map, the usage scores, the cumulative cash flow, the risk matrix.
        document.QuerySelectorAll("figure").Length.ShouldBe(4);
        document.QuerySelectorAll("figure > svg").Length.ShouldBe(4);
        document.QuerySelectorAll("svg").Length.ShouldBe(4);
        // Cover, summary, assumptions, stakes, financial, risks, method; appendices formulas and audit.
        document.QuerySelectorAll("section").Select(s => string.IsNullOrEmpty(s.Id) ? "cover" : s.Id).ShouldBe(["cover", "summary", "assumptions", "stakes", "financial", "risks", "methodology", "formulas", "audit"]);
    }

    [Fact]
    public void Render_French_FormatsNumbersTheFrenchWay()
    {
        var text = example.Render("fr", ReportFormat.Markdown);
        // NPV 382 018.41 € and risk-adjusted NPV 98 885.73 € (tests/reference/cases/example.expected.json), in whole euros.
        text.ShouldContain("382\u00A0018\u00A0€");
        text.ShouldContain("98\u00A0886\u00A0€");
        // ROI 0.41793... → 41,8 %; IRR 0.61827... → 61,8 %.
        text.ShouldContain("41,8\u00A0%");
        text.ShouldContain("61,8\u00A0%");
        text.ShouldContain("GO sous conditions");
    }

    [Fact]
    public void Render_English_FormatsNumbersTheEnglishWay()
    {
        var text = example.Render("en", ReportFormat.Markdown);
        text.ShouldContain("€382,018");
        text.ShouldContain("€98,886");
        text.ShouldContain("41.8%");
        text.ShouldContain("GO with conditions");
    }

    [Fact]
    public void Render_TemplateSyntaxError_ReportsTemplateFileLineColumnAndNoText()
    {
        var set = CopyTemplates();
        File.WriteAllText(Path.Combine(set, "md", "_risks.sbn"), "## Risks\n\n{{ for r in inputs.risks }}\n| {{ r.id }\n");
        var result = ReportRenderer.Render(example.Method, example.Record, set, ReportOptions.Default with { Format = ReportFormat.Markdown, Date = "2026-11-27" });
        result.Text.ShouldBeNull();
        result.Diagnostics.ShouldNotBeEmpty();
        result.Diagnostics.ShouldAllBe(d => d.Code == DiagnosticCode.TemplateSyntax && d.File!.EndsWith("_risks.sbn") && d.Line == 4);
        result.Diagnostics.ShouldContain(d => d.Column == 11); // the stray '}' of "| {{ r.id }"
    }

    [Fact]
    public void Render_UnknownVariable_ReportsRuntimeErrorAtItsPlace()
    {
        var set = CopyTemplates();
        File.WriteAllText(Path.Combine(set, "md", "_audit.sbn"), "## Audit\n\nEngine: {{ engine_version }}\nHash: {{ no_such_variable }}\n");
        var result = ReportRenderer.Render(example.Method, example.Record, set, ReportOptions.Default with { Format = ReportFormat.Markdown, Date = "2026-11-27" });
        result.Text.ShouldBeNull();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.TemplateRuntime);
        d.File!.ShouldEndWith(Path.Combine("md", "_audit.sbn"));
        (d.Line, d.Column).ShouldBe((4, 10));
    }

    [Fact]
    public void Render_IncludeOutsideTheTemplateSet_IsRefused()
    {
        var set = CopyTemplates();
        File.WriteAllText(Path.Combine(set, "md", "_audit.sbn"), "{{ include '../../../../etc/passwd' }}\n");
        var result = ReportRenderer.Render(example.Method, example.Record, set, ReportOptions.Default with { Format = ReportFormat.Markdown, Date = "2026-11-27" });
        result.Text.ShouldBeNull();
        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("outside the template set");
    }

    [Fact]
    public void Render_MissingTemplateSet_ReportsTemplateNotFound()
    {
        var result = ReportRenderer.Render(example.Method, example.Record, Path.Combine(Path.GetTempPath(), "no-such-set"), ReportOptions.Default);
        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.TemplateNotFound);
    }

    [Fact]
    public void Render_Twice_GivesIdenticalText()
    {
        example.Render("fr", ReportFormat.Html).ShouldBe(example.Render("fr", ReportFormat.Html));
    }

    private string CopyTemplates()
    {
        var target = Directory.CreateTempSubdirectory("rse-templates-").FullName;
        foreach (var file in Directory.GetFiles(example.Templates, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(example.Templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
