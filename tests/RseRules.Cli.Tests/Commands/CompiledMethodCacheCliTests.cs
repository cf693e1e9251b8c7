using System.Diagnostics;
using RseRules.Cli.Tests.TestSupport;
using RseRules.Core.Compilation;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// The compiled-method cache seen from the command line: <c>--verbose</c> says whether a method was compiled or
/// loaded from the cache, <c>--no-cache</c> neither reads nor writes it, failed compilations are reported every time,
/// a corrupt entry is a warning and is rebuilt, and two <c>rse</c> processes sharing a cache folder both succeed.
/// These tests set RSE_CACHE_DIR (process-wide), hence the sequential collection.
/// </summary>
[Collection(CurrentDirectoryDependent.Name)]
public sealed class CompiledMethodCacheCliTests : IDisposable
{
    private readonly TempFolder cache = new();
    private readonly EnvironmentVariable variable;

    public CompiledMethodCacheCliTests() => variable = new EnvironmentVariable(CompileOptions.CacheDirectoryVariable, cache.Path);

    public void Dispose()
    {
        variable.Dispose();
        cache.Dispose();
    }

    [Fact]
    public void Validate_Twice_VerboseSaysCompiledThenFromCache()
    {
        var first = Rse.Run("validate", "--verbose", Repo.LoanMethodDir);
        var second = Rse.Run("validate", "--verbose", Repo.LoanMethodDir);

        first.ExitCode.ShouldBe(ExitCodes.Success, first.ToString());
        second.ExitCode.ShouldBe(ExitCodes.Success, second.ToString());
        var entry = Entries().ShouldHaveSingleItem();
        first.Stderr.ShouldBe($"rse: loan-vs-lease@1.0.0: compiled, cached in {entry}" + Environment.NewLine);
        second.Stderr.ShouldBe($"rse: loan-vs-lease@1.0.0: from cache ({entry})" + Environment.NewLine);
        second.Stdout.ShouldBe(first.Stdout);
    }

