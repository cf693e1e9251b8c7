using System.Text.Json;
using RseRules.Core.Diffing;
using RseRules.Core.Json;

namespace RseRules.Core.Tests.Diffing;

public class DiffJsonTests
{
    private static readonly MethodDiff Diff = new()
    {
        Old = new MethodIdentity("m", "1.0.0", "aa"),
        New = new MethodIdentity("m", "1.1.0", "bb"),
        Changes =
        [
            new MethodChange(DiffSection.Parameters, "rate", ChangeKind.ValueChanged, "value", "0.05", "0.04"),
            new MethodChange(DiffSection.Inputs, "risks.mitigationCost", ChangeKind.Added, null, null, "number, min 0, optional"),
            new MethodChange(DiffSection.Indicators, "npv", ChangeKind.FormulaChanged, "formula", "PV(rate, flows)", "PV(rate, flows) - fee"),
        ],
    };

    private static readonly ResultDiff Effect = new()
    {
        InputsSha256 = "cc",
        Changes =
        [
            new ResultChange("npv", ResultChangeKind.Changed, 100.0, 90.0, -10, -0.1, null),
            new ResultChange("flows", ResultChangeKind.Unchanged, new[] { 1.0 }, new[] { 1.0 }, null, null, [new ElementChange("0", ResultChangeKind.Unchanged, 1, 1, 0, 0)]),
            new ResultChange("label", ResultChangeKind.Added, null, "x", null, null, null),
        ],
    };

    [Fact]
    public void Build_Diff_TopLevelMembersAndEverySectionInOrder()
    {
        using var json = JsonDocument.Parse(DiffJson.ToText(Diff));

        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["old", "new", "hasChanges", "changes"]);
        json.RootElement.GetProperty("changes").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["parameters", "scales", "inputs", "indicators", "rules", "results"]);
        json.RootElement.GetProperty("new").GetProperty("version").GetString().ShouldBe("1.1.0");
        json.RootElement.GetProperty("hasChanges").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Build_Change_KindInCamelCaseAndAbsentValuesNull()
    {
        using var json = JsonDocument.Parse(DiffJson.ToText(Diff));
        var added = json.RootElement.GetProperty("changes").GetProperty("inputs")[0];
        var formula = json.RootElement.GetProperty("changes").GetProperty("indicators")[0];

        added.GetProperty("id").GetString().ShouldBe("risks.mitigationCost");
        added.GetProperty("change").GetString().ShouldBe("added");
        added.GetProperty("property").ValueKind.ShouldBe(JsonValueKind.Null);
        added.GetProperty("old").ValueKind.ShouldBe(JsonValueKind.Null);
        formula.GetProperty("change").GetString().ShouldBe("formulaChanged");
        formula.GetProperty("old").GetString().ShouldBe("PV(rate, flows)");
        formula.GetProperty("new").GetString().ShouldBe("PV(rate, flows) - fee");
    }

    [Fact]
    public void Build_WithEffect_ResultsWithValuesDifferencesAndElements()
    {
        using var json = JsonDocument.Parse(DiffJson.ToText(Diff, Effect));
        var effect = json.RootElement.GetProperty("effect");
        var npv = effect.GetProperty("results")[0];
        var flows = effect.GetProperty("results")[1];
        var label = effect.GetProperty("results")[2];

        effect.GetProperty("inputsSha256").GetString().ShouldBe("cc");
        effect.GetProperty("hasChanges").GetBoolean().ShouldBeTrue();
        npv.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "change", "old", "new", "difference", "relativeChange", "elements"]);
        npv.GetProperty("old").GetDouble().ShouldBe(100);
        npv.GetProperty("difference").GetDouble().ShouldBe(-10);
        npv.GetProperty("relativeChange").GetDouble().ShouldBe(-0.1);
        npv.GetProperty("elements").ValueKind.ShouldBe(JsonValueKind.Null);
        flows.GetProperty("elements")[0].GetProperty("key").GetString().ShouldBe("0");
        label.GetProperty("change").GetString().ShouldBe("added");
        label.GetProperty("old").ValueKind.ShouldBe(JsonValueKind.Null);
        label.GetProperty("new").GetString().ShouldBe("x");
    }

    [Fact]
    public void ToText_SameDiff_SameBytesAndCanonicalNumbers()
    {
        var text = DiffJson.ToText(Diff, Effect);

        DiffJson.ToText(Diff, Effect).ShouldBe(text);
        text.ShouldBe(CanonicalJson.WriteIndented(DiffJson.Build(Diff, Effect)));
        text.ShouldEndWith("}\n");
    }
}
