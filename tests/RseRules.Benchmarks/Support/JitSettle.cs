using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// Runs a workload until the JIT is quiet: no method compiled during two consecutive 250 ms windows. A setup that ran
/// Roslyn (every benchmark here compiles the norm; the scripting baseline compiles 58 scripts) leaves thousands of
/// Roslyn methods queued for tier-1 recompilation; on a 2-core machine that backlog takes tens of seconds, and until it
/// drains the benchmarked code itself stays in tier-0 behind it and the background JIT competes for the cores.
/// BenchmarkDotNet's few warmup iterations do not cover that; this does, before any measurement.
/// </summary>
public static class JitSettle
{
    /// <summary>Runs <paramref name="workload"/> until the JIT is quiet or <paramref name="maxSeconds"/> passed; says how long it took.</summary>
    public static void Run(string what, Action workload, double maxSeconds = 60)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var watch = Stopwatch.StartNew();
        var first = JitInfo.GetCompiledMethodCount();
        var last = first;
        var quiet = 0;
        while (quiet < 2 && watch.Elapsed.TotalSeconds < maxSeconds)
        {
            var window = Stopwatch.StartNew();
            do
            {
                workload();
            }
            while (window.ElapsedMilliseconds < 250);

            var now = JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// JIT settle ({what}): {(quiet >= 2 ? "quiet" : "NOT quiet")} after {watch.Elapsed.TotalSeconds:F1} s, {last - first} methods compiled meanwhile"));
    }
}