    [Fact]
    public void Validate_WithoutVerbose_PrintsNothingAboutTheCache()
    {
        Rse.Run("validate", Repo.LoanMethodDir).Stderr.ShouldBeEmpty();
        var second = Rse.Run("validate", Repo.LoanMethodDir);

        second.ExitCode.ShouldBe(ExitCodes.Success, second.ToString());
        second.Stderr.ShouldBeEmpty();
        Entries().Length.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_FromCache_WritesTheSameRecord()
    {
        var compiled = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json");
        var cached = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json", "--verbose");

        compiled.ExitCode.ShouldBe(ExitCodes.Success, compiled.ToString());
        cached.ExitCode.ShouldBe(ExitCodes.Success, cached.ToString());
        cached.Stderr.ShouldStartWith("rse: loan-vs-lease@1.0.0: from cache (");
        cached.Stdout.ShouldBe(compiled.Stdout);
    }

    [Fact]
    public void Validate_NoCache_NeitherReadsNorWrites()
    {
        var uncached = Rse.Run("validate", "--no-cache", "--verbose", Repo.LoanMethodDir);

        uncached.ExitCode.ShouldBe(ExitCodes.Success, uncached.ToString());
        uncached.Stderr.ShouldBe("rse: loan-vs-lease@1.0.0: compiled (--no-cache)" + Environment.NewLine);
        Directory.GetFileSystemEntries(cache.Path).ShouldBeEmpty();

        Rse.Run("validate", Repo.LoanMethodDir).ExitCode.ShouldBe(ExitCodes.Success);
        var entry = Entries().ShouldHaveSingleItem();
        var written = File.GetLastWriteTimeUtc(entry);

        var again = Rse.Run("validate", "--no-cache", "--verbose", Repo.LoanMethodDir);

        again.Stderr.ShouldBe("rse: loan-vs-lease@1.0.0: compiled (--no-cache)" + Environment.NewLine);
        Entries().ShouldBe([entry]);
        File.GetLastWriteTimeUtc(entry).ShouldBe(written);
    }

    [Fact]
    public void Validate_FormulaError_IsReportedEveryTimeAndNotCached()
    {
        var method = Path.Combine(Repo.TestData, "broken", "formula-error");

        var first = Rse.Run("validate", "--verbose", method);
        var second = Rse.Run("validate", "--verbose", method);

        first.ExitCode.ShouldBe(ExitCodes.Invalid, first.ToString());
        second.ExitCode.ShouldBe(ExitCodes.Invalid, second.ToString());
        first.Stderr.ShouldContain("error RSE4002: ");
        second.Stderr.ShouldBe(first.Stderr);
        second.Stdout.ShouldBe(first.Stdout);
        Entries().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_TruncatedEntry_WarnsRebuildsAndSucceeds()
    {
        Rse.Run("validate", Repo.LoanMethodDir).ExitCode.ShouldBe(ExitCodes.Success);
        var entry = Entries().ShouldHaveSingleItem();
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, bytes[..(bytes.Length / 2)]);

        var repaired = Rse.Run("validate", "--verbose", Repo.LoanMethodDir);

        repaired.ExitCode.ShouldBe(ExitCodes.Success, repaired.ToString());
        var lines = repaired.StderrLines;
        lines.Length.ShouldBe(2, repaired.ToString());
        lines[0].ShouldBe($"rse: loan-vs-lease@1.0.0: compiled, cached in {entry}");
        lines[1].ShouldStartWith($"{entry}: warning RSE0003: Compiled-method cache entry discarded: its assembly is truncated");
        File.ReadAllBytes(entry).ShouldBe(bytes);

        var after = Rse.Run("validate", "--verbose", Repo.LoanMethodDir);
        after.Stderr.ShouldBe($"rse: loan-vs-lease@1.0.0: from cache ({entry})" + Environment.NewLine);
    }

    [Fact]
    public async Task Validate_TwoProcessesSharingTheCache_BothSucceedAndOneValidEntryRemains()
    {
        var runs = await Task.WhenAll(RunProcess("validate", "--verbose", Repo.LoanMethodDir), RunProcess("validate", "--verbose", Repo.LoanMethodDir));

        foreach (var (exitCode, stdout, stderr) in runs)
        {
            exitCode.ShouldBe(ExitCodes.Success, stdout + stderr);
            stdout.ShouldStartWith($"{Repo.LoanMethodDir}: loan-vs-lease@1.0.0 valid");
            stderr.ShouldStartWith("rse: loan-vs-lease@1.0.0: ");
            stderr.ShouldNotContain("warning");
        }

        var entry = Entries().ShouldHaveSingleItem();
        Directory.GetFileSystemEntries(cache.Path).Order(StringComparer.Ordinal).ShouldBe(new[] { entry, Path.Combine(cache.Path, "schema-passed") }.Order(StringComparer.Ordinal), "no temporary file is left");
        Directory.GetFileSystemEntries(Path.Combine(cache.Path, "schema-passed")).ShouldHaveSingleItem(); // the method file passed the schema

        // The entry is valid: a third process loads it (a process, like the two writers, rather than this one, whose
        // engine build could differ from the rse.dll beside it if the output folder was rebuilt during the run).
        var third = await RunProcess("validate", "--verbose", Repo.LoanMethodDir);
        third.ExitCode.ShouldBe(ExitCodes.Success, third.Stderr);
        third.Stderr.ShouldBe($"rse: loan-vs-lease@1.0.0: from cache ({entry})" + Environment.NewLine);
    }

    private string[] Entries() => Directory.GetFiles(cache.Path, "*.rsec");

    /// <summary>Runs the built <c>rse</c> in its own process (the resident process off), with this test's cache folder.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunProcess(params string[] args)
    {
        var run = await RseProcess.RunAsync(Repo.Root, new Dictionary<string, string> { [CompileOptions.CacheDirectoryVariable] = cache.Path }, TimeSpan.FromMinutes(3), args);
        return (run.ExitCode, run.Stdout, run.Stderr);
    }
}
