using System.Text.Json.Nodes;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// The format-2 test method tests/methods/vendor-scoring through the CLI: enum labels, record and collection results as
/// tables and as JSON. Figures are those of its README (computed by hand): 30 + 30 + 10 + 2.5 = 72.5 points.
/// </summary>
public class VendorScoringTests
{
    private static readonly string MethodDir = Path.Combine(Repo.TestMethodsDir, "vendor-scoring", "1.0.0");

    private static readonly string Example = Path.Combine(MethodDir, "examples", "acme-supplies.json");

    [Fact]
    public void Validate_VendorScoring_Valid()
    {
        var r = Rse.Run("validate", MethodDir);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("vendor-scoring@1.0.0 valid");
        r.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public void Test_VendorScoring_EveryCasePasses()
    {
        var r = Rse.Run("test", MethodDir);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldEndWith("6 passed, 0 failed" + Environment.NewLine);
    }

    [Fact]
    public void Evaluate_Table_ShowsTheEnumLabelAndOneTablePerRecordOrCollection()
    {
        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Example, "--lang", "en");

        r.ExitCode.ShouldBe(0, r.ToString());
        var lines = r.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        // Columns: the result's label, its value (an enum by its label), its id.
        lines.ShouldContain(l => l.StartsWith("  Verdict ", StringComparison.Ordinal) && l.Contains(" Acceptable ", StringComparison.Ordinal) && l.EndsWith(" verdict", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("  Breakdown by criterion ", StringComparison.Ordinal) && l.Contains("(table below)", StringComparison.Ordinal) && l.EndsWith(" breakdown", StringComparison.Ordinal));
        lines.ShouldContain("Breakdown by criterion (breakdown)");
        var support = lines.Single(l => l.TrimStart().StartsWith("support ", StringComparison.Ordinal) && l.Contains("Support", StringComparison.Ordinal));
        // Numbers of a table in the language's culture (2.5 points, shown to the cent below 10).
        support.Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["support", "Support", "2", "10", "2.50"]);
        lines.ShouldContain("Summary (summary)");
        lines.ShouldContain(l => l.Contains("Level", StringComparison.Ordinal) && l.EndsWith("Weak", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_Table_InFrenchShowsTheFrenchLabel()
    {
        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Example, "--lang", "fr");

        r.Stdout.ShouldContain("Acceptable");
        r.Stdout.ShouldContain("(tableau ci-dessous)");
        r.Stdout.ShouldContain("Délais de livraison");
        var support = r.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("support ", StringComparison.Ordinal));
        support.Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["support", "Assistance", "2", "10", "2,50"]); // a decimal comma
    }

    [Fact]
    public void Evaluate_Json_KeepsTheEnumCodeAndGivesRecordsAsObjects()
    {
        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Example, "--format", "json");

        r.ExitCode.ShouldBe(0, r.ToString());
        var results = JsonNode.Parse(r.Stdout)!["results"]!;
        results["verdict"]!.GetValue<string>().ShouldBe("acceptable");
        var breakdown = results["breakdown"]!.AsArray();
        breakdown.Select(b => b!["criterion"]!.GetValue<string>()).ShouldBe(["price", "quality", "delivery", "support"]);
        breakdown.Select(b => b!["points"]!.GetValue<double>()).ShouldBe([30.0, 30.0, 10.0, 2.5]);
        breakdown[1]!["label"]!["en"]!.GetValue<string>().ShouldBe("Quality");
        results["summary"]!.AsObject().Select(p => p.Key).ShouldBe(["lowestRating", "lowestRatingLabel", "criteriaAtMaximum"]);
        results["summary"]!["lowestRating"]!.GetValue<long>().ShouldBe(2);
        var findings = JsonNode.Parse(r.Stdout)!["findings"]!.AsArray();
        findings.Single(f => f!["code"]!.GetValue<string>() == "TOP_RATING")!["item"]!.GetValue<string>().ShouldBe("quality");
    }

    [Fact]
    public void Report_Markdown_HasTheBreakdownTable()
    {
        using var temp = new TempFolder();
        var output = temp.File("vendor.md");

        var r = Rse.Run("report", "--method", MethodDir, "--inputs", Example, "--lang", "en", "--out", output);

        r.ExitCode.ShouldBe(0, r.ToString());
        var text = File.ReadAllText(output);
        text.ShouldContain("Acceptable**"); // the decision, by its label
        text.ShouldContain("| Criterion | Label | Rating | Weight | Points |");
        text.ShouldContain("| support | Support | 2 | 10\u00a0points | 2.50\u00a0points |"); // a number and its unit never part
        text.ShouldContain("| Level | Weak |");
    }

    [Fact]
    public void Explain_CollectionIndicator_ShowsItsFormulaAndWhatItReads()
    {
        var r = Rse.Run("explain", "--method", MethodDir, "--inputs", Example, "score");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("score = 72.5");
        r.Stdout.ShouldContain("breakdown");
    }
}
