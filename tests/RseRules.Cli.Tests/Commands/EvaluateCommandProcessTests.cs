using RseRules.Cli.Tests.TestSupport;
using RseRules.Core.Compilation;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// Two <c>rse</c> processes (the built CLI, <c>dotnet src/RseRules.Cli/bin/&lt;configuration&gt;/net10.0/rse.dll</c>)
/// evaluating at once with one <c>RSE_CACHE_DIR</c>: both succeed and write the same record, whether the cache folder
/// does not exist yet (both compile, both store) or already holds the method (both load it); and both writing one
/// <c>--out</c> file leave one whole record.
/// </summary>
public sealed class EvaluateCommandProcessTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Evaluate_TwoProcessesSharingANewCacheFolder_BothSucceedWithIdenticalRecords()
    {
        var cache = temp.File("cache-not-yet-created");

        var first = await BothAtOnce(cache);
        Directory.Exists(cache).ShouldBeTrue("the cache is created by the first run");
        var second = await BothAtOnce(cache);

        second.ShouldBe(first, "a run that loads the method from the cache writes the same record as one that compiled it");
        Directory.GetFiles(cache, "*.tmp*", SearchOption.AllDirectories).ShouldBeEmpty("no temporary file is left in the cache");

        // Both writing one --out file at once (the cache now warm): one whole record, no temporary file.
        var output = temp.File("out", "evaluation.json");
        var runs = await Task.WhenAll(
            RunProcess(cache, "evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json", "--out", output),
            RunProcess(cache, "evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json", "--out", output));
        foreach (var run in runs)
        {
            run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        }

        File.ReadAllText(output).ShouldBe(first);
        Directory.GetFileSystemEntries(temp.File("out")).Select(Path.GetFileName).ShouldBe(["evaluation.json"], "no temporary file is left beside the output");
    }

    /// <summary>Two processes evaluating the loan example as a JSON record at the same time; returns the record.</summary>
    private async Task<string> BothAtOnce(string cache)
    {
        var runs = await Task.WhenAll(
            RunProcess(cache, "evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json"),
            RunProcess(cache, "evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json"));

        foreach (var run in runs)
        {
            run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
            run.Stderr.ShouldBeEmpty(run.ToString());
            run.Stdout.ShouldStartWith("{");
        }

        runs[1].Stdout.ShouldBe(runs[0].Stdout);
        return runs[0].Stdout;
    }

    private async Task<CliResult> RunProcess(string cache, params string[] args)
    {
        var run = await RseProcess.RunAsync(temp.Path, new Dictionary<string, string> { [CompileOptions.CacheDirectoryVariable] = cache }, TimeSpan.FromMinutes(3), args);
        return new CliResult(run.ExitCode, run.Stdout, run.Stderr);
    }
}
