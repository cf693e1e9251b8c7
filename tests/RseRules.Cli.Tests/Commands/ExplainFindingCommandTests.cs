using System.Text.Json;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse explain &lt;finding-code&gt;</c> on the loan-vs-lease test method; expected values read from the example document.</summary>
public class ExplainFindingCommandTests
{
    [Fact]
    public void Explain_PerItemFinding_ListsEveryItemFiredOrNot()
    {
        using var temp = new TempFolder();
        var inputs = Path.Combine(temp.Path, "inputs.json");
        File.WriteAllText(inputs, File.ReadAllText(Repo.LoanExample).Replace("\"yearlyCost\": 400", "\"yearlyCost\": 0", StringComparison.Ordinal));

        var r = Rse.Run("explain", "--method", Repo.LoanMethodDir, "--inputs", inputs, "MAINTENANCE_FREE", "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldBe(
            "MAINTENANCE_FREE (info): for each item of maintenance, fired for 1 of 3 item(s)\n"
            + "  when: item.yearlyCost == 0\n"
            + "  items:\n"
            + "    not fired  service [0]: item.yearlyCost = 800\n"
            + "    fired      tires [1]: item.yearlyCost = 0 → \"Maintenance line Tires costs nothing.\"\n"
            + "    not fired  insurance [2]: item.yearlyCost = 1200\n");
    }

    [Fact]
    public void Explain_FindingAsJson_FromASavedRecord()
    {
        using var temp = new TempFolder();
        var record = Path.Combine(temp.Path, "record.json");
        Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json", "--out", record).ExitCode.ShouldBe(ExitCodes.Success);

        var r = Rse.Run("explain", "--record", record, "LOAN_BEYOND_HORIZON", "--format", "json", "--methods-dir", Repo.TestMethodsDir);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        using var json = IndependentJson.Parse(r.Stdout);
        using var example = IndependentJson.ParseFile(Repo.LoanExample);
        json.RootElement.GetProperty("fired").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("when").GetString().ShouldBe("loanYears > horizonYears");
        var reads = json.RootElement.GetProperty("reads").EnumerateArray().ToArray();
        reads.Select(x => x.GetProperty("name").GetString()).ShouldBe(["loanYears", "horizonYears"]);
        reads[0].GetProperty("value").GetInt32().ShouldBe(example.RootElement.GetProperty("loanYears").GetInt32());
        reads[1].GetProperty("value").GetInt32().ShouldBe(example.RootElement.GetProperty("horizonYears").GetInt32());
        json.RootElement.TryGetProperty("items", out _).ShouldBeFalse();
    }

    [Fact]
    public void Explain_UnknownName_ListsTheResults()
    {
        var r = Rse.Run("explain", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "NOPE");

        r.ExitCode.ShouldBe(ExitCodes.Invalid);
        r.Stderr.ShouldContain("RSE");
    }
}
