using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

/// <summary>
/// The default template set presents any method from its declarations: the loan-vs-lease test method (with a
/// <c>report</c> member: decision, headline, charts) and the all-types test method (without one) render in both languages,
/// in HTML (parsed strictly), Markdown and PDF, with every result's label and no raw id outside the code of the annexes;
/// comparisons of scenarios too. Golden files under TestData/golden/default.
/// </summary>
public sealed class DefaultTemplateSetTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "loan", "fr", "html" }, { "loan", "en", "html" }, { "loan", "fr", "md" }, { "loan", "en", "md" },
        { "all-types", "fr", "html" }, { "all-types", "en", "html" }, { "all-types", "fr", "md" }, { "all-types", "en", "md" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_AnyMethod_MatchesGoldenFileWithEveryResultLabelAndNoRawId(string which, string language, string format)
    {
        var (method, record) = Evaluate(which, 0);
        var text = Render(method, record, language, format == "md" ? ReportFormat.Markdown : ReportFormat.Html);
        Golden.Check(example.Root, Path.Combine("default", $"{which}.{language}.{format}"), text);
        text.ShouldNotContain("{{");

        var html = format == "md" ? Markdown.ToHtml(text, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()) : text;
        var document = format == "md"
            ? new HtmlParser().ParseDocument(html)
            : new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(html); // strict: throws on any HTML5 parse error
        foreach (var code in document.QuerySelectorAll("code, pre").ToList())
        {
            code.Remove(); // formulas and the input document are code, in the annexes
        }

        var visible = document.Body!.TextContent;
        foreach (var result in method.Results)
        {
            var label = (method.Indicators.FirstOrDefault(i => i.Id == result.From)?.Label ?? method.Inputs.First(i => i.Id == result.From).Label!).In(language);
            visible.ShouldContain(label, Case.Sensitive, $"the label of {result.Id}");
            if (label != result.Id)
            {
                System.Text.RegularExpressions.Regex.IsMatch(visible, $@"\b{result.Id}\b").ShouldBeFalse($"the raw id {result.Id} is shown");
            }
        }
    }

    [Fact]
    public void Render_DeclaredReportMember_PutsDecisionHeadlineAndChartsFirst()
    {
        var (method, record) = Evaluate("loan", 0);
        var document = new HtmlParser().ParseDocument(Render(method, record, "en", ReportFormat.Html));
        document.QuerySelector(".decision .verdict")!.TextContent.ShouldBe("loan");
        document.QuerySelectorAll(".kpi .l").Select(e => e.TextContent).ShouldBe(["Loan NPV", "Lease NPV", "Savings of the cheapest option", "Loan annuity", "Total loan interest"]);
        // The method's test case delivery-van.json (an independent computation): npvLoan -30,815.42, shown in whole euros.
        document.QuerySelectorAll(".kpi .v")[0].TextContent.ShouldBe("-€30,815");
        var charts = document.QuerySelectorAll("#charts figure svg");
        charts.Length.ShouldBe(2);
        charts[0].GetAttribute("aria-label").ShouldBe("Cumulative cash flows: loan and lease");
        document.QuerySelectorAll("nav.toc li").Select(li => li.TextContent).ShouldBe(["Summary", "Charts", "Assumptions", "Results", "Findings", "Appendix A — Method", "Appendix B — Audit trail"]);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("md")]
    public void RenderComparison_TwoScenarios_MatchesGoldenFile(string format)
    {
        var first = Evaluate("loan", 0);
        var second = Evaluate("loan", 1);
        var result = ReportRenderer.RenderComparison(first.Method, [new Scenario("delivery-van", first.Record), new Scenario("company-car", second.Record)],
            Path.Combine(example.Root, "templates", "default"), ReportOptions.Default with { Language = "en", Format = format == "md" ? ReportFormat.Markdown : ReportFormat.Html, Date = "2026-12-06" });
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        Golden.Check(example.Root, Path.Combine("default", $"compare-loan.en.{format}"), result.Text!);
        // The method's test cases delivery-van.json and loan-beyond-horizon.json (company car): npvLoan -30,815.42 and
        // -17,869.23, a difference of +12,946.19; annuities 6,887.25 and 3,546.31, a difference of -3,340.94.
        result.Text.ShouldNotBeNull().ShouldContain(format == "md" ? "| Loan NPV | -€30,815 | -€17,869 | +€12,946 |" : "+€12,946");
        result.Text.ShouldContain("−€3,341");
        result.Text.ShouldContain("3 years"); // the company car's horizon, among what changes
        if (format == "html")
        {
            // Every figure says what it shows: each numeric row's bars are captioned with the row's label.
            var html = new HtmlParser().ParseDocument(result.Text);
            html.QuerySelectorAll("#headline figure").Select(f => f.QuerySelector("figcaption")?.TextContent)
                .ShouldBe(["Loan NPV", "Lease NPV", "Savings of the cheapest option", "Loan annuity", "Total loan interest"]);
        }
    }

    [Fact]
    public void RenderComparison_TheNorm_ComparesItsHeadlineAndItsCurves()
    {
        var pilot = example.Record;
        var document = JObject.Parse(File.ReadAllText(Path.Combine(example.Root, "methods", "rse-value", "1.0.0", "examples", "example.json")));
        document["knowledgeWorkers"] = 300; // a two-site pilot: 300 active users instead of 1,200
        document["employees"] = 500;
        var rollout = EvaluateDocument(example.Compiled, document);
        var result = ReportRenderer.RenderComparison(example.Method, [new Scenario("full roll-out", pilot), new Scenario("pilot", rollout)],
            Path.Combine(example.Root, "templates", "default"), ReportOptions.Default with { Language = "fr", Date = "2026-12-06" });
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        Golden.Check(example.Root, Path.Combine("default", "compare-norm.fr.html"), result.Text!);
        var html = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(result.Text!);
        html.QuerySelectorAll("#inputs-changed tbody tr").Select(r => r.Children[0].TextContent).ShouldContain("Collaborateurs du savoir");
    }

    [Fact]
    public void Print_DefaultSetReportAndComparison_ArePdfsWithTheirTitle()
    {
        if (PdfPrinter.FindChromium() is null)
        {
            (Environment.GetEnvironmentVariable("CI") == "true").ShouldBeFalse("CI must install chromium (see .ci/run)");
            return;
        }

        var work = Directory.CreateTempSubdirectory("rse-default-pdf-").FullName;
        try
        {
            foreach (var which in new[] { "loan", "all-types" })
            {
                var (method, record) = Evaluate(which, 0);
                var pdf = Path.Combine(work, which + ".pdf");
                PdfPrinter.Print(Render(method, record, "fr", ReportFormat.Html), pdf).ShouldBeEmpty();
                Run("pdftotext", "-f", "1", "-l", "1", pdf, "-").ShouldContain(method.Title.Fr.Split(':')[0]);
            }

            var (loan, van) = Evaluate("loan", 0);
            var car = Evaluate("loan", 1).Record;
            var comparison = ReportRenderer.RenderComparison(loan, [new Scenario("delivery-van", van), new Scenario("company-car", car)],
                Path.Combine(example.Root, "templates", "default"), ReportOptions.Default with { Language = "en", Date = "2026-12-06" });
            var file = Path.Combine(work, "compare.pdf");
            PdfPrinter.Print(comparison.Text!, file).ShouldBeEmpty();
            Run("pdftotext", file, "-").ShouldContain("Results side by side");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Theory]
    [InlineData("fr", "html")]
    [InlineData("en", "md")]
    public void Render_DocumentWithADistribution_HasTheUncertaintySection(string language, string format)
    {
        // The default set's page loop once named its section variable `s`, which the uncertainty section also assigns:
        // every document with a distribution failed with "Cannot get member with name present".
        var methodDir = Path.Combine(example.Root, "tests", "methods", "loan-vs-lease", "1.0.0");
        using var compiled = Engine.LoadAndCompile(methodDir).Method.ShouldNotBeNull();
        var document = JObject.Parse(File.ReadAllText(Path.Combine(methodDir, "examples", "delivery-van.json")));
        document["assetPrice"] = new JObject { ["distribution"] = "triangular", ["min"] = 24000, ["mode"] = 30000, ["max"] = 36000 };
        var path = Path.Combine(Path.GetTempPath(), $"rse-doc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToString());
        try
        {
            var (result, diagnostics) = Engine.Evaluate(compiled, path);
            result.ShouldNotBeNull(string.Join("\n", diagnostics));
            var uncertainty = new ReportUncertainty(
                Core.Uncertainty.Simulator.Run(compiled, result.Inputs, new Core.Uncertainty.SimulationOptions { Iterations = 500, Seed = 1 }),
                Core.Uncertainty.Sensitivity.Analyze(compiled, result.Inputs));
            var rendered = ReportRenderer.Render(compiled.Method, EvaluationRecord.Build(result), Path.Combine(example.Root, "templates", "default"),
                ReportOptions.Default with { Language = language, Format = format == "md" ? ReportFormat.Markdown : ReportFormat.Html, Date = "2026-12-06" },
                uncertainty: uncertainty);

            rendered.Diagnostics.ShouldBeEmpty(string.Join("\n", rendered.Diagnostics));
            var text = rendered.Text.ShouldNotBeNull();
            text.ShouldContain(language == "fr" ? "Existe dans" : "Exists in");
            text.ShouldContain("100");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private string Render(MethodDefinition method, JObject record, string language, ReportFormat format)
    {
        var result = ReportRenderer.Render(method, record, Path.Combine(example.Root, "templates", "default"),
            ReportOptions.Default with { Language = language, Format = format, Date = "2026-12-06" });
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Text.ShouldNotBeNull();
    }

    /// <summary>The loan method on its delivery van (0) or company car (1); the all-types test method on its inputs.</summary>
    private (MethodDefinition Method, JObject Record) Evaluate(string which, int document)
    {
        var (methodDir, inputs) = which == "loan"
            ? (Path.Combine(example.Root, "tests", "methods", "loan-vs-lease", "1.0.0"), document == 0 ? "delivery-van.json" : "company-car.json")
            : (Path.Combine(example.Root, "tests", "RseRules.Core.Tests", "TestData", "all-types"), "inputs.json");
        var compiled = Engine.LoadAndCompile(methodDir);
        compiled.Diagnostics.ShouldBeEmpty(string.Join("\n", compiled.Diagnostics));
        var path = which == "loan" ? Path.Combine(methodDir, "examples", inputs) : Path.Combine(methodDir, inputs);
        var (result, diagnostics) = Engine.Evaluate(compiled.Method!, path);
        result.ShouldNotBeNull(string.Join("\n", diagnostics));
        result.Success.ShouldBeTrue(string.Join("\n", diagnostics));
        return (compiled.Method!.Method, EvaluationRecord.Build(result));
    }

    private static JObject EvaluateDocument(Core.Compilation.CompiledMethod method, JObject document)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rse-doc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToString());
        try
        {
            var (result, diagnostics) = Engine.Evaluate(method, path);
            result.ShouldNotBeNull(string.Join("\n", diagnostics));
            return EvaluationRecord.Build(result);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
