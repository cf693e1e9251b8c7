using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Validation;

namespace RseRules.Benchmarks.Load;

/// <summary>
/// <c>-- --load --phases</c>: where the time of one request's work goes, one thread, no HTTP — the steps of
/// <c>EvaluationService.Evaluate</c> and of the endpoint's answer timed one by one with a Stopwatch (median of many
/// rounds after a warm-up), so that the load figures can be explained.
/// </summary>
public static class LoadPhases
{
    /// <summary>Times each step; prints a Markdown table.</summary>
    public static void Run(CompiledMethod method, string text, TextWriter output, double seconds)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(output);
        string[] names = ["JsonSource.Parse", "InputValidator.Validate (schema + checks)", "Evaluator.Evaluate (binds the new document)", "EvaluationRecord.WriteText (the record's canonical text and its hash, no tree: what the endpoint does)", "  for scale: EvaluationRecord.BuildWithText (the tree too: what pages and saves do)", "RecordText.WriteTo (UTF-8 bytes of the response)"];
        var times = names.Select(_ => new List<double>()).ToArray();
        var bytes = new long[names.Length];
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var rounds = 0;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (Stopwatch.GetTimestamp() < until || rounds < 50)
        {
            lastAllocated = GC.GetAllocatedBytesForCurrentThread();
            var diagnostics = new List<Diagnostic>();
            var t = Stopwatch.GetTimestamp();
            var source = JsonSource.Parse(text, "request.json", diagnostics)!;
            t = Lap(times[0], t, bytes, 0);
            var inputs = InputValidator.Validate(method.Method, source, diagnostics).Value!;
            t = Lap(times[1], t, bytes, 1);
            var result = Evaluator.Evaluate(method, inputs);
            t = Lap(times[2], t, bytes, 2);
            var answer = EvaluationRecord.WriteText(result); // what the endpoint does
            t = Lap(times[3], t, bytes, 3);
            _ = EvaluationRecord.BuildWithText(result);
            t = Lap(times[4], t, bytes, 4);
            buffer.ResetWrittenCount();
            answer.WriteTo(buffer);
            answer.Dispose();
            Lap(times[5], t, bytes, 5);
            rounds++;
        }

        // The first fifth is the warm-up (tiered JIT).
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Phases of one request's work, one thread, {rounds} rounds (the first fifth not counted), median µs:"));
        output.WriteLine();
        output.WriteLine("| step | median µs | share of the sum | KB allocated |");
        output.WriteLine("|---|---:|---:|---:|");
        var medians = times.Select(l => Median(l.Skip(l.Count / 5).ToList())).ToArray();
        var sum = medians.Where((_, i) => i != 4).Sum();
        for (var i = 0; i < names.Length; i++)
        {
            output.WriteLine(string.Create(inv, $"| {names[i]} | {medians[i]:F0} | {medians[i] / sum:P0} | {bytes[i] / 1024.0 / rounds:F0} |"));
        }

        output.WriteLine(string.Create(inv, $"| sum | {sum:F0} | | {bytes.Where((_, i) => i != 4).Sum() / 1024.0 / rounds:F0} |"));
        output.WriteLine();
    }

    private static long lastAllocated;

    private static long Lap(List<double> into, long from, long[] bytes, int index)
    {
        var now = Stopwatch.GetTimestamp();
        into.Add((now - from) * 1e6 / Stopwatch.Frequency);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        bytes[index] += allocated - lastAllocated;
        lastAllocated = GC.GetAllocatedBytesForCurrentThread();
        return Stopwatch.GetTimestamp();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
