using Newtonsoft.Json.Linq;
using RseRules.Cli.Tests.TestSupport;
using RseRules.Core.Evaluation;

namespace RseRules.Cli.Tests.Commands;

/// <summary>Replay of evaluation records of the loan method (a copy per test, so that the method itself can be changed).</summary>
public sealed class ReplayCommandTests
{
    [Fact]
    public void Replay_UntouchedRecord_IsIdenticalAndExitsZero()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);

        var r = Rse.Run("replay", record, "--method", method);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("replay identical");
    }

    [Fact]
    public void Replay_NoCacheVerbose_CompilesWithRoslynAndSaysSo()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);

        var r = Rse.Run("replay", record, "--method", method, "--no-cache", "--verbose");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stderr.ShouldContain("compiled (--no-cache)");
        r.Stdout.ShouldContain("replay identical");
    }

    [Fact]
    public void Evaluate_Twice_WritesByteIdenticalRecords()
    {
        using var temp = new TempFolder();
        var (method, first) = Evaluate(temp);
        var second = temp.File("second.json");
        Rse.Run("evaluate", "--method", method, "--inputs", Path.Combine(method, "examples", "delivery-van.json"), "--format", "json", "--out", second).ExitCode.ShouldBe(0);
        File.ReadAllBytes(second).ShouldBe(File.ReadAllBytes(first));
    }

    [Fact]
    public void Replay_EditedResult_IsCaughtWithExitThree()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);
        Edit(record, r => r["results"]!["savings"] = 1234.56);

        var result = Rse.Run("replay", record, "--method", method, "--verbose");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Stdout.ShouldContain("record hash");
        result.Stdout.ShouldContain("result savings");
        result.Stdout.ShouldContain("recorded:   1234.56");
    }

    [Fact]
    public void Replay_EditedInputs_IsCaughtWithExitThree()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);
        Edit(record, r => r["inputs"]!["assetPrice"] = r["inputs"]!["assetPrice"]!.Value<double>() + 1000);

        var result = Rse.Run("replay", record, "--method", method);

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Stdout.ShouldContain("/assetPrice: 30000 → 31000");
        result.Stdout.ShouldNotContain("result npvLoan");
        Rse.Run("replay", record, "--method", method, "--verbose").Stdout.ShouldContain("result npvLoan");
    }

    [Fact]
    public void Replay_MethodChangedSince_IsCaughtWithExitThree()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);
        var file = Path.Combine(method, "method.json");
        var json = JObject.Parse(File.ReadAllText(file));
        json["parameters"]![0]!["value"] = json["parameters"]![0]!["value"]!.Value<double>() + 1;
        File.WriteAllText(file, json.ToString());

        var result = Rse.Run("replay", record, "--method", method);

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Stdout.ShouldContain("method sha256");
    }

    [Fact]
    public void Replay_RecordFromAnEngineComputingDifferently_IsCaughtWithExitThree()
    {
        // A record whose own hash is consistent (as another engine would write it) but whose figures differ.
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);
        Edit(record, r =>
        {
            r["results"]!["npvLoan"] = r["results"]!["npvLoan"]!.Value<double>() + 0.01;
            r["engine"]!["version"] = "0.0.1-other";
            r[EvaluationRecord.HashProperty] = EvaluationRecord.Hash(r);
        });

        var result = Rse.Run("replay", record, "--method", method, "--verbose");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Stdout.ShouldNotContain("record hash");
        result.Stdout.ShouldContain("result npvLoan");
        result.Stdout.ShouldContain("note: recorded with engine 0.0.1-other");
        result.Stdout.ShouldContain("engine changed: recorded with 0.0.1-other");
    }

    [Fact]
    public void Replay_NotARecord_ExitsOne()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("x.json"), "{\"results\": {}}");
        var r = Rse.Run("replay", temp.File("x.json"));
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain("RSE8005");
    }

    [Fact]
    public void Explain_Record_ShowsTheTreeDownToInputsAndParameterSources()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);

        var r = Rse.Run("explain", "--record", record, "--method", method, "--lang", "en", "recommendation");

        r.ExitCode.ShouldBe(0, r.ToString());
        var lines = r.Stdout.Split('\n');
        lines[0].ShouldStartWith("recommendation = ");
        r.Stdout.ShouldContain("indifferenceThreshold = 500");
        r.Stdout.ShouldContain("input /assetPrice");
        r.Stdout.ShouldContain("parameter, source:");
        r.Stdout.ShouldContain("= "); // formulas
    }

    [Fact]
    public void Explain_Json_IsATreeWithReads()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);

        var r = Rse.Run("explain", "--record", record, "--method", method, "--format", "json", "savings");

        r.ExitCode.ShouldBe(0, r.ToString());
        var tree = JObject.Parse(r.Stdout);
        tree["kind"]!.Value<string>().ShouldBe("indicator");
        tree["formula"].ShouldNotBeNull();
        ((JArray)tree["reads"]!).Count.ShouldBeGreaterThan(0);
        tree["value"]!.Value<double>().ShouldBe(JObject.Parse(File.ReadAllText(record))["results"]!["savings"]!.Value<double>(), 0.005);
    }

    [Fact]
    public void Explain_UnknownResult_ExitsOne()
    {
        using var temp = new TempFolder();
        var (method, record) = Evaluate(temp);
        var r = Rse.Run("explain", "--record", record, "--method", method, "noSuchResult");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain("RSE0004");
    }

    private static (string Method, string Record) Evaluate(TempFolder temp)
    {
        var method = temp.CopyFolder(Repo.LoanMethodDir, "method");
        var record = temp.File("evaluation.json");
        var r = Rse.Run("evaluate", "--method", method, "--inputs", Path.Combine(method, "examples", "delivery-van.json"), "--format", "json", "--out", record);
        r.ExitCode.ShouldBe(0, r.ToString());
        return (method, record);
    }

    private static void Edit(string record, Action<JObject> edit)
    {
        var json = JObject.Parse(File.ReadAllText(record));
        edit(json);
        File.WriteAllText(record, json.ToString());
    }
}
