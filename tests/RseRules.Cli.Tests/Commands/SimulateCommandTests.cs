using System.Text.Json;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse simulate</c> on the norm's example with distributions (methods/rse-value/1.0.0/examples/example-uncertain.json).</summary>
public class SimulateCommandTests
{
    private static readonly string Norm = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string Uncertain = Path.Combine(Norm, "examples", "example-uncertain.json");

    [Fact]
    public void Simulate_SameSeedOneOrTwoThreads_SameBytes()
    {
        var one = Rse.Run("simulate", "--method", Norm, "--inputs", Uncertain, "--iterations", "3000", "--seed", "7", "--threads", "1", "--format", "json");
        var two = Rse.Run("simulate", "--method", Norm, "--inputs", Uncertain, "--iterations", "3000", "--seed", "7", "--threads", "2", "--format", "json");

        one.ExitCode.ShouldBe(ExitCodes.Success, one.ToString());
        two.Stdout.ShouldBe(one.Stdout);
        using var doc = JsonDocument.Parse(one.Stdout);
        doc.RootElement.GetProperty("seed").GetUInt64().ShouldBe(7UL);
        doc.RootElement.GetProperty("iterations").GetInt32().ShouldBe(3000);
    }

    [Fact]
    public void Simulate_Table_PrintsTheSeedThePercentilesAndTheDecisionFrequencies()
    {
        var r = Rse.Run("simulate", "--method", Norm, "--inputs", Uncertain, "--iterations", "2000", "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stderr.ShouldBeEmpty(); // not a terminal: no progress line, and no "evaluated at their mode" warning
        r.Stdout.ShouldContain("2,000 iterations, seed 1, 10 uncertain input(s), 0 failed");
        r.Stdout.ShouldContain("P(≥0)");
        r.Stdout.ShouldContain("Risk-adjusted NPV");
        r.Stdout.ShouldContain("Decision: GO_WITH_CONDITIONS");
    }

    [Fact]
    public void Simulate_Json_ProbabilityThatTheAdjustedNpvIsNonNegativeAndDecisionShares()
    {
        var r = Rse.Run("simulate", "--method", Norm, "--inputs", Uncertain, "--iterations", "2000", "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        root.GetProperty("uncertainInputs").GetArrayLength().ShouldBe(10);
        var npv = root.GetProperty("numbers").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "npvAdjusted");
        var p = npv.GetProperty("probabilityNonNegative").GetDouble();
        p.ShouldBeInRange(0.0, 1.0);
        (npv.GetProperty("p5").GetDouble() <= npv.GetProperty("p50").GetDouble() && npv.GetProperty("p50").GetDouble() <= npv.GetProperty("p95").GetDouble()).ShouldBeTrue();
        var decision = root.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "decision");
        decision.GetProperty("frequencies").EnumerateArray().Sum(f => f.GetProperty("share").GetDouble()).ShouldBe(1, 1e-9);
    }

    [Fact]
    public void Simulate_OutOption_WritesTheFileAndSaysSo()
    {
        using var temp = new TempFolder();
        var target = temp.File("sim.json");

        var r = Rse.Run("simulate", "--method", Norm, "--inputs", Uncertain, "--iterations", "500", "--format", "json", "--out", target);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldContain("500 iterations (seed 1)");
        File.Exists(target).ShouldBeTrue();
    }

    [Theory]
    [InlineData("--iterations", "0")]
    [InlineData("--threads", "0")]
    [InlineData("--format", "csv")]
    public void Simulate_BadOption_UsageError(string option, string value)
    {
        var r = Rse.Run("simulate", "--method", Norm, "--inputs", Uncertain, option, value);

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
    }

    [Fact]
    public void Simulate_InvalidDistribution_Exit1WithTheLocatedDiagnostic()
    {
        using var temp = new TempFolder();
        var bad = temp.File("bad.json");
        File.WriteAllText(bad, File.ReadAllText(Uncertain).Replace("\"min\": 40,", "\"min\": 50,", StringComparison.Ordinal));

        var r = Rse.Run("simulate", "--method", Norm, "--inputs", bad);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var d = Located.Parse(r.StderrLines.ShouldHaveSingleItem());
        d.Code.ShouldBe("RSE5007");
        d.Message.ShouldEndWith("[/hourlyCost/mode]");
    }
}
