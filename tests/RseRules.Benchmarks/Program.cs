using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using RseRules.Benchmarks.Support;

namespace RseRules.Benchmarks;

/// <summary>
/// Entry point. <c>-- --check</c> runs the self-checks only (no timing); <c>-- --interleaved</c> times the three-way
/// comparison round-robin in one process (<see cref="Interleaved"/>); <c>-- --cpu-time</c> gives the CPU time of the
/// operations with a time target (<see cref="CpuTime"/>); <c>-- --write-variants DIR</c> writes the
/// batch benchmark's documents; <c>-- --load [--clients 16] [--duration 30]…</c> sends load to the workbench's
/// evaluate endpoint (<see cref="Load.LoadBenchmark"/>); <c>-- --live [--iterations 200]…</c> times the evaluate page's live
/// panel in Chromium (<see cref="Live.LiveBenchmark"/>); anything else goes to BenchmarkDotNet (<c>--filter '*'</c>, <c>--list flat</c>,
/// <c>--job short</c>, <c>--inProcess</c>…).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Contains("--check"))
        {
            return Checks.Run(Console.Out);
        }

        if (args.Contains("--cpu-time"))
        {
            return CpuTime.Run(Console.Out);
        }

        if (args.Contains(Load.LoadOptions.Argument))
        {
            return Load.LoadBenchmark.RunAsync(args, Console.Out).GetAwaiter().GetResult();
        }

        if (args.Contains(Live.LiveBenchmark.Argument))
        {
            return Live.LiveBenchmark.RunAsync(args, Console.Out).GetAwaiter().GetResult();
        }

        if (args.Contains("--interleaved"))
        {
            return Interleaved.Run(Console.Out);
        }

        if (args.Length == 2 && args[0] == CacheWarmer.Argument)
        {
            return CacheWarmer.Warm(args[1]);
        }

        if (args.Length == 2 && args[0] == "--write-variants")
        {
            // The batch benchmark's 1,000 documents as files, for timing `rse evaluate --inputs <folder>` (README.md).
            Directory.CreateDirectory(args[1]);
            var texts = DocumentVariants.Generate(File.ReadAllText(Norm.ExamplePath), BatchBenchmarks.Documents);
            for (var i = 0; i < texts.Length; i++)
            {
                File.WriteAllText(Path.Combine(args[1], $"doc-{i:D4}.json"), texts[i]);
            }

            Console.WriteLine($"{texts.Length} documents written to {args[1]}");
            return 0;
        }

        // The project references the workbench (for --load): BenchmarkDotNet's own build of it compiles the Razor pages
        // as well and takes over its default 2 minutes on 2 busy cores.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
