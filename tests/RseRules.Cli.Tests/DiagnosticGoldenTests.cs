using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests;

/// <summary>
/// The exact diagnostics text of broken fixtures, compared with golden files (TestData/golden/*.stderr.txt; see
/// <see cref="Golden"/>: set UPDATE_GOLDEN=1 to rewrite them after a deliberate change). The commands run from the
/// TestData folder with relative paths, so that the printed file names do not depend on the machine; hence the
/// collection that changes the current directory one test at a time.
/// </summary>
[Collection(CurrentDirectoryDependent.Name)]
public class DiagnosticGoldenTests
{
    [Theory]
    [InlineData("bad-json")]
    [InlineData("schema-violation")]
    [InlineData("formula-error")]
    public void Validate_BrokenMethod_StderrMatchesGoldenFile(string fixture)
    {
        using var cwd = new CurrentDirectory(Repo.TestData);

        var r = Rse.Run("validate", "broken/" + fixture);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        Golden.Verify($"validate-{fixture}.stderr.txt", r.Stderr);
    }

    /// <summary>In French (the default of <c>--lang</c>): <c>evaluate-x.stderr.txt</c>; in English: <c>evaluate-x.en.stderr.txt</c>.</summary>
    [Theory]
    [InlineData("bad-json", "fr")]
    [InlineData("schema-violation", "fr")]
    [InlineData("series-length", "fr")]
    [InlineData("bad-json", "en")]
    [InlineData("schema-violation", "en")]
    [InlineData("series-length", "en")]
    public void Evaluate_BrokenInputs_StderrMatchesGoldenFile(string fixture, string lang)
    {
        using var cwd = new CurrentDirectory(Repo.TestData);

        var r = lang == "fr"
            ? Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", $"inputs/{fixture}.json")
            : Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", $"inputs/{fixture}.json", "--lang", lang);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        Golden.Verify(lang == "fr" ? $"evaluate-{fixture}.stderr.txt" : $"evaluate-{fixture}.{lang}.stderr.txt", r.Stderr);
    }
}
