using System.Text.Json;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse sensitivity</c>: the tornado of one numeric result.</summary>
public class SensitivityCommandTests
{
    private static readonly string Norm = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string Uncertain = Path.Combine(Norm, "examples", "example-uncertain.json");

    [Fact]
    public void Sensitivity_MissingInputs_Exit1WithTheDiagnostic()
    {
        var r = Rse.Run("sensitivity", "--method", Norm, "--inputs", Path.Combine(Norm, "examples", "no-such.json"), "--result", "npvAdjusted");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stderr.ShouldContain("RSE0001");
        r.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Sensitivity_SeveralNumericResultsAndNoResultOption_UsageErrorListingThem()
    {
        var r = Rse.Run("sensitivity", "--method", Norm, "--inputs", Uncertain);

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("choose one with --result");
        r.Stderr.ShouldContain("npvAdjusted");
    }

    [Fact]
    public void Sensitivity_TextResult_UsageError()
    {
        var r = Rse.Run("sensitivity", "--method", Norm, "--inputs", Uncertain, "--result", "decision");

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
    }

    [Fact]
    public void Sensitivity_Json_EveryDistributionRankedByDecreasingRange()
    {
        var r = Rse.Run("sensitivity", "--method", Norm, "--inputs", Uncertain, "--result", "npvAdjusted", "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        root.GetProperty("mode").GetString().ShouldBe("distributions");
        root.GetProperty("base").GetDouble().ShouldBe(98885.73); // the example's figure: the modes are the example's values
        var ranges = root.GetProperty("inputs").EnumerateArray().Select(e => e.GetProperty("range").GetDouble()).ToArray();
        ranges.Length.ShouldBe(10);
        ranges.ShouldBe(ranges.OrderByDescending(x => x).ToArray());
        ranges[0].ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Sensitivity_PlainDocument_SwingsByTenPercent()
    {
        var r = Rse.Run("sensitivity", "--method", Norm, "--inputs", Path.Combine(Norm, "examples", "example.json"), "--result", "npvAdjusted", "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldContain("each numeric input by -10 % and +10 %");
        r.Stdout.ShouldContain("/hourlyCost");
    }
}
