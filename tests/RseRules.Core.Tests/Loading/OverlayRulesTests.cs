using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Loading;
using RseRules.Core.Model;

namespace RseRules.Core.Tests.Loading;

/// <summary>
/// What an overlay may and may not change: a replaced indicator keeps its type and unit, inputs' bounds may only be
/// tightened, results may be removed unless the report names them; every change is a deviation, every refusal an error
/// located in the overlay file. Overlays of the loan-vs-lease test method, written into a temporary methods folder.
/// </summary>
public sealed class OverlayRulesTests
{
    private static string Root => Support.Repo.Root;

    private static string LoanExample => Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "delivery-van.json");

    [Theory]
    [InlineData("{ \"type\": \"integer\" }", "/type", "\"integer\"")]
    [InlineData("{ \"type\": \"series\" }", "/type", "\"series\"")]
    [InlineData("{ \"type\": \"number\", \"nullable\": true }", "/nullable", "true")]
    [InlineData("{ \"type\": \"number\", \"unit\": \"h\" }", "/unit", "\"h\"")]
    public void Load_ReplacementChangesTheIndicatorsTypeOrUnit_IsAConflictLocatedInTheOverlay(string type, string member, string valueText)
    {
        var declared = JObject.Parse(type);
        var (path, text) = WriteOverlay(o =>
        {
            var indicator = new JObject { ["id"] = "savings", ["replaces"] = true };
            indicator.Merge(declared);
            indicator["label"] = Label("x", "x");
            indicator["formula"] = "0";
            o["indicators"] = new JArray(indicator);
        });

        var loaded = MethodLoader.Load(path);

        loaded.Success.ShouldBeFalse();
        var d = loaded.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.OverlayConflict);
        d.File.ShouldBe(path);
        d.Pointer.ShouldBe("/indicators/0" + member);
        (d.Line, d.Column).ShouldBe(ValuePosition(text, "\"" + member[1..] + "\": " + valueText));
        d.Message.ShouldContain("'savings'");
    }

    [Fact]
    public void Load_IntegerReplacingANumber_WouldHaveTurnedBaseFormulasIntoIntegerDivisions()
    {
        // The issue's case: rse-value's riskScore (number) replaced by an integer formula. riskControlScore = 100 - riskScore
        // and the base's other formulas read riskScore as a double; the overlay is refused, in its own file.
        var methods = Directory.CreateTempSubdirectory("rse-overlay-").FullName;
        var baseDir = Path.Combine(methods, "rse-value", "1.0.0");
        Directory.CreateDirectory(baseDir);
        File.Copy(Path.Combine(Root, "methods", "rse-value", "1.0.0", "method.json"), Path.Combine(baseDir, "method.json"));
        var overlay = Overlay("rse-value@1.0.0");
        overlay["indicators"] = new JArray(new JObject
        {
            ["id"] = "riskScore", ["type"] = "integer", ["replaces"] = true, ["label"] = Label("R", "R"), ["formula"] = "risks.Count",
        });
        var path = Write(methods, overlay);

        var d = MethodLoader.Load(path).Diagnostics.ShouldHaveSingleItem();

        d.Code.ShouldBe(DiagnosticCode.OverlayConflict);
        d.File.ShouldBe(path);
        d.Pointer.ShouldBe("/indicators/0/type");
        d.Message.ShouldContain("is a number in the base; the replacement is a integer");
    }

    [Fact]
    public void Load_ReplacementOfTheSameShape_KeepsTheBaseUnitAndDecimals()
    {
        var (path, _) = WriteOverlay(o => o["indicators"] = new JArray(new JObject
        {
            ["id"] = "savings", ["type"] = "number", ["replaces"] = true, ["label"] = Label("x", "x"), ["formula"] = "0",
        }));

        var method = MethodLoader.Load(path).Value!;

        var savings = method.Indicators.Single(i => i.Id == "savings");
        savings.Unit.ShouldBe("EUR");
        savings.Decimals.ShouldBe(2);
    }

    [Fact]
    public void Load_TightenedBounds_AreAppliedAndListedAsDeviations()
    {
        var (path, _) = WriteOverlay(o => o["tighten"] = JObject.Parse("""
            {
              "assetPrice": { "min": 1000 },
              "horizonYears": { "max": 10 },
              "preference": { "values": ["none", "loan"] },
              "leasePayments": { "of": { "max": 50000 } },
              "maintenance": { "maxItems": 10, "fields": { "label": { "maxLength": 80 }, "escalation": { "min": 0, "max": 0.5 } } }
            }
            """));

        var loaded = MethodLoader.Load(path);

        loaded.Diagnostics.ShouldBeEmpty(string.Join("\n", loaded.Diagnostics));
        var inputs = loaded.Value!.Inputs.ToDictionary(i => i.Id);
        inputs["assetPrice"].Type.Min.ShouldBe(1000);
        inputs["horizonYears"].Type.Max.ShouldBe(10);
        inputs["horizonYears"].Type.Min.ShouldBe(1); // untouched
        inputs["preference"].Type.Values.Select(v => v.Value).ShouldBe(["none", "loan"]);
        inputs["leasePayments"].Type.Of!.Max.ShouldBe(50000);
        inputs["leasePayments"].Type.Of!.Min.ShouldBe(0);
        inputs["maintenance"].Type.MaxItems.ShouldBe(10);
        inputs["maintenance"].Type.Fields.Single(f => f.Id == "label").Type.MaxLength.ShouldBe(80);
        inputs["maintenance"].Type.Fields.Single(f => f.Id == "escalation").Type.Min.ShouldBe(0);
        loaded.Value.Deviations.Select(d => d.En).ShouldBe(
        [
            "Bounds of assetPrice tightened: assetPrice min 0 → 1000.",
            "Bounds of horizonYears tightened: horizonYears max 30 → 10.",
            "Bounds of preference tightened: preference values removed: lease.",
            "Bounds of leasePayments tightened: leasePayments[] max — → 50000.",
            "Bounds of maintenance tightened: maintenance maxItems 50 → 10, maintenance.label maxLength 200 → 80, maintenance.escalation min -0.5 → 0, maintenance.escalation max 1 → 0.5.",
        ]);
        loaded.Value.Deviations[2].Fr.ShouldBe("Bornes de preference resserrées : preference valeurs retirées : lease.");
    }

    [Fact]
    public void Evaluate_TightenedBounds_RejectADocumentTheBaseAccepts()
    {
        // The example's preference is "lease", which the overlay removes; its horizon (5) stays within the new max.
        var (path, _) = WriteOverlay(o => o["tighten"] = JObject.Parse("""{ "preference": { "values": ["none", "loan"] }, "horizonYears": { "max": 5 } }"""));
        var compiled = Engine.LoadAndCompile(path);
        compiled.Diagnostics.ShouldBeEmpty(string.Join("\n", compiled.Diagnostics));

        var (_, diagnostics) = Engine.Evaluate(compiled.Method!, LoanExample);

        var d = diagnostics.Where(x => x.Severity == Severity.Error).ShouldHaveSingleItem(string.Join("\n", diagnostics));
        d.Pointer.ShouldBe("/preference");
        d.File.ShouldBe(LoanExample);
    }

    [Theory]
    [InlineData("""{ "assetPrice": { "min": -1 } }""", "/tighten/assetPrice/min", "loosens")]
    [InlineData("""{ "loanRate": { "max": 2 } }""", "/tighten/loanRate/max", "loosens")]
    [InlineData("""{ "maintenance": { "maxItems": 60 } }""", "/tighten/maintenance/maxItems", "loosens")]
    [InlineData("""{ "maintenance": { "fields": { "label": { "maxLength": 500 } } } }""", "/tighten/maintenance/fields/label/maxLength", "loosens")]
    [InlineData("""{ "leasePayments": { "of": { "min": -100 } } }""", "/tighten/leasePayments/of/min", "loosens")]
    [InlineData("""{ "preference": { "values": ["none", "cash"] } }""", "/tighten/preference/values", "'cash' is not a value")]
    [InlineData("""{ "preference": { "min": 1 } }""", "/tighten/preference/min", "does not apply")]
    [InlineData("""{ "maintenance": { "fields": { "colour": { "maxLength": 5 } } } }""", "/tighten/maintenance/fields/colour", "no field 'colour'")]
    [InlineData("""{ "horizonYears": { "min": 20, "max": 10 } }""", "/tighten/horizonYears", "above max")]
    [InlineData("""{ "pilotSites": { "max": 10 } }""", "/tighten/pilotSites", "not an input of")]
    public void Load_LoosenedOrMisappliedBounds_AreAConflictLocatedInTheOverlay(string tighten, string pointer, string message)
    {
        var (path, text) = WriteOverlay(o => o["tighten"] = JObject.Parse(tighten));

        var loaded = MethodLoader.Load(path);

        loaded.Success.ShouldBeFalse();
        var d = loaded.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.OverlayConflict);
        d.File.ShouldBe(path);
        d.Pointer.ShouldBe(pointer);
        d.Message.ShouldContain(message);
        d.Line.ShouldBeGreaterThan(text.Split('\n').ToList().FindIndex(l => l.Contains("\"tighten\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_RemovedResult_IsDroppedFromTheRecordAndListedAsDeviation()
    {
        var (path, _) = WriteOverlay(o => o["removeResults"] = new JArray("totalLoanInterest", "loanBalanceAtHorizon"), headline: ["npvLoan", "npvLease"]);
        var compiled = Engine.LoadAndCompile(path);
        compiled.Diagnostics.ShouldBeEmpty(string.Join("\n", compiled.Diagnostics));

        var (result, diagnostics) = Engine.Evaluate(compiled.Method!, LoanExample);

        diagnostics.ShouldBeEmpty();
        var ids = result!.Results.Select(r => r.Key).ToArray();
        ids.ShouldNotContain("totalLoanInterest");
        ids.ShouldNotContain("loanBalanceAtHorizon");
        ids.Length.ShouldBe(11 - 2); // the base exposes 11 results
        result.Indicators.ShouldContainKey("totalLoanInterest"); // still computed: the message of LOAN_BEYOND_HORIZON may read it
        compiled.Method!.Method.Deviations.Select(d => d.En).ShouldBe(["Result totalLoanInterest removed.", "Result loanBalanceAtHorizon removed."]);
        compiled.Method.Method.Deviations[0].Fr.ShouldBe("Résultat totalLoanInterest retiré.");
    }

    [Theory]
    [InlineData("recommendation", "the report's decision")]
    [InlineData("savings", "the report's headline")]
    [InlineData("loanCashFlows", "the report chart at /report/charts/0")]
    [InlineData("noSuchResult", "is not a result of")]
    public void Load_RemovedResultStillNeeded_IsAConflictLocatedInTheOverlay(string id, string message)
    {
        var (path, text) = WriteOverlay(o => o["removeResults"] = new JArray(id));

        var d = MethodLoader.Load(path).Diagnostics.ShouldHaveSingleItem();

        d.Code.ShouldBe(DiagnosticCode.OverlayConflict);
        d.File.ShouldBe(path);
        d.Pointer.ShouldBe("/removeResults/0");
        d.Message.ShouldContain(message);
        (d.Line, d.Column).ShouldBe(Position(text, "\"" + id + "\""));
    }

    [Fact]
    public void Load_ReplacedRule_ListsItsConditionAndMessageInTheDeviation()
    {
        var (path, _) = WriteOverlay(o => o["rules"] = new JArray(new JObject
        {
            ["id"] = "LOAN_BEYOND_HORIZON", ["severity"] = "info", ["replaces"] = true, ["when"] = "loanYears > horizonYears + 1",
            ["message"] = Label("Emprunt long.", "Long loan."),
        }));

        var method = MethodLoader.Load(path).Value!;

        var baseRule = JObject.Parse(File.ReadAllText(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json")))["rules"]!
            .Single(r => r["id"]!.Value<string>() == "LOAN_BEYOND_HORIZON");
        var deviation = method.Deviations.ShouldHaveSingleItem();
        deviation.En.ShouldBe($"Rule LOAN_BEYOND_HORIZON replaced: 'loanYears > horizonYears' → 'loanYears > horizonYears + 1'; severity warning → info; message '{baseRule["message"]!["en"]}' → 'Long loan.'.");
        deviation.Fr.ShouldBe($"Règle LOAN_BEYOND_HORIZON remplacée : « loanYears > horizonYears » → « loanYears > horizonYears + 1 » ; gravité warning → info ; message « {baseRule["message"]!["fr"]} » → « Emprunt long. ».");
    }

    [Fact]
    public void Load_PinnedBaseHash_MustMatchTheBase()
    {
        var (good, _) = WriteOverlay(o => o["baseSha256"] = MethodLoader.Load(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json")).Value!.Sha256);
        MethodLoader.Load(good).Diagnostics.ShouldBeEmpty();

        var (bad, _) = WriteOverlay(o => o["baseSha256"] = new string('0', 64));
        var d = MethodLoader.Load(bad).Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.OverlayBaseInvalid);
        d.Pointer.ShouldBe("/baseSha256");
        d.File.ShouldBe(bad);
    }

    [Theory]
    [InlineData("tighten", """{ "horizonYears": { "max": 10 } }""")]
    [InlineData("removeResults", """["savings"]""")]
    public void Load_OverlayMemberInAMethodThatExtendsNothing_IsASchemaError(string member, string value)
    {
        var folder = Directory.CreateTempSubdirectory("rse-overlay-").FullName;
        var method = JObject.Parse(File.ReadAllText(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json")));
        method[member] = JToken.Parse(value);
        var path = Path.Combine(folder, "method.json");
        File.WriteAllText(path, method.ToString());

        var d = MethodLoader.Load(path).Diagnostics.ShouldHaveSingleItem();

        d.Code.ShouldBe(DiagnosticCode.MethodSchema);
        d.Pointer.ShouldBe("/" + member);
    }

    [Theory]
    [InlineData("rse-value", "1.0.0")]
    [InlineData("rse-value", "1.1.0")]
    [InlineData("valmont-rse", "1.0.0")]
    public void Load_PublishedMethods_StillLoadWithTheirManifestHash(string id, string version)
    {
        var manifest = JObject.Parse(File.ReadAllText(Path.Combine(Root, "methods", "manifest.json")));

        var loaded = MethodLoader.Load(Path.Combine(Root, "methods", id, version, "method.json"));

        loaded.Diagnostics.ShouldBeEmpty(string.Join("\n", loaded.Diagnostics));
        loaded.Value!.Sha256.ShouldBe(manifest["published"]![id + "@" + version]!.Value<string>());
    }

    private static JObject Label(string fr, string en) => new() { ["fr"] = fr, ["en"] = en };

    /// <summary>1-based line and column of the value that follows <paramref name="member"/> ("key": value) in the text.</summary>
    private static (int Line, int Column) ValuePosition(string text, string member)
    {
        var (line, column) = Position(text, member);
        var colon = member.IndexOf(": ", StringComparison.Ordinal);
        return (line, column + colon + 2);
    }

    /// <summary>1-based line and column where <paramref name="fragment"/> first occurs in the text.</summary>
    private static (int Line, int Column) Position(string text, string fragment)
    {
        var lines = text.Split('\n');
        var matches = lines.Select((l, i) => (Line: i, Index: l.IndexOf(fragment, StringComparison.Ordinal))).Where(x => x.Index >= 0).ToArray();
        matches.Length.ShouldBe(1, $"'{fragment}' must occur once in the overlay.");
        return (matches[0].Line + 1, matches[0].Index + 1);
    }

    private static JObject Overlay(string extends) => new()
    {
        ["formatVersion"] = 1,
        ["id"] = "acme-loan",
        ["version"] = "1.0.0",
        ["title"] = Label("Variante ACME", "ACME variant"),
        ["extends"] = extends,
    };

    private static (string Path, string Text) WriteOverlay(Action<JObject> edit, string[]? headline = null)
    {
        var methods = Directory.CreateTempSubdirectory("rse-overlay-").FullName;
        var baseDir = Path.Combine(methods, "loan-vs-lease", "1.0.0");
        Directory.CreateDirectory(baseDir);
        File.Copy(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json"), Path.Combine(baseDir, "method.json"));
        var overlay = Overlay("loan-vs-lease@1.0.0");
        edit(overlay);
        if (headline is not null)
        {
            overlay["report"] = new JObject { ["headline"] = new JArray(headline) };
        }

        var path = Write(methods, overlay);
        return (path, File.ReadAllText(path));
    }

    private static string Write(string methods, JObject overlay)
    {
        var dir = Path.Combine(methods, overlay["id"]!.Value<string>()!, overlay["version"]!.Value<string>()!);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "method.json");
        File.WriteAllText(path, overlay.ToString());
        return path;
    }
}
