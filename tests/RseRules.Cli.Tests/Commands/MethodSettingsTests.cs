using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// Where <c>id@version</c> references are looked up: <c>--methods-dir</c>, else RSE_METHODS_DIR, else the nearest
/// methods/ folder from the current directory. These tests change the current directory or the environment
/// (process-wide), hence the sequential collection.
/// </summary>
[Collection(CurrentDirectoryDependent.Name)]
public class MethodSettingsTests
{
    private const string MethodsDirVariable = "RSE_METHODS_DIR";

    [Fact]
    public void Validate_NoArgument_ValidatesEveryMethodOfTheNearestMethodsFolder()
    {
        using var temp = new TempFolder();
        temp.CopyFolder(Repo.LoanMethodDir, Path.Combine("methods", "loan-vs-lease", "1.0.0"));
        temp.CopyFolder(Path.Combine(Repo.TestData, "broken", "formula-error"), Path.Combine("methods", "formula-error", "1.0.0"));
        using var cwd = new CurrentDirectory(temp.Path);
        using var unset = new EnvironmentVariable(MethodsDirVariable, null);

        var r = Rse.Run("validate");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var lines = r.Stdout.Replace('\\', '/').ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].ShouldBe("methods/formula-error/1.0.0/method.json: invalid (2 error(s))");
        lines[1].ShouldStartWith("methods/loan-vs-lease/1.0.0/method.json: loan-vs-lease@1.0.0 valid");
        r.Stderr.Replace('\\', '/').ShouldStartWith("methods/formula-error/1.0.0/method.json(13,27): error RSE4002: ");
    }

    [Fact]
    public void Evaluate_IdAtVersionFromASubfolder_FindsTheNearestMethodsFolder()
    {
        using var temp = new TempFolder();
        temp.CopyFolder(Repo.LoanMethodDir, Path.Combine("methods", "loan-vs-lease", "1.0.0"));
        Directory.CreateDirectory(temp.File("work", "deeper"));
        using var cwd = new CurrentDirectory(temp.File("work", "deeper"));
        using var unset = new EnvironmentVariable(MethodsDirVariable, null);

        var r = Rse.Run("evaluate", "--method", "loan-vs-lease@1.0.0", "--inputs", Repo.LoanExample, "--format", "json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldContain("\"npvLoan\": -30815.42");
    }

    [Fact]
    public void Validate_IdAtVersionWithEnvironmentVariable_UsesIt()
    {
        using var temp = new TempFolder();
        using var cwd = new CurrentDirectory(temp.Path);
        using var set = new EnvironmentVariable(MethodsDirVariable, Repo.TestMethodsDir);

        var r = Rse.Run("validate", "loan-vs-lease@1.0.0");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldStartWith("loan-vs-lease@1.0.0: loan-vs-lease@1.0.0 valid");
    }

    [Fact]
    public void Validate_NoArgumentAndEmptyMethodsDir_ExitsWith2()
    {
        using var temp = new TempFolder();

        var r = Rse.Run("validate", "--methods-dir", temp.Path);

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldStartWith("rse: error: no method to validate");
    }
}
