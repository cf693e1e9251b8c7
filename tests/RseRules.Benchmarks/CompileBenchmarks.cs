using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RseRules.Benchmarks.Support;
using RseRules.Core.Compilation;
using RseRules.Core.Model;

namespace RseRules.Benchmarks;

/// <summary>
/// Compiling the norm in a process that has compiled before (Roslyn already JIT-compiled): with Roslyn every time
/// (<c>NoCache</c>), and loaded from the compiled-method cache (an entry written in setup). Few iterations: each
/// compilation takes a fraction of a second and leaves a collectible assembly behind, unloaded on dispose.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MinColumn]
[MedianColumn]
public class CompileBenchmarks
{
    private MethodDefinition method = null!;
    private CompileOptions cached = null!;
    private string cacheDir = null!;

    [GlobalSetup]
    public void Setup()
    {
        method = Norm.LoadMethod();
        cacheDir = Path.Combine(Path.GetTempPath(), "rse-bench-cache-warm-" + Environment.ProcessId);
        cached = CompileOptions.Default with { CacheDirectory = cacheDir };
        using var first = MethodCompiler.Compile(method, cached).Method;
        var second = MethodCompiler.Compile(method, cached);
        if (!second.FromCache)
        {
            throw new InvalidOperationException("The compiled-method cache did not hit after an entry was written: " + string.Join("; ", second.Diagnostics));
        }

        second.Method!.Dispose();
        JitSettle.Run("compile", () =>
        {
            CompileAndDispose(Norm.NoCache, expectFromCache: false);
            CompileAndDispose(cached, expectFromCache: true);
        }, maxSeconds: 30);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(cacheDir, recursive: true);

    [Benchmark(Baseline = true, Description = "Compile (Roslyn, no cache)")]
    public bool Compile_Roslyn() => CompileAndDispose(Norm.NoCache, expectFromCache: false);

    [Benchmark(Description = "Load from compiled-method cache")]
    public bool Compile_FromCache() => CompileAndDispose(cached, expectFromCache: true);

    private bool CompileAndDispose(CompileOptions options, bool expectFromCache)
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
