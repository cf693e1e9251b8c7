using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RseRules.Benchmarks.Support;
using RseRules.Core.Batch;
using RseRules.Core.Compilation;
using RseRules.Core.Evaluation;
using RseRules.Core.Validation;

namespace RseRules.Benchmarks;

/// <summary>
/// 1,000 documents (variants of the example, <see cref="DocumentVariants"/>) with one compiled method: evaluation only
/// (documents validated in setup, one thread), and the whole batch path of <c>rse evaluate --inputs &lt;folder&gt;</c>
/// (<see cref="BatchEvaluator.Run"/>: read, validate, evaluate each file, every core). Target: under 15 s.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MinColumn]
[MedianColumn]
public class BatchBenchmarks
{
    /// <summary>Documents in the batch.</summary>
    public const int Documents = 1_000;

    private CompiledMethod compiled = null!;
    private InputDocument[] validated = null!;
    private string folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var method = Norm.LoadMethod();
        compiled = Norm.Compile(method);
        var texts = DocumentVariants.Generate(File.ReadAllText(Norm.ExamplePath), Documents);
        folder = Path.Combine(Path.GetTempPath(), "rse-bench-batch-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        validated = new InputDocument[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var name = $"doc-{i:D4}.json";
            File.WriteAllText(Path.Combine(folder, name), texts[i]);
            validated[i] = Norm.ValidateText(method, texts[i], name);
        }

        JitSettle.Run("batch", () => Evaluator.Evaluate(compiled, validated[0]), maxSeconds: 30);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        compiled.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "1,000 evaluations (pre-validated, 1 thread)")]
    public int EvaluateValidated()
    {
        var ok = 0;
        foreach (var doc in validated)
        {
            ok += Evaluator.Evaluate(compiled, doc).Success ? 1 : 0;
        }

        return ok == Documents ? ok : throw new InvalidOperationException($"{Documents - ok} evaluations failed.");
    }

    [Benchmark(Description = "1,000 files: read+validate+evaluate (BatchEvaluator)")]
    public int ValidateAndEvaluateFolder()
    {
        var rows = BatchEvaluator.Run(compiled, folder);
        var ok = rows.Count(r => r.Ok);
        return ok == Documents ? ok : throw new InvalidOperationException($"{Documents - ok} documents failed: {BatchEvaluator.ErrorText(rows.First(r => !r.Ok))}");
    }
}
