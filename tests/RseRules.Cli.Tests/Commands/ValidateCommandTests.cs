using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse validate</c>: JSON, schema, semantics and formulas of method files.</summary>
public class ValidateCommandTests
{
    private static readonly string LoanFile = Path.Combine(Repo.LoanMethodDir, "method.json");

    [Fact]
    public void Validate_LoanMethod_ExitsWith0AndSummarizesIt()
    {
        using var method = IndependentJson.ParseFile(LoanFile);
        var root = method.RootElement;
        int Count(string member) => root.GetProperty(member).GetArrayLength();

        var r = Rse.Run("validate", Repo.LoanMethodDir);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stderr.ShouldBeEmpty();
        r.Stdout.ShouldBe(
            $"{Repo.LoanMethodDir}: loan-vs-lease@1.0.0 valid — {Count("inputs")} inputs, {Count("parameters")} parameters, "
            + $"{Count("indicators")} indicators, {Count("rules")} rules, sha256 {IndependentJson.CanonicalSha256(LoanFile)}" + Environment.NewLine);
    }

    [Fact]
    public void Validate_MethodFilePath_ExitsWith0()
    {
        var r = Rse.Run("validate", LoanFile);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldStartWith($"{LoanFile}: loan-vs-lease@1.0.0 valid");
    }

    [Fact]
    public void Validate_IdAtVersionWithMethodsDir_ExitsWith0()
    {
        var r = Rse.Run("validate", "loan-vs-lease@1.0.0", "--methods-dir", Repo.TestMethodsDir);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldStartWith("loan-vs-lease@1.0.0: loan-vs-lease@1.0.0 valid");
    }

    [Fact]
    public void Validate_UnknownVersion_ExitsWith1ListingKnownVersions()
    {
        var r = Rse.Run("validate", "loan-vs-lease@9.9.9", "--methods-dir", Repo.TestMethodsDir);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stderr.ShouldStartWith("rse: error RSE0002: Method 'loan-vs-lease@9.9.9' not found");
        r.Stderr.ShouldContain("Known versions: 1.0.0.");
    }

    [Fact]
    public void Validate_BrokenCopyOfLoanMethod_ExitsWith1WithTheMisspellingLocated()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFolder(Repo.LoanMethodDir, "loan");
        var file = Path.Combine(copy, "method.json");
        var text = File.ReadAllText(file);
        const string Formula = "\"formula\": \"assetPrice - downPayment\"";
        text.ShouldContain(Formula);
        File.WriteAllText(file, text.Replace(Formula, "\"formula\": \"assetPrice - downPaymnt\"", StringComparison.Ordinal));
        var (line, column) = Located.PositionOf(file, "downPaymnt");

        var r = Rse.Run("validate", copy);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldBe($"{copy}: invalid (1 error(s))" + Environment.NewLine);
        var d = Located.Parse(r.StderrLines.ShouldHaveSingleItem());
        d.ShouldBe(new LocatedDiagnostic(file, line, column, "error", "RSE4002",
            "'downPaymnt' is not an input, parameter or indicator of the method; did you mean 'downPayment'? (CS0103) (in indicator 'loanPrincipal') [/indicators/0/formula]"));
    }

    [Fact]
    public void Validate_CopyWithInputCheckReadingAnIndicator_ExitsWith1()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFolder(Repo.LoanMethodDir, "loan");
        var file = Path.Combine(copy, "method.json");
        var text = File.ReadAllText(file);
        const string When = "\"when\": \"downPayment > assetPrice\"";
        text.ShouldContain(When);
        File.WriteAllText(file, text.Replace(When, "\"when\": \"loanPrincipal < 0\"", StringComparison.Ordinal));

        var r = Rse.Run("validate", copy);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var d = Located.Parse(r.StderrLines.ShouldHaveSingleItem());
        d.Code.ShouldBe("RSE3008");
        d.File.ShouldBe(file);
        d.Line.ShouldBe(Located.PositionOf(file, "loanPrincipal < 0").Line);
    }

    [Theory]
    [InlineData("bad-json", "RSE1001")]
    [InlineData("schema-violation", "RSE2001")]
    [InlineData("formula-error", "RSE4002")]
    [InlineData("forbidden-member", "RSE4004")]
    public void Validate_BrokenFixture_ExitsWith1WithOnlyLocatedErrors(string fixture, string code)
    {
        var folder = Path.Combine(Repo.TestData, "broken", fixture);

        var r = Rse.Run("validate", folder);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldStartWith($"{folder}: invalid (");
        r.StderrLines.ShouldNotBeEmpty();
        foreach (var d in r.StderrLines.Select(Located.Parse))
        {
            d.File.ShouldBe(Path.Combine(folder, "method.json"));
            d.Severity.ShouldBe("error");
            d.Code.ShouldBe(code);
            d.Line.ShouldBePositive();
            d.Column.ShouldBePositive();
        }
    }

    [Fact]
    public void Validate_ForbiddenMember_NamesItAtTheFormula()
    {
        var folder = Path.Combine(Repo.TestData, "broken", "forbidden-member");
        var file = Path.Combine(folder, "method.json");
        // Reported once, at the member called (`Exists`), not again at `System`, `IO` or `File`.
        var (line, column) = Located.PositionOf(file, "Exists(path)");

        var r = Rse.Run("validate", folder);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stderr.ShouldContain($"{file}({line},{column}): error RSE4004: 'System.IO.File.Exists' is not available to formulas. (in indicator 'snoop') [/indicators/0/formula]");
        r.StderrLines.Count(l => l.Contains("RSE4004", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void Validate_ValidAndBrokenMethods_ReportsEachAndExitsWith1()
    {
        var broken = Path.Combine(Repo.TestData, "broken", "bad-json");

        var r = Rse.Run("validate", Repo.LoanMethodDir, broken);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var lines = r.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith($"{Repo.LoanMethodDir}: loan-vs-lease@1.0.0 valid");
        lines[1].ShouldBe($"{broken}: invalid (1 error(s))");
    }

    [Theory]
    [InlineData("\"template\": \"no-such-set\"", "RSE8003", "/report/template")]
    [InlineData("\"headline\": [\"npvLoan\", \"nope\"]", "RSE3002", "/report/headline/1")]
    [InlineData("\"decision\": \"npvLoan\"", "RSE3003", "/report/decision")]
    [InlineData("\"subject\": \"/maintenance/0/label\"", "RSE3002", "/report/subject")]
    [InlineData("\"charts\": [{ \"type\": \"lines\", \"results\": [\"npvLoan\"] }]", "RSE3003", "/report/charts/0/results")]
    [InlineData("\"charts\": [{ \"type\": \"radar\", \"results\": [\"npvLoan\", \"npvLease\"] }]", "RSE3003", "/report/charts/0/results")]
    [InlineData("\"charts\": [{ \"type\": \"pie\", \"results\": [\"npvLoan\"] }]", "RSE2001", "/report/charts/0/type")]
    public void Validate_ReportMemberThatDoesNotFit_ExitsWith1AtItsPlace(string member, string code, string pointer)
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFolder(Repo.LoanMethodDir, "loan");
        var path = Path.Combine(copy, "method.json");
        var text = File.ReadAllText(path);
        var start = text.IndexOf("\"report\": {", StringComparison.Ordinal);
        var end = text.IndexOf("\n  },", start, StringComparison.Ordinal) + 4;
        File.WriteAllText(path, text[..start] + "\"report\": { " + member + " }," + text[(end + 1)..]);
        var result = Rse.Run("validate", copy);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stderr.ShouldContain($"error {code}");
        result.Stderr.ShouldContain($"[{pointer}]");
    }
}
