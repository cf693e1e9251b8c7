using System.Text.Json;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// <c>rse diff</c> on copies of the loan-vs-lease test method changed in a temp folder. Expected old figures come from
/// the method's test case (tests/methods/loan-vs-lease/1.0.0/tests/delivery-van.json, computed by reference.py with
/// exact fractions), expected new figures from them by hand, never from the engine.
/// </summary>
public class DiffCommandTests
{
    private const string OldFormulaStart = "Series(horizonYears + 1, t => t == 0 ? -downPayment :";
    private const string NewFormulaStart = "Series(horizonYears + 1, t => t == 0 ? -downPayment - loanFee :";

    /// <summary>
    /// The loan method as version 1.1.0, with three edits: the indifference threshold 500 → 5000 EUR, a new optional
    /// input <c>loanFee</c> (default 250 EUR), and <c>loanCashFlows</c> paying that fee in year 0.
    /// </summary>
    private static string Variant(TempFolder temp, string name = "v2", bool feeRequired = false)
    {
        var dir = temp.CopyFolder(Repo.LoanMethodDir, name);
        var file = Path.Combine(dir, "method.json");
        var text = File.ReadAllText(file);
        text = Edit(text, "\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        text = Edit(text, "\"value\": 500,", "\"value\": 5000,");
        text = Edit(text, "    { \"id\": \"residualValue\",",
            "    { \"id\": \"loanFee\", \"type\": \"number\", \"min\": 0, \"unit\": \"EUR\", "
            + (feeRequired ? string.Empty : "\"required\": false, \"default\": 250, ")
            + "\"label\": { \"fr\": \"Frais de dossier\", \"en\": \"Loan fee\" } },\n    { \"id\": \"residualValue\",");
        text = Edit(text, "\"formula\": \"" + OldFormulaStart, "\"formula\": \"" + NewFormulaStart);
        File.WriteAllText(file, text);
        return dir;
    }

    private static string Edit(string text, string old, string @new)
    {
        text.Split(old).Length.ShouldBe(2, $"'{old}' must occur once in the loan method.");
        return text.Replace(old, @new, StringComparison.Ordinal);
    }

