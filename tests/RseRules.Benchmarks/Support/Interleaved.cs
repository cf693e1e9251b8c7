using System.Diagnostics;
using System.Globalization;
using RseRules.Benchmarks.HandWritten;
using RseRules.Benchmarks.Scripting;
using RseRules.Core.Evaluation;
using RseRules.Core.Runtime;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// <c>-- --interleaved</c>: the three-way comparison measured in one process, round-robin, so that the load other
/// processes put on a shared machine falls on every candidate alike. Each round times one batch of about 20 ms of
/// each candidate, in a rotating order; the table gives per-call times (median and best round) and the median of the
/// per-round ratios, in wall-clock time and in the thread's CPU time (which the other processes' load does not inflate,
/// though they still share the caches). A supplement to BenchmarkDotNet's table (which runs each candidate in its own process, one after
/// the other), not a replacement: no overhead subtraction, no outlier removal. The last line printed is
/// <c>engine/hand-written = N.NN</c>: the engine's evaluation, record included, over the hand-written norm (median of the
/// per-round wall-clock ratios).
/// </summary>
public static class Interleaved
{
    public static int Run(TextWriter output, int rounds = 40)
    {
        ArgumentNullException.ThrowIfNull(output);
        var method = Norm.LoadMethod();
        using var compiled = Norm.Compile(method);
        var inputs = Norm.LoadInputs(method, Norm.ExamplePath);
        var document = NormDocument.Parse(File.ReadAllText(Norm.ExamplePath));
        var bound = compiled.Bind(inputs);
        var engine = Evaluator.Evaluate(compiled, inputs);
        SelfCheck.Require("The hand-written norm", SelfCheck.HandWritten(engine, RseValueNorm.Evaluate(document)));
        var dir = Path.Combine(Path.GetTempPath(), "rse-bench-interleaved-" + Environment.ProcessId);
        var scripted = ScriptedMethod.Create(compiled, dir);
        SelfCheck.Require("The per-formula scripts", SelfCheck.Scripted(engine, scripted.Evaluate(inputs.Values)));
        var hits = new List<RuleHit>();
        object? sink = null;
        var candidates = new (string Name, Action Run)[]
        {
            ("Hand-written C#", () => sink = RseValueNorm.Evaluate(document)),
            ("Engine (compiled method)", () => sink = Evaluator.Evaluate(compiled, inputs)),
            ("CSharpScript per formula", () => sink = scripted.Evaluate(inputs.Values)),
            ("Engine, a new document each call (binds it)", () => sink = Evaluator.Evaluate(compiled, inputs with { Values = new Dictionary<string, object?>(inputs.Values) })),
            ("Engine: model + indicators + rules only", () => sink = EngineModel.Run(compiled, bound, hits)),
        };

        JitSettle.Run("all candidates", () =>
        {
            foreach (var candidate in candidates)
            {
                candidate.Run();
            }
        });

        // Size the batches.
        var batch = new int[candidates.Length];
        for (var c = 0; c < candidates.Length; c++)
        {
            var watch = Stopwatch.StartNew();
            var calls = 0;
            while (watch.ElapsedMilliseconds < 1500)
            {
                candidates[c].Run();
                calls++;
            }

            batch[c] = Math.Max(1, (int)(calls * 20.0 / watch.Elapsed.TotalMilliseconds));
        }

        var perCall = candidates.Select(_ => new List<double>()).ToArray();
        var perCallCpu = candidates.Select(_ => new List<double>()).ToArray();
        var cpu = NativeMethods.HasThreadCpuTime;
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < candidates.Length; k++)
            {
                var c = (round + k) % candidates.Length;
                var run = candidates[c].Run;
                var cpuStart = cpu ? NativeMethods.ThreadCpuNanoseconds() : 0;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < batch[c]; i++)
                {
                    run();
                }

                perCall[c].Add(watch.Elapsed.TotalMicroseconds / batch[c]);
                perCallCpu[c].Add(cpu ? (NativeMethods.ThreadCpuNanoseconds() - cpuStart) / 1000.0 / batch[c] : double.NaN);
            }
        }

        GC.KeepAlive(sink);
        Directory.Delete(dir, recursive: true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds, ~20 ms per candidate per round, load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}"));
        output.WriteLine();
        output.WriteLine("Wall-clock time, and the thread's CPU time (time it actually ran: what a core it had to itself would take).");
        output.WriteLine();
        output.WriteLine("| candidate | wall: median µs/call | wall: best round | wall: median ratio to hand-written | CPU: median µs/call | CPU: best round | CPU: median ratio to hand-written |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var c = 0; c < candidates.Length; c++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {candidates[c].Name} | {Median(perCall[c]):F2} | {perCall[c].Min():F2} | {Median(Ratios(perCall, c, 0, rounds)):F2} | {Median(perCallCpu[c]):F2} | {perCallCpu[c].Min():F2} | {Median(Ratios(perCallCpu, c, 0, rounds)):F2} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CSharpScript per formula / engine, median of per-round ratios: wall {Median(Ratios(perCall, 2, 1, rounds)):F2}, CPU {Median(Ratios(perCallCpu, 2, 1, rounds)):F2}; / engine with a new document each call: wall {Median(Ratios(perCall, 2, 3, rounds)):F2}, CPU {Median(Ratios(perCallCpu, 2, 3, rounds)):F2}"));

        // Last line, the one figure the issue asks for: the engine's evaluation (record included) over the hand-written norm,
        // the median of the per-round wall-clock ratios.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine/hand-written = {Median(Ratios(perCall, 1, 0, rounds)):F2}"));
        return 0;
    }

    private static List<double> Ratios(List<double>[] perCall, int c, int over, int rounds) =>
        [.. Enumerable.Range(0, rounds).Select(r => perCall[c][r] / perCall[over][r])];

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
