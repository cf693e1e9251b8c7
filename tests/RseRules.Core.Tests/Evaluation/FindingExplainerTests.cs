using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>
/// Why a finding fired or not, from an evaluation record. Expected values come from the input documents and the method
/// files read here (criticality = P × I with the residual values when given, by hand), never from the engine.
/// </summary>
public sealed class FindingExplainerTests
{
    private static string Root => Support.Repo.Root;

    private static (Model.MethodDefinition Method, JObject Record) Evaluate(string method, JObject document)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("rse-explain-").FullName, "inputs.json");
        File.WriteAllText(path, document.ToString());
        var compiled = Engine.LoadAndCompile(method);
        compiled.Diagnostics.ShouldBeEmpty(string.Join("\n", compiled.Diagnostics));
        var (result, diagnostics) = Engine.Evaluate(compiled.Method!, path);
        diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty(string.Join("\n", diagnostics));
        return (compiled.Method!.Method, EvaluationRecord.Build(result!));
    }

    [Fact]
    public void Explain_PerItemRule_SaysWhichItemsFiredWithTheirValues()
    {
        // rse-value 1.1.0's example, with risk R2 raised to P 3 × I 3 = 9: 'high' (8 ≤ 9 < 12), the only one.
        var document = JObject.Parse(File.ReadAllText(Path.Combine(Root, "methods", "rse-value", "1.1.0", "examples", "example.json")));
        var risks = (JArray)document["risks"]!;
        risks[1]["probability"] = 3;
        risks[1]["impact"] = 3;
        var (method, record) = Evaluate(Path.Combine(Root, "methods", "rse-value", "1.1.0", "method.json"), document);

        var (e, error) = FindingExplainer.Explain(method, record, "HIGH_RISK", "en");

        error.ShouldBeNull();
        e!.ForEach.ShouldBe("risks");
        e.When.ShouldBe("riskCriticality[item.id] >= highThreshold && riskCriticality[item.id] < criticalThreshold");
        e.Reads.Select(r => r.Name).ShouldBe(["riskCriticality", "highThreshold", "criticalThreshold"]);
        var methodJson = JObject.Parse(File.ReadAllText(Path.Combine(Root, "methods", "rse-value", "1.1.0", "method.json")));
        double Parameter(string id) => methodJson["parameters"]!.Single(p => p["id"]!.Value<string>() == id)["value"]!.Value<double>();
        e.Reads[1].Value.Value<double>().ShouldBe(Parameter("highThreshold"));
        e.Reads[0].Formula.ShouldNotBeNull();
        e.Reads[0].Children.Select(c => c.Name).ShouldContain("effectiveProbability");
        e.Reads[0].Children.ShouldAllBe(c => c.Children.Count == 0);

        e.Items.Count.ShouldBe(risks.Count);
        foreach (var (risk, item) in risks.Cast<JObject>().Zip(e.Items))
        {
            var criticality = (risk["residualProbability"] ?? risk["probability"])!.Value<double>() * (risk["residualImpact"] ?? risk["impact"])!.Value<double>();
            var id = risk["id"]!.Value<string>()!;
            item.Key.ShouldBe(id);
            item.Values.Single(v => v.Name == $"riskCriticality[{id}]").Value.Value<double>().ShouldBe(criticality);
            item.Fired.ShouldBe(criticality >= Parameter("highThreshold") && criticality < Parameter("criticalThreshold"), id);
        }

        e.Items.Where(i => i.Fired).Select(i => i.Key).ShouldBe(["R2"]);
        e.Items[1].Message.ShouldNotBeNullOrEmpty();
        var text = FindingExplainer.ToText(e);
        text.ShouldStartWith("HIGH_RISK (warning): for each item of risks, fired for 1 of 5 item(s)\n");
        text.ShouldContain("\n    fired      R2 [1]: item.id = \"R2\", riskCriticality[R2] = 9 → \"");
        text.ShouldContain("\n    not fired  R1 [0]: item.id = \"R1\", riskCriticality[R1] = 6\n");
        var json = e.ToJson();
        json["items"]![1]!["fired"]!.Value<bool>().ShouldBeTrue();
        json["items"]![1]!["values"]!["riskCriticality[R2]"]!.Value<double>().ShouldBe(9);
    }

    [Fact]
    public void Explain_PerItemRuleOnItemFields_GivesTheFieldPerItem()
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "delivery-van.json")));
        document["maintenance"]![1]!["yearlyCost"] = 0;
        var (method, record) = Evaluate(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json"), document);

        var (e, _) = FindingExplainer.Explain(method, record, "MAINTENANCE_FREE", "en");

        e!.Reads.ShouldBeEmpty();
        e.Items.Select(i => (i.Key, i.Fired, i.Values.Single().Name, i.Values.Single().Value.Value<double>()))
            .ShouldBe([("service", false, "item.yearlyCost", 800d), ("tires", true, "item.yearlyCost", 0d), ("insurance", false, "item.yearlyCost", 1200d)]);
        e.Items[1].Message.ShouldBe("Maintenance line Tires costs nothing.");
    }

    [Fact]
    public void Explain_RuleThatDidNotFire_GivesTheValuesThatKeptItQuiet()
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "delivery-van.json")));
        var (method, record) = Evaluate(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json"), document);

        var (e, _) = FindingExplainer.Explain(method, record, "LOAN_BEYOND_HORIZON", "en");

        e!.Fired.ShouldBeFalse();
        e.Reads.Select(r => (r.Name, r.Kind, r.Value.Value<double>())).ShouldBe(
            [("loanYears", "input", document["loanYears"]!.Value<double>()), ("horizonYears", "input", document["horizonYears"]!.Value<double>())]);
        FindingExplainer.ToText(e).ShouldStartWith("LOAN_BEYOND_HORIZON (warning): did not fire\n  when: loanYears > horizonYears\n  reads:\n  ├─ loanYears = 4 years");
    }

    [Fact]
    public void Explain_FiredRule_ReadsIndicatorsWithTheirFormulaOneLevelDown()
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "delivery-van.json")));
        var (method, record) = Evaluate(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json"), document);

        var (e, _) = FindingExplainer.Explain(method, record, "PREFERENCE_COSTLY", "en");

        e!.Fired.ShouldBeTrue();
        e.Findings.ShouldHaveSingleItem().Message.ShouldBe("The preference 'lease' costs 4440.90 EUR more than 'loan'.");
        var savings = e.Reads.Single(r => r.Name == "savings");
        savings.Formula.ShouldBe("Math.Abs(npvLoan - npvLease)");
        var npv = savings.Children.ToDictionary(c => c.Name, c => c.Value.Value<double>());
        savings.Value.Value<double>().ShouldBe(Math.Abs(npv["npvLoan"] - npv["npvLease"]), 1e-9);
        e.Reads.Single(r => r.Name == "indifferenceThreshold").Kind.ShouldBe("parameter");
    }

    [Fact]
    public void Explain_UnknownCode_IsAnError()
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "delivery-van.json")));
        var (method, record) = Evaluate(Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0", "method.json"), document);

        var (e, error) = FindingExplainer.Explain(method, record, "NO_SUCH_RULE");

        e.ShouldBeNull();
        error!.Code.ShouldBe(DiagnosticCode.InvalidArgument);
        error.Message.ShouldContain("MAINTENANCE_FREE");
    }
}
