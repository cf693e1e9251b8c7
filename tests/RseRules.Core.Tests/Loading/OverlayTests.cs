using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Loading;

namespace RseRules.Core.Tests.Loading;

/// <summary>Overlays on the loan-vs-lease test method, written into a temporary methods folder.</summary>
public sealed class OverlayTests
{
    private static string Root => Support.Repo.Root;

    [Fact]
    public void Load_ValidOverlay_MergesAndListsEveryDeviation()
    {
        var path = WriteOverlay(o =>
        {
            o["parameters"] = new JArray(new JObject { ["id"] = "indifferenceThreshold", ["type"] = "number", ["value"] = 800, ["source"] = "Board decision" });
            o["indicators"] = new JArray(new JObject
            {
                ["id"] = "savingsPerYear", ["type"] = "number", ["label"] = Label("Économie par an", "Savings per year"), ["formula"] = "savings / horizonYears",
            });
            o["results"] = new JArray("savingsPerYear");
            o["labels"] = new JObject { ["savings"] = Label("Gain", "Gain") };
        });

        var loaded = MethodLoader.Load(path);

        loaded.Diagnostics.ShouldBeEmpty(string.Join("\n", loaded.Diagnostics));
        var method = loaded.Value!;
        method.Reference.ShouldBe("acme-loan@1.0.0");
        method.Bases.ShouldHaveSingleItem().Reference.ShouldBe("loan-vs-lease@1.0.0");
        method.Parameters.Single(p => p.Id == "indifferenceThreshold").Value.Value<double>().ShouldBe(800);
        method.Results[^1].Id.ShouldBe("savingsPerYear");
        method.Indicators.Single(i => i.Id == "savings").Label.En.ShouldBe("Gain");
        method.Deviations.Select(d => d.En).ShouldBe(
        [
            "Parameter indifferenceThreshold: 500 → 800 (source: Board decision).",
            "New indicator savingsPerYear = savings / horizonYears.",
            "New result savingsPerYear.",
            "savings relabelled 'Gain'.",
        ]);
    }

    [Fact]
    public void Evaluate_Overlay_ComputesItsOwnIndicatorFromTheBase()
    {
        var path = WriteOverlay(o =>
        {
            o["indicators"] = new JArray(new JObject
            {
                ["id"] = "savingsPerYear", ["type"] = "number", ["label"] = Label("Économie par an", "Savings per year"), ["formula"] = "savings / horizonYears",
            });
            o["results"] = new JArray("savingsPerYear");
        });
        var compiled = Engine.LoadAndCompile(path);
        compiled.Diagnostics.ShouldBeEmpty(string.Join("\n", compiled.Diagnostics));
        var example = Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "delivery-van.json");
        var (result, diagnostics) = Engine.Evaluate(compiled.Method!, example);
        diagnostics.ShouldBeEmpty();

