using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse test</c>: runs a method's test cases and prints <c>N passed, N failed</c>.</summary>
public class TestCommandTests
{
    /// <summary>The loan method's cases, in the order rse runs them (file names, ordinal).</summary>
    private static readonly string[] LoanCases = Directory.GetFiles(Path.Combine(Repo.LoanMethodDir, "tests"), "*.json")
        .Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(Path.GetFileNameWithoutExtension).ToArray()!;

    [Fact]
    public void Test_LoanMethod_EveryCasePassesAndExitsWith0()
    {
        var r = Rse.Run("test", Repo.LoanMethodDir);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stderr.ShouldBeEmpty();
        LoanCases.Length.ShouldBeGreaterThanOrEqualTo(5);
        var lines = r.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        lines.ShouldBe([.. LoanCases.Select(c => "PASS " + c), $"{LoanCases.Length} passed, 0 failed"]);
    }

    [Fact]
    public void Test_LoanMethodByIdAtVersion_EveryCasePasses()
    {
        var r = Rse.Run("test", "loan-vs-lease@1.0.0", "--methods-dir", Repo.TestMethodsDir);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldEndWith($"{LoanCases.Length} passed, 0 failed" + Environment.NewLine);
    }

    [Theory]
    [InlineData("delivery-van", "\"annuityPayment\": 6887.25,", "\"annuityPayment\": 6887.26,",
        "annuityPayment: expected 6887.26, got 6887.25")]
    [InlineData("delivery-van", "\"cheapestOption\": \"loan\",", "\"cheapestOption\": \"lease\",",
        "cheapestOption: expected \"lease\", got \"loan\"")]
    [InlineData("delivery-van", "[-1500, -7600, -7624,", "[-1500, -7600, -7642,",
        "leaseCashFlows[2]: expected -7642, got -7624")]
    [InlineData("delivery-van", "\"expectedFindings\": [\"PREFERENCE_COSTLY\"]", "\"expectedFindings\": [\"LOAN_BEYOND_HORIZON\"]",
        "expected finding LOAN_BEYOND_HORIZON, raised: PREFERENCE_COSTLY")]
    [InlineData("down-payment-above-price", "\"downPayment\": 10000.01,", "\"downPayment\": 9999.99,",
        "expected error RSE5006 at /downPayment, got: none")]
    public void Test_CopyWithAWrongExpectation_ExitsWith1AndPrintsFail(string testCase, string find, string replace, string failure)
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFolder(Repo.LoanMethodDir, "loan");
        var file = Path.Combine(copy, "tests", testCase + ".json");
        var text = File.ReadAllText(file);
        text.ShouldContain(find);
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));

        var r = Rse.Run("test", copy);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var lines = r.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var fail = Array.IndexOf(lines, "FAIL " + testCase);
        fail.ShouldBeGreaterThanOrEqualTo(0, r.Stdout);
        lines[fail + 1].Trim().ShouldStartWith(failure);
        lines.Count(l => l.StartsWith("PASS ", StringComparison.Ordinal)).ShouldBe(LoanCases.Length - 1);
        lines[^1].ShouldBe($"{LoanCases.Length - 1} passed, 1 failed");
    }

    [Fact]
    public void Test_MalformedTestCase_FailsWithRse7001()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFolder(Repo.LoanMethodDir, "loan");
        File.WriteAllText(Path.Combine(copy, "tests", "zz-malformed.json"), "{ \"inputs\": \"../examples/delivery-van.json\", \"expect\": {} }\n");

        var r = Rse.Run("test", copy);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldContain("FAIL zz-malformed");
        r.Stdout.ShouldContain("error RSE7001:");
        r.Stdout.ShouldEndWith($"{LoanCases.Length} passed, 1 failed" + Environment.NewLine);
    }

    [Fact]
    public void Test_MethodWithoutTestCases_ExitsWith1()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("loan"));
        File.Copy(Path.Combine(Repo.LoanMethodDir, "method.json"), temp.File("loan", "method.json"));

        var r = Rse.Run("test", temp.File("loan"));

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stderr.ShouldContain("loan-vs-lease@1.0.0 has no test case");
        r.Stdout.ShouldNotContain("passed");
    }

    [Fact]
    public void Test_BrokenMethod_ExitsWith1WithDiagnosticsAndRunsNoCase()
    {
        var folder = Path.Combine(Repo.TestData, "broken", "formula-error");

        var r = Rse.Run("test", folder);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.StderrLines.Select(Located.Parse).Select(d => d.Code).ShouldBe(["RSE4002", "RSE4002"]);
    }
}
