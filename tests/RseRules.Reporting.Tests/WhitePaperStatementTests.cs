using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Core.Uncertainty;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

/// <summary>
/// The norm's white paper says what the figures say: each statement whose truth depends on them (the business case,
/// the break-even time saved, the payback, the IRR, the payback across the draws) is worded by case, and the breakdowns
/// of benefits and costs add up. Expected figures come from the norm's test cases (an independent computation with exact
/// rationals, tests/reference), never from the engine's output.
/// </summary>
public sealed class WhitePaperStatementTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    private string Norm => Path.Combine(example.Root, "methods", "rse-value", "1.0.0");

    [Fact]
    public void Render_ProfitableExample_SaysItCreatesValueAndTheBreakEvenMargin()
    {
        var summary = Section(Render(Path.Combine(Norm, "examples", "example.json"), "fr"), "summary");
        // tests/example.json: npvAdjusted 98,885.73, paybackAdjusted 2.3386 years, irrAdjusted 0.22577.
        summary.ShouldContain("Le projet crée de la valeur, risques compris : VAN ajustée du risque de 98 886 € sur 3 ans, investissement récupéré en 2,3 ans, TRI ajusté 22,6 %.");
        // breakEvenMinutesPerWeek 25.89 against the assumption 0.5 h = 30 minutes: a margin of 4.11 minutes.
        summary.ShouldContain("tant que chaque utilisateur actif gagne au moins 26 minutes par semaine ; l'hypothèse retenue est de 30 minutes, soit une marge de 4 minutes.");
        summary.ShouldNotContain("ne se rembourse pas");
    }

    [Fact]
    public void Render_PaybackNeverReached_SaysSoInEveryPlace()
    {
        var page = Render(Path.Combine(Norm, "tests", "inputs", "payback-none.json"), "en");
        var summary = Section(page, "summary");
        // tests/payback-none.json: payback and paybackAdjusted null (not reached within the horizon), npvAdjusted < 0.
        summary.ShouldContain("The project does not pay for itself, allowing for risk:");
        summary.ShouldContain("investment not recovered within the study horizon");
        summary.ShouldContain("beyond the horizon");
        summary.ShouldNotContain("creates value");
        Section(page, "financial").ShouldContain("the adjusted cumulative does not turn positive within the horizon");
    }

    [Theory]
    [InlineData("example.json", new[] { 252000.0, 256750.0, 256750.0, 257250.0 }, new[] { 0.0, 342000.0, 527000.0, 664625.0 })]
    [InlineData("payback-none.json", null, null)]
    public void Render_BenefitsAndCostsBreakdowns_AddUpToTheTotals(string document, double[]? costs, double[]? benefits)
    {
        var path = document == "example.json" ? Path.Combine(Norm, "examples", document) : Path.Combine(Norm, "tests", "inputs", document);
        var expected = JObject.Parse(File.ReadAllText(Path.Combine(Norm, "tests", document == "example.json" ? "example.json" : document)))["expected"]!;
        costs ??= [.. ((JArray)expected["costs"]!["value"]!).Select(v => v.Value<double>())];
        benefits ??= [.. ((JArray)expected["benefits"]!["value"]!).Select(v => v.Value<double>())];
        var html = new HtmlParser().ParseDocument(Render(path, "en"));
        var tables = html.QuerySelectorAll("#financial table.flows");
        foreach (var (table, totals) in new[] { (tables[0], benefits), (tables[1], costs) })
        {
            var rows = table.QuerySelectorAll("tbody tr").ToList();
            var total = rows[^1];
            for (var year = 0; year < totals.Length; year++)
            {
                // Each cell in whole euros: the items add up to the total within one euro per item.
                var items = rows.SkipLast(1).Sum(r => Euros(r.Children[year + 1].TextContent));
                Math.Abs(items - totals[year]).ShouldBeLessThanOrEqualTo(rows.Count, $"year {year}");
                Euros(total.Children[year + 1].TextContent).ShouldBe(Math.Round(totals[year]), $"year {year}");
            }
        }
    }

    [Theory]
    [InlineData("fr", "40,0 % (loi triangulaire 20,0 % – 50,0 %)", "0,50 h (loi PERT 0,25 – 1)")]
    [InlineData("en", "40.0% (triangular 20.0% – 50.0%)", "0.50 h (PERT 0.25 – 1)")]
    public void Render_UncertainAssumption_GivesItsLawWithBoundsInTheValuesUnit(string language, string adoption, string hours)
    {
        // examples/example-uncertain.json: adoption year 1 triangular(0.2, 0.4, 0.5), a share; hours PERT(0.25, 0.5, 1).
        var assumptions = Section(Render(Path.Combine(Norm, "examples", "example-uncertain.json"), language), "assumptions");
        assumptions.ShouldContain(adoption);
        assumptions.ShouldContain(hours);
    }

    [Theory]
    [InlineData("fr", "Étude interne (échelle 0..4)", "Internal study (0..4 scale)", "70,0 %")]
    [InlineData("en", "Internal study (0..4 scale)", "Étude interne (échelle 0..4)", "70.0%")]
    public void Render_Parameters_SourceInTheReportsLanguageAndValuesInTheirUnit(string language, string shown, string hidden, string likelihood)
    {
        // A source given in two languages is printed in the report's; the norm's likelihood of level 4 is 0.7, a share.
        var method = example.Method with
        {
            Parameters = [.. example.Method.Parameters.Select((p, i) => i == 0 ? p with { Source = new LocalizedText("Étude interne (échelle 0..4)", "Internal study (0..4 scale)") } : p)],
        };
        var rendered = ReportRenderer.Render(method, example.Record, example.Templates, ReportOptions.Default with { Language = language, Date = "2026-12-06" });
        var methodology = Section(rendered.Text.ShouldNotBeNull(), "methodology");
        methodology.ShouldContain(shown);
        methodology.ShouldNotContain(hidden);
        methodology.ShouldContain("4 → " + likelihood);
        methodology.ShouldNotContain("fraction"); // a unit name for the engine, not for the reader
    }

    [Theory]
    [InlineData("partial")]
    [InlineData("never")]
    public void Render_PaybackAcrossTheDraws_GivesTheShareWhereItExistsAndStatisticsOverThose(string which)
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(Norm, "examples", "example-uncertain.json")));
        document["costs"]!["initial"]!["integration"] = which == "partial" ? 260000 : 5000000;
        document["gains"]!["timeSaved"]!["hoursPerWeek"] = new JObject { ["distribution"] = "pert", ["min"] = 0.1, ["mode"] = 0.35, ["max"] = 1.0 };
        using var compiled = Engine.LoadAndCompile(Norm).Method!;
        var path = Path.Combine(Path.GetTempPath(), $"rse-partial-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToString());
        try
        {
            var (result, _) = Engine.Evaluate(compiled, path);
            result.ShouldNotBeNull().Success.ShouldBeTrue();
            var simulation = Simulator.Run(compiled, result.Inputs, new SimulationOptions { Iterations = 2_000, Seed = 1 });
            var rendered = ReportRenderer.Render(compiled.Method, EvaluationRecord.Build(result), example.Templates,
                ReportOptions.Default with { Language = "en", Date = "2026-12-06" }, uncertainty: new ReportUncertainty(simulation, Sensitivity.Analyze(compiled, result.Inputs)));
            var text = Section(rendered.Text.ShouldNotBeNull(), "uncertainty");
            var payback = simulation.Numbers.Single(n => n.Id == "paybackAdjusted");
            if (which == "never")
            {
                payback.Count.ShouldBe(0);
                text.ShouldContain("In no draw is the investment recovered, allowing for risk, within the horizon of 3 years.");
                return;
            }

            // The share where the payback exists, and its median over those draws only (statistics over missing values
            // would be meaningless: "P50 3.5 years" while most draws never pay back).
            var share = (double)payback.Count / (payback.Count + payback.Missing);
            share.ShouldBeInRange(0.05, 0.95);
            text.ShouldContain($"The investment is recovered, allowing for risk, within the horizon in {(share * 100).ToString("0.0", CultureInfo.InvariantCulture)}% of the draws; among them, in {payback.P50.ToString("0.0", CultureInfo.InvariantCulture)} years (median");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private string Render(string inputs, string language)
    {
        using var compiled = Engine.LoadAndCompile(Norm).Method!;
        var (result, diagnostics) = Engine.Evaluate(compiled, inputs);
        result.ShouldNotBeNull(string.Join("\n", diagnostics)).Success.ShouldBeTrue(string.Join("\n", diagnostics));
        var rendered = ReportRenderer.Render(compiled.Method, EvaluationRecord.Build(result), example.Templates, ReportOptions.Default with { Language = language, Date = "2026-12-06" });
        rendered.Diagnostics.ShouldBeEmpty(string.Join("\n", rendered.Diagnostics));
        return rendered.Text.ShouldNotBeNull();
    }

    /// <summary>The text of a section as a reader sees it (white space folded, no-break spaces as spaces).</summary>
    private static string Section(string html, string id)
    {
        IElement section = new HtmlParser().ParseDocument(html).QuerySelector("section#" + id).ShouldNotBeNull();
        return string.Join(' ', section.TextContent.Replace('\u00A0', ' ').Replace('\u202F', ' ').Split([' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A money cell ("€262,500", "-€61,650", "—" for none) as euros.</summary>
    private static double Euros(string cell)
    {
        var text = cell.Trim();
        if (text == "—")
        {
            return 0;
        }

        var negative = text.StartsWith('-');
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        return (negative ? -1 : 1) * double.Parse(digits, CultureInfo.InvariantCulture);
    }
}
