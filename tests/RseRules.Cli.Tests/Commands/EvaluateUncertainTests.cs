using System.Text.Json;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse evaluate</c> on a document with distributions: the figures of the modes, and a warning that says so.</summary>
public class EvaluateUncertainTests
{
    private static readonly string Norm = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");

    [Fact]
    public void Evaluate_Distributions_FiguresOfTheModesWithAWarningAndAFinding()
    {
        // example-uncertain.json is example.json with ten values replaced by distributions whose mode (or, for the
        // uniform one, mean) is the value example.json gives: the results must be the same.
        var plain = Rse.Run("evaluate", "--method", Norm, "--inputs", Path.Combine(Norm, "examples", "example.json"), "--format", "json");
        var uncertain = Rse.Run("evaluate", "--method", Norm, "--inputs", Path.Combine(Norm, "examples", "example-uncertain.json"), "--format", "json");

        uncertain.ExitCode.ShouldBe(ExitCodes.Success, uncertain.ToString());
        using var a = JsonDocument.Parse(plain.Stdout);
        using var b = JsonDocument.Parse(uncertain.Stdout);
        b.RootElement.GetProperty("results").GetRawText().ShouldBe(a.RootElement.GetProperty("results").GetRawText());
        var warning = Located.Parse(uncertain.StderrLines.ShouldHaveSingleItem());
        (warning.Severity, warning.Code).ShouldBe(("warning", "RSE5008"));
        warning.Message.ShouldContain("/gains/ideas/valuePerIdea = 4000");
        b.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ShouldContain("UNCERTAIN_INPUTS");
        a.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ShouldNotContain("UNCERTAIN_INPUTS");
    }

    [Fact]
    public void Evaluate_Distributions_RecordReplaysIdentically()
    {
        using var temp = new TempFolder();
        var record = temp.File("evaluation.json");
        Rse.Run("evaluate", "--method", Norm, "--inputs", Path.Combine(Norm, "examples", "example-uncertain.json"), "--format", "json", "--out", record)
            .ExitCode.ShouldBe(ExitCodes.Success);

        var r = Rse.Run("replay", record, "--method", Norm);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
    }
}
