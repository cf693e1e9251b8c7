using System.Diagnostics;
using System.Globalization;
using RseRules.Core.Batch;
using RseRules.Core.Uncertainty;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// <c>-- --cpu-time</c>: the process CPU time (all threads) and wall time of the operations that have a time target,
/// each run three times in one process after one unmeasured run. On a shared machine wall time includes waiting for a
/// core; CPU time does not, so CPU time ÷ cores used is what the wall time would be on an idle machine with perfect
/// scaling (a lower bound). A supplement to BenchmarkDotNet, not a replacement.
/// </summary>
public static class CpuTime
{
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var method = Norm.LoadMethod();
        using var compiled = Norm.Compile(method);
        var uncertain = Norm.LoadInputs(method, Norm.UncertainExamplePath);
        var folder = Path.Combine(Path.GetTempPath(), "rse-bench-cpu-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var texts = DocumentVariants.Generate(File.ReadAllText(Norm.ExamplePath), BatchBenchmarks.Documents);
        for (var i = 0; i < texts.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"doc-{i:D4}.json"), texts[i]);
        }

        output.WriteLine($"{Environment.ProcessorCount} cores; load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine();
        output.WriteLine("| operation | wall s (median of 3) | CPU s, all threads (median of 3) | CPU s ÷ cores |");
        output.WriteLine("|---|---:|---:|---:|");
        Measure(output, "Simulator.Run, 100,000 iterations", () => Simulator.Run(compiled, uncertain, SimulationOptions.Default with { Iterations = 100_000 }));
        Measure(output, "Simulator.Run, 10,000 iterations", () => Simulator.Run(compiled, uncertain, SimulationOptions.Default with { Iterations = 10_000 }));
        Measure(output, "BatchEvaluator.Run, 1,000 files", () => BatchEvaluator.Run(compiled, folder));
        Measure(output, "MethodCompiler.Compile, no cache (warm process)", () => Norm.Compile(method).Dispose());
        Directory.Delete(folder, recursive: true);
        output.WriteLine();
        output.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static void Measure(TextWriter output, string name, Action action)
    {
        action();
        var walls = new List<double>();
        var cpus = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            walls.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
        }

        walls.Sort();
        cpus.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {walls[1]:F3} | {cpus[1]:F3} | {cpus[1] / Environment.ProcessorCount:F3} |"));
    }
}