        var savings = (double)result!.Indicators["savings"]!;
        var horizon = JObject.Parse(File.ReadAllText(example))["horizonYears"]!.Value<double>();
        ((double)result.Indicators["savingsPerYear"]!).ShouldBe(savings / horizon, 1e-9);
        var record = EvaluationRecord.Build(result);
        record["method"]!["extends"]![0]!["reference"]!.Value<string>().ShouldBe("loan-vs-lease@1.0.0");
        ((JArray)record["method"]!["deviations"]!).Count.ShouldBe(2);
    }

    [Fact]
    public void Load_RedeclaredIndicatorWithoutReplaces_IsAConflictInTheOverlayFile()
    {
        var path = WriteOverlay(o => o["indicators"] = new JArray(new JObject
        {
            ["id"] = "savings", ["type"] = "number", ["label"] = Label("x", "x"), ["formula"] = "0",
        }));

        var d = MethodLoader.Load(path).Diagnostics.ShouldHaveSingleItem();

        d.Code.ShouldBe(DiagnosticCode.OverlayConflict);
        d.File.ShouldBe(path);
        d.Pointer.ShouldBe("/indicators/0/id");
    }

    [Fact]
    public void Load_ExplicitReplace_ChangesTheFormula()
    {
        var path = WriteOverlay(o => o["indicators"] = new JArray(new JObject
        {
            ["id"] = "savings", ["type"] = "number", ["label"] = Label("x", "x"), ["formula"] = "0", ["replaces"] = true,
        }));

        var method = MethodLoader.Load(path).Value!;

        method.Indicators.Single(i => i.Id == "savings").Formula.ShouldBe("0");
        method.Deviations.ShouldHaveSingleItem().En.ShouldStartWith("Formula of savings replaced:");
    }

    [Theory]
    [InlineData("replaces-nothing")]
    [InlineData("input-twice")]
    [InlineData("parameter-type")]
    [InlineData("relabel-unknown")]
    [InlineData("missing-base")]
    public void Load_BadOverlay_IsRejectedWithALocatedDiagnostic(string kind)
    {
        var path = WriteOverlay(o =>
        {
            switch (kind)
            {
                case "replaces-nothing":
                    o["indicators"] = new JArray(new JObject { ["id"] = "newOne", ["type"] = "number", ["label"] = Label("x", "x"), ["formula"] = "0", ["replaces"] = true });
                    break;
                case "input-twice":
                    o["inputs"] = new JArray(new JObject { ["id"] = "horizonYears", ["type"] = "integer", ["label"] = Label("x", "x") });
                    break;
                case "parameter-type":
                    o["parameters"] = new JArray(new JObject { ["id"] = "indifferenceThreshold", ["type"] = "text", ["value"] = "x", ["source"] = "s" });
                    break;
                case "relabel-unknown":
                    o["labels"] = new JObject { ["nothing"] = Label("x", "x") };
                    break;
                default:
                    o["extends"] = "loan-vs-lease@9.9.9";
                    break;
            }
        });

        var result = MethodLoader.Load(path);

        result.Success.ShouldBeFalse();
        var d = result.Diagnostics[0];
        d.File.ShouldBe(path);
        d.Line.ShouldBeGreaterThan(0);
        d.Code.ShouldBeOneOf(DiagnosticCode.OverlayConflict, DiagnosticCode.UnknownReference, DiagnosticCode.OverlayBaseInvalid);
    }

    [Fact]
    public void Compile_ErrorInOverlayFormula_IsLocatedInTheOverlayFile()
    {
        var path = WriteOverlay(o => o["indicators"] = new JArray(new JObject
        {
            ["id"] = "broken", ["type"] = "number", ["label"] = Label("x", "x"), ["formula"] = "savings + noSuchName",
        }));

        var compiled = Engine.LoadAndCompile(path);

        var d = compiled.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.FormulaCompile);
        d.File.ShouldBe(path);
        d.Pointer.ShouldBe("/indicators/0/formula");
    }

    private static JObject Label(string fr, string en) => new() { ["fr"] = fr, ["en"] = en };

    private static string WriteOverlay(Action<JObject> edit)
    {
        var methods = Directory.CreateTempSubdirectory("rse-overlay-").FullName;
        var baseDir = Path.Combine(methods, "loan-vs-lease", "1.0.0");
        Directory.CreateDirectory(baseDir);
        File.Copy(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json"), Path.Combine(baseDir, "method.json"));
        var overlay = new JObject
        {
            ["formatVersion"] = 1,
            ["id"] = "acme-loan",
            ["version"] = "1.0.0",
            ["title"] = Label("Variante ACME", "ACME variant"),
            ["extends"] = "loan-vs-lease@1.0.0",
        };
        edit(overlay);
        var dir = Path.Combine(methods, "acme-loan", "1.0.0");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "method.json");
        File.WriteAllText(path, overlay.ToString());
        return path;
    }
}