    /// <summary>The formula of an indicator, read from a method file with System.Text.Json.</summary>
    private static string Formula(string methodDir, string indicator)
    {
        using var json = IndependentJson.ParseFile(Path.Combine(methodDir, "method.json"));
        return json.RootElement.GetProperty("indicators").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == indicator).GetProperty("formula").GetString()!;
    }

    /// <summary>The reference figure of a result for the example document (the method's test case).</summary>
    private static JsonElement Reference(string id)
    {
        using var json = IndependentJson.ParseFile(Path.Combine(Repo.LoanMethodDir, "tests", "delivery-van.json"));
        return json.RootElement.GetProperty("expected").GetProperty(id).Clone();
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void Diff_LoanVariant_ExitsWith0AndListsEachChangeBySection()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stderr.ShouldBeEmpty();
        r.Stdout.ShouldBe(Lines(
            "loan-vs-lease@1.0.0 → loan-vs-lease@1.1.0",
            "Parameters",
            "  ~ indifferenceThreshold: value 500 → 5000",
            "Inputs",
            "  + loanFee: number, min 0, optional, default 250",
            "Indicators",
            "  ~ loanCashFlows: formula",
            "      old: " + Formula(Repo.LoanMethodDir, "loanCashFlows"),
            "      new: " + Formula(variant, "loanCashFlows")));
    }

    [Fact]
    public void Diff_LoanVariant_FormulaLinesAreTheFileFormulas()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--lang", "en");

        Formula(Repo.LoanMethodDir, "loanCashFlows").ShouldStartWith(OldFormulaStart);
        Formula(variant, "loanCashFlows").ShouldStartWith(NewFormulaStart);
        r.Stdout.ShouldContain("      old: " + OldFormulaStart);
        r.Stdout.ShouldContain("      new: " + NewFormulaStart);
    }

    [Fact]
    public void Diff_WithInputs_TextShowsTheEffectOnEveryResult()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--inputs", Repo.LoanExample, "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        var effect = r.Stdout[r.Stdout.IndexOf("Effect on results (", StringComparison.Ordinal)..];

        // The fee is paid in year 0, undiscounted: the loan NPV and the savings drop by exactly 250 EUR
        // (-30815.42 → -31065.42; 4440.9 → 4190.9); the lease is untouched. With the threshold now 5,000 EUR,
        // savings of 4,190.90 are below it and the stated preference (lease) is recommended.
        effect.ShouldContain("  ~ npvLoan (Loan NPV): -30815.42 → -31065.42 (-250, -0.81%)\n");
        effect.ShouldContain("  ~ savings (Savings of the cheapest option): 4440.9 → 4190.9 (-250, -5.63%)\n");
        effect.ShouldContain("  ~ recommendation (Recommended option): \"loan\" → \"lease\"\n");
        effect.ShouldContain("  ~ loanCashFlows (Yearly loan cash flows (years 0 to H)): 1 of 6 element(s) changed\n      [0] -5000 → -5250 (-250, -5%)\n");
        effect.ShouldContain("  = npvLease (Lease NPV): -35256.32\n");
        effect.ShouldContain("  = cheapestOption (Cheapest option): \"loan\"\n");
        var results = effect[..effect.IndexOf("Effect on findings (", StringComparison.Ordinal)];
        results.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("      ", StringComparison.Ordinal)).ShouldBe(11);

        // Findings: savings of 4,440.90 EUR above the old threshold (500) made the preference costly (warning); 4,190.90 below
        // the new one (5,000) retains it (info).
        var findings = effect[effect.IndexOf("Effect on findings (", StringComparison.Ordinal)..];
        findings.ShouldBe(Lines(
            "Effect on findings (" + Repo.LoanExample + ")",
            "  + PREFERENCE_RETAINED: info \"A gap of 4190.90 EUR is below the indifference threshold: the preference 'lease' is retained.\"",
            "  - PREFERENCE_COSTLY: warning \"The preference 'lease' costs 4440.90 EUR more than 'loan'.\""));
    }

    [Fact]
    public void Diff_WithInputs_ComparesFindingsPerItemAndTheirMessages()
    {
        using var temp = new TempFolder();
        var dir = temp.CopyFolder(Repo.LoanMethodDir, "v2");
        var file = Path.Combine(dir, "method.json");
        var text = File.ReadAllText(file);
        text = Edit(text, "\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        text = Edit(text, "\"when\": \"item.yearlyCost == 0\"", "\"when\": \"item.yearlyCost < 1000\"");
        text = Edit(text, "\"en\": \"The preference '{preference}' costs {savings:F2} EUR more than '{cheapestOption}'.\"", "\"en\": \"Costly preference: {savings:F0} EUR.\"");
        File.WriteAllText(file, text);

        var r = Rse.Run("diff", Repo.LoanMethodDir, dir, "--inputs", Repo.LoanExample, "--lang", "en");
        var json = Rse.Run("diff", Repo.LoanMethodDir, dir, "--inputs", Repo.LoanExample, "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        // The example's maintenance lines cost 800 (service), 400 (tires) and 1,200 (insurance) EUR: the new condition
        // (< 1000) fires for the first two, the old one (== 0) for none. Savings 4,440.90 EUR, shown without decimals.
        var findings = r.Stdout[r.Stdout.IndexOf("Effect on findings (", StringComparison.Ordinal)..];
        findings.ShouldBe(Lines(
            "Effect on findings (" + Repo.LoanExample + ")",
            "  ~ PREFERENCE_COSTLY: message \"The preference 'lease' costs 4440.90 EUR more than 'loan'.\" → \"Costly preference: 4441 EUR.\"",
            "  + MAINTENANCE_FREE [service]: info \"Maintenance line Servicing costs nothing.\"",
            "  + MAINTENANCE_FREE [tires]: info \"Maintenance line Tires costs nothing.\""));
        using var doc = IndependentJson.Parse(json.Stdout);
        var changes = doc.RootElement.GetProperty("effect").GetProperty("findings").EnumerateArray().ToArray();
        changes.Select(c => (c.GetProperty("code").GetString(), c.GetProperty("item").ValueKind == JsonValueKind.Null ? null : c.GetProperty("item").GetString(), c.GetProperty("change").GetString()))
            .ShouldBe([("PREFERENCE_COSTLY", null, "changed"), ("MAINTENANCE_FREE", "service", "added"), ("MAINTENANCE_FREE", "tires", "added")]);
        changes[0].GetProperty("messageChanged").GetBoolean().ShouldBeTrue();
        changes[0].GetProperty("severityChanged").GetBoolean().ShouldBeFalse();
        changes[0].GetProperty("new").GetProperty("message").GetProperty("en").GetString().ShouldBe("Costly preference: 4441 EUR.");
        changes[1].GetProperty("old").ValueKind.ShouldBe(JsonValueKind.Null);
        changes[1].GetProperty("new").GetProperty("severity").GetString().ShouldBe("info");
        doc.RootElement.GetProperty("effect").GetProperty("hasChanges").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Diff_WithInputsJson_NewValuesMatchTheIndependentComputation()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--inputs", Repo.LoanExample, "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        using var json = IndependentJson.Parse(r.Stdout);
        var results = json.RootElement.GetProperty("effect").GetProperty("results").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.Clone());
        var oldNpv = Reference("npvLoan").GetDouble();
        var oldSavings = Reference("savings").GetDouble();

        results.Count.ShouldBe(11);
        var npv = results["npvLoan"];
        npv.GetProperty("change").GetString().ShouldBe("changed");
        npv.GetProperty("old").GetDouble().ShouldBe(oldNpv);
        npv.GetProperty("new").GetDouble().ShouldBe(oldNpv - 250, 0.005);
        npv.GetProperty("difference").GetDouble().ShouldBe(-250, 0.005);
        npv.GetProperty("relativeChange").GetDouble().ShouldBe(-250 / Math.Abs(oldNpv), 1e-6);
        results["savings"].GetProperty("new").GetDouble().ShouldBe(oldSavings - 250, 0.005);
        results["recommendation"].GetProperty("old").GetString().ShouldBe(Reference("recommendation").GetString());
        results["recommendation"].GetProperty("new").GetString().ShouldBe("lease");
        results["npvLease"].GetProperty("change").GetString().ShouldBe("unchanged");
        results["loanBalanceAtHorizon"].GetProperty("relativeChange").ValueKind.ShouldBe(JsonValueKind.Null);

        var flows = results["loanCashFlows"].GetProperty("elements").EnumerateArray().ToArray();
        var oldFlows = Reference("loanCashFlows").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        flows.Length.ShouldBe(oldFlows.Length);
        flows[0].GetProperty("new").GetDouble().ShouldBe(oldFlows[0] - 250);
        flows.Skip(1).ShouldAllBe(e => e.GetProperty("change").GetString() == "unchanged");
    }

    [Fact]
    public void Diff_JsonFormat_IsTheDiffModel()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        using var json = IndependentJson.Parse(r.Stdout);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["old", "new", "hasChanges", "changes"]);
        root.GetProperty("old").GetProperty("sha256").GetString().ShouldBe(IndependentJson.CanonicalSha256(Path.Combine(Repo.LoanMethodDir, "method.json")));
        root.GetProperty("new").GetProperty("version").GetString().ShouldBe("1.1.0");
        var changes = root.GetProperty("changes");
        var parameter = changes.GetProperty("parameters").EnumerateArray().ShouldHaveSingleItem();
        parameter.GetProperty("id").GetString().ShouldBe("indifferenceThreshold");
        parameter.GetProperty("change").GetString().ShouldBe("valueChanged");
        parameter.GetProperty("old").GetString().ShouldBe("500");
        parameter.GetProperty("new").GetString().ShouldBe("5000");
        changes.GetProperty("inputs").EnumerateArray().ShouldHaveSingleItem().GetProperty("change").GetString().ShouldBe("added");
        var formula = changes.GetProperty("indicators").EnumerateArray().ShouldHaveSingleItem();
        formula.GetProperty("change").GetString().ShouldBe("formulaChanged");
        formula.GetProperty("new").GetString().ShouldBe(Formula(variant, "loanCashFlows"));
        changes.GetProperty("rules").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Diff_JsonFormat_SameBytesOnEveryRun()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var first = Rse.Run("diff", Repo.LoanMethodDir, variant, "--inputs", Repo.LoanExample, "--format", "json");
        var second = Rse.Run("diff", Repo.LoanMethodDir, variant, "--inputs", Repo.LoanExample, "--format", "json");

        second.Stdout.ShouldBe(first.Stdout);
    }

    [Fact]
    public void Diff_FrenchByDefault_FrenchHeadingsAndLabels()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--inputs", Repo.LoanExample);

        r.Stdout.ShouldContain("Paramètres\n");
        r.Stdout.ShouldContain("Entrées\n");
        r.Stdout.ShouldContain("      avant : " + OldFormulaStart);
        r.Stdout.ShouldContain("Effet sur les résultats (");
        r.Stdout.ShouldContain("  ~ npvLoan (VAN de l'emprunt): ");
    }

    [Fact]
    public void Diff_SameMethod_ExitsWith0AndSaysNoDifference()
    {
        var r = Rse.Run("diff", Repo.LoanMethodDir, Repo.LoanMethodDir, "--lang", "en", "--exit-code");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldBe(Lines("loan-vs-lease@1.0.0 → loan-vs-lease@1.0.0", "No difference between the methods."));
    }

    [Fact]
    public void Diff_ExitCodeOption_MethodsDiffer_ExitsWith3()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--exit-code");

        r.ExitCode.ShouldBe(3, r.ToString());
        r.Stdout.ShouldContain("loanFee");
    }

    [Fact]
    public void Diff_IdVersionReferences_LookedUpUnderMethodsDir()
    {
        using var temp = new TempFolder();
        temp.CopyFolder(Repo.LoanMethodDir, Path.Combine("methods", "loan-vs-lease", "1.0.0"));
        Variant(temp, Path.Combine("methods", "loan-vs-lease", "1.1.0"));

        var r = Rse.Run("diff", "loan-vs-lease@1.0.0", "loan-vs-lease@1.1.0", "--methods-dir", temp.File("methods"), "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldStartWith("loan-vs-lease@1.0.0 → loan-vs-lease@1.1.0\n");
        r.Stdout.ShouldContain("  + loanFee: ");
    }

    [Fact]
    public void Diff_NewMethodRejectsTheDocument_ExitsWith1WithItsDiagnostics()
    {
        using var temp = new TempFolder();
        var variant = Variant(temp, feeRequired: true);

        var r = Rse.Run("diff", Repo.LoanMethodDir, variant, "--inputs", Repo.LoanExample);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.StderrLines[0].ShouldBe($"rse: error: the new method (loan-vs-lease@1.1.0) rejects {Repo.LoanExample}:");
        var diagnostic = Located.Parse(r.StderrLines.Where(x => x.Contains("RSE5001", StringComparison.Ordinal)).ShouldHaveSingleItem());
        diagnostic.File.ShouldBe(Repo.LoanExample);
        diagnostic.Message.ShouldContain("loanFee");
        r.Stderr.ShouldNotContain("old method");
    }

    [Fact]
    public void Diff_MissingInputsFile_ExitsWith1ReportedOnce()
    {
        using var temp = new TempFolder();

        var r = Rse.Run("diff", Repo.LoanMethodDir, Repo.LoanMethodDir, "--inputs", temp.File("missing.json"));

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.StderrLines.Length.ShouldBe(2, r.ToString());
        r.StderrLines[0].ShouldStartWith("rse: error: both methods reject ");
        r.StderrLines[1].ShouldContain("RSE0001");
    }

    [Fact]
    public void Diff_InvalidMethod_ExitsWith1WithItsDiagnostics()
    {
        var broken = Path.Combine(Repo.TestData, "broken", "formula-error");

        var r = Rse.Run("diff", Repo.LoanMethodDir, broken);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.StderrLines.ShouldNotBeEmpty();
        r.StderrLines.ShouldAllBe(l => l.Contains("error RSE4", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("diff")]
    [InlineData("diff", "{method}")]
    [InlineData("diff", "{method}", "{method}", "--format", "xml")]
    [InlineData("diff", "{method}", "{method}", "--lang", "de")]
    [InlineData("diff", "{method}", "{method}", "--bogus")]
    [InlineData("diff", "{method}", "{method}", "--inputs")]
    public void Diff_UsageError_ExitsWith2(params string[] args)
    {
        var r = Rse.Run(args.Select(a => a == "{method}" ? Repo.LoanMethodDir : a).ToArray());

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("rse: usage error:");
        r.Stdout.ShouldBeEmpty();
    }

    /// <summary>
    /// rse-value 1.1.0 (optional risk fields mitigationCost, residualProbability, residualImpact and new risk formulas)
    /// against 1.0.0. Skipped, by an early return, only while methods/rse-value/1.1.0 does not exist.
    /// </summary>
    [Fact]
    public void Diff_RseValue110Against100_NamesTheChangedFormulasAndTheNewRiskFields()
    {
        var methods = Path.Combine(Repo.Root, "methods");
        var newDir = Path.Combine(methods, "rse-value", "1.1.0");
        if (!File.Exists(Path.Combine(newDir, "method.json")))
        {
            return;
        }

        var r = Rse.Run("diff", "rse-value@1.0.0", "rse-value@1.1.0", "--methods-dir", methods, "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldStartWith("rse-value@1.0.0 → rse-value@1.1.0\n");
        foreach (var field in new[] { "mitigationCost", "residualProbability", "residualImpact" })
        {
            r.Stdout.ShouldContain($"  + risks.{field}: ", Case.Sensitive, r.ToString());
        }

        // Every indicator whose formula differs between the two files (read independently) is named with both formulas.
        var oldFormulas = Formulas(Path.Combine(methods, "rse-value", "1.0.0"));
        var changed = Formulas(newDir).Where(f => oldFormulas.TryGetValue(f.Key, out var old) && old != f.Value).ToArray();
        changed.ShouldNotBeEmpty("1.1.0 changes risk formulas");
        foreach (var (id, formula) in changed)
        {
            r.Stdout.ShouldContain($"  ~ {id}: formula\n      old: {oldFormulas[id]}\n      new: {formula}\n", Case.Sensitive, r.ToString());
        }
    }

    private static Dictionary<string, string> Formulas(string methodDir)
    {
        using var json = IndependentJson.ParseFile(Path.Combine(methodDir, "method.json"));
        return json.RootElement.GetProperty("indicators").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("formula").GetString()!, StringComparer.Ordinal);
    }

    [Fact]
    public void Help_ListsTheDiffCommandWithItsExample()
    {
        var r = Rse.Run("diff", "--help");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldContain("diff rse-value@1.0.0 rse-value@1.1.0");
        r.Stdout.ShouldContain("--exit-code");
    }
}
