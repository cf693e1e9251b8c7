using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests;

/// <summary>Exit codes of <c>rse</c>: 0 success, 1 invalid method or inputs, 2 usage errors.</summary>
public class CliAppTests
{
    [Fact]
    public void Run_ValidMethodAndInputs_ExitsWith0AndPrintsNoDiagnostic()
    {
        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public void Run_UnknownCommand_ExitsWith2WithUsageError()
    {
        var r = Rse.Run("frobnicate", Repo.LoanMethodDir);

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("rse: usage error:");
        r.Stderr.ShouldContain("frobnicate");
        r.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("validate", "{method}", "--bogus")]
    [InlineData("test", "{method}", "--bogus")]
    [InlineData("evaluate", "--method", "{method}", "--inputs", "{inputs}", "--bogus", "1")]
    [InlineData("schema", "--method", "{method}", "--quiet")]
    public void Run_UnknownOption_ExitsWith2WithUsageError(params string[] args)
    {
        var r = Rse.Run(Expand(args));

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("rse: usage error:");
        r.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("evaluate", "--inputs", "{inputs}")]
    [InlineData("evaluate", "--method", "{method}")]
    [InlineData("schema")]
    public void Run_MissingRequiredOption_ExitsWith2NamingIt(params string[] args)
    {
        var r = Rse.Run(Expand(args));

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("rse: usage error:");
        r.Stderr.ShouldContain("--method");
        r.Stderr.ShouldContain("required");
    }

    [Fact]
    public void Run_TestWithoutMethod_ExitsWith2()
    {
        var r = Rse.Run("test");

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("METHOD");
    }

    [Fact]
    public void Run_TestWithTwoMethods_ExitsWith2()
    {
        var r = Rse.Run("test", Repo.LoanMethodDir, Repo.LoanMethodDir);

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("JSON")]
    [InlineData("")]
    public void Run_BadFormat_ExitsWith2NamingTheFormat(string format)
    {
        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", format);

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain($"--format must be table, json or xlsx, not '{format}'");
        r.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Run_BadLanguage_ExitsWith2()
    {
        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--lang", "de");

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain("--lang must be fr or en, not 'de'");
    }

    [Theory]
    [InlineData("--method", "evaluate", "--inputs", "{inputs}", "--method")]
    [InlineData("--method", "evaluate", "--method", "--inputs", "{inputs}")]
    [InlineData("-f", "evaluate", "-m", "{method}", "-i", "{inputs}", "-f")]
    [InlineData("--methods-dir", "validate", "{method}", "--methods-dir")]
    [InlineData("--out", "schema", "--method", "{method}", "--out")]
    public void Run_OptionWithoutValue_ExitsWith2NamingTheOption(string option, params string[] args)
    {
        var r = Rse.Run(Expand(args));

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldStartWith($"rse: usage error: Option '{option}' needs a value.");
        r.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Run_OptionValueGivenWithEquals_IsAccepted()
    {
        var r = Rse.Run("evaluate", $"--method={Repo.LoanMethodDir}", $"--inputs={Repo.LoanExample}", "--format=json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldStartWith("{");
    }

    [Fact]
    public void Run_Help_ExitsWith0AndListsEveryCommand()
    {
        var r = Rse.Run("--help");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        foreach (var command in new[] { "validate", "evaluate", "test", "schema" })
        {
            r.Stdout.ShouldContain(command);
        }
    }

    [Fact]
    public void Run_MissingMethodFile_ExitsWith1WithRse0001()
    {
        using var temp = new TempFolder();
        var missing = temp.File("nowhere", "method.json");

        var r = Rse.Run("validate", missing);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stderr.ShouldStartWith($"{missing}: error RSE0001: ");
    }

    [Fact]
    public void Run_MissingInputsFile_ExitsWith1WithRse0001()
    {
        using var temp = new TempFolder();
        var missing = temp.File("inputs.json");

        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", missing);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stderr.ShouldBe($"{missing}: error RSE0001: Le fichier «\u00A0{missing}\u00A0» n'existe pas." + Environment.NewLine); // --lang fr by default
        r.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Run_InvalidInputs_ExitsWith1WithLocatedDiagnostics()
    {
        var inputs = Path.Combine(Repo.TestData, "inputs", "schema-violation.json");

        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", inputs);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.StderrLines.ShouldNotBeEmpty();
        foreach (var line in r.StderrLines)
        {
            var d = Located.Parse(line);
            d.File.ShouldBe(inputs);
            d.Severity.ShouldBe("error");
            d.Code.ShouldBe("RSE5001");
            d.Line.ShouldBePositive();
            d.Column.ShouldBePositive();
        }
    }

    [Fact]
    public void Run_UnwritableOutput_ExitsWith1WithRse0005()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("file"), "a file, not a folder");

        var r = Rse.Run("schema", "--method", Repo.LoanMethodDir, "--out", temp.File("file", "schema.json"));

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stderr.ShouldStartWith("rse: error RSE0005: ");
    }

    private static string[] Expand(string[] args) =>
        args.Select(a => a.Replace("{method}", Repo.LoanMethodDir, StringComparison.Ordinal)
                          .Replace("{inputs}", Repo.LoanExample, StringComparison.Ordinal)).ToArray();
}
