using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RseRules.Benchmarks.Support;
using RseRules.Core.Compilation;
using RseRules.Core.Model;

namespace RseRules.Benchmarks;

/// <summary>
/// The first compilation in a fresh process (<see cref="RunStrategy.ColdStart"/>: one invocation per process, no
/// warmup; JIT of Roslyn and of the engine included): what each <c>rse</c> command pays, minus process start and
/// loading. The cache entry the second benchmark loads is written in setup by a child process
/// (<see cref="CacheWarmer"/>), so that nothing of the compile path is JIT-compiled in the measured process.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 3, warmupCount: 0, iterationCount: 1)]
[MinColumn]
[MaxColumn]
public class ColdCompileBenchmarks
{
    private MethodDefinition method = null!;
    private CompileOptions cached = null!;
    private string cacheDir = null!;

    [GlobalSetup]
    public void Setup()
    {
        method = Norm.LoadMethod();
        cacheDir = Path.Combine(Path.GetTempPath(), "rse-bench-cache-cold-" + Environment.ProcessId);
        CacheWarmer.WarmInChildProcess(cacheDir);
        cached = CompileOptions.Default with { CacheDirectory = cacheDir };
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(cacheDir, recursive: true);

    [Benchmark(Baseline = true, Description = "First compile in process (Roslyn)")]
    public bool ColdCompile_Roslyn() => Compile(Norm.NoCache, expectFromCache: false);

    [Benchmark(Description = "First load in process (cache)")]
    public bool ColdCompile_FromCache() => Compile(cached, expectFromCache: true);

    private bool Compile(CompileOptions options, bool expectFromCache)
    {
        var result = MethodCompiler.Compile(method, options);
        if (result.Method is null || result.FromCache != expectFromCache)
        {
            throw new InvalidOperationException($"Unexpected compilation (from cache: {result.FromCache}): {string.Join("; ", result.Diagnostics)}");
        }

        result.Method.Dispose();
        return result.FromCache;
    }
}
