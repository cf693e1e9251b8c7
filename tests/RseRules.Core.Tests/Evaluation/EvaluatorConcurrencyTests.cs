using System.Collections.Concurrent;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>
/// The engine is thread-safe: evaluations running at once on several threads — of several methods, or of one compiled
/// method shared by all — give the same records, byte for byte (<see cref="EvaluationRecord.ToText"/>), as the same
/// evaluations one after another; rejected documents give the same diagnostics.
/// </summary>
public class EvaluatorConcurrencyTests
{
    private static readonly string Norm100 = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string Norm110 = Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0");
    private static readonly string Loan = Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0");

    [Fact]
    public async Task Evaluate_ThreeMethodsOnParallelThreads_SameRecordsAsOneAfterAnother()
    {
        // Compiled at once too: three Roslyn compilations on three threads.
        var methods = await Task.WhenAll(new[] { Norm100, Norm110, Loan }.Select(dir => Task.Run(() => Compile(dir, CompileOptions.Default))));
        try
        {
            var jobs = Jobs(methods[0], Norm100).Concat(Jobs(methods[1], Norm110)).Concat(Jobs(methods[2], Loan)).ToArray();
            var sequential = jobs.Select(j => Outcome(j.Method, j.Inputs)).ToArray();

            var parallel = OnThreads(4, jobs.Length, (thread, round, i) =>
            {
                var k = (i + (thread * 7) + round) % jobs.Length; // each thread walks the jobs from its own place
                return (k, Outcome(jobs[k].Method, jobs[k].Inputs));
            }, rounds: 1);

            parallel.Count.ShouldBe(4 * jobs.Length);
            foreach (var (k, outcome) in parallel)
            {
                outcome.ShouldBe(sequential[k], $"{jobs[k].Method.Method.Reference} on {jobs[k].Inputs}");
            }

            sequential.Count(o => o.StartsWith('{')).ShouldBeGreaterThan(jobs.Length / 2, "most jobs are evaluations, not rejections");
        }
        finally
        {
            foreach (var m in methods)
            {
                m.Dispose();
            }
        }
    }

    [Fact]
    public void Evaluate_OneCompiledMethodOnEightThreadsAtOnce_SameRecordsAsOneAfterAnother()
    {
        using var norm = Compile(Norm100, CompileOptions.Default);
        var jobs = Jobs(norm, Norm100).ToArray();
        var sequential = jobs.Select(j => Outcome(j.Method, j.Inputs)).ToArray();

        var parallel = OnThreads(8, jobs.Length, (thread, round, i) =>
        {
            var k = (i + thread + round) % jobs.Length;
            return (k, Outcome(norm, jobs[k].Inputs));
        }, rounds: 1);

        parallel.Count.ShouldBe(8 * jobs.Length);
        foreach (var (k, outcome) in parallel)
        {
            outcome.ShouldBe(sequential[k], jobs[k].Inputs);
        }
    }

    [Fact]
    public async Task LoadAndCompile_SameMethodOnThreeThreadsWithAnEmptyCache_AllSucceedWithTheSameRecords()
    {
        // A cache folder that does not exist yet: the three threads race to compile and store the same entry.
        var cache = Path.Combine(Path.GetTempPath(), "rse-concurrency-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = CompileOptions.Default with { CacheDirectory = cache };
            var compiled = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Compile(Loan, options))));
            var example = Path.Combine(Loan, "examples", "delivery-van.json");
            var records = compiled.Select(method =>
            {
                using (method)
                {
                    return Outcome(method, example);
                }
            }).ToArray();

            records.Distinct(StringComparer.Ordinal).ShouldHaveSingleItem().ShouldStartWith("{");
            using var again = Compile(Loan, options);
            Outcome(again, example).ShouldBe(records[0], "a method loaded from the cache the threads wrote evaluates the same");
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    private static CompiledMethod Compile(string dir, CompileOptions options)
    {
        var result = Engine.LoadAndCompile(dir, options: options);
        result.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return result.Method.ShouldNotBeNull();
    }

    /// <summary>A method with every input document of a method folder: its examples and its test cases' documents.</summary>
    private static IEnumerable<(CompiledMethod Method, string Inputs)> Jobs(CompiledMethod method, string dir)
    {
        var documents = Directory.GetFiles(Path.Combine(dir, "examples"), "*.json")
            .Concat(Directory.Exists(Path.Combine(dir, "tests", "inputs")) ? Directory.GetFiles(Path.Combine(dir, "tests", "inputs"), "*.json") : [])
            .Order(StringComparer.Ordinal);
        return documents.Select(d => (method, d));
    }

    /// <summary>The record of an evaluation, or its diagnostics when the document is rejected or the evaluation fails.</summary>
    private static string Outcome(CompiledMethod method, string inputs)
    {
        var (result, diagnostics) = Engine.Evaluate(method, inputs);
        return result is { Success: true } ? EvaluationRecord.ToText(result) : string.Join("\n", diagnostics);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="threads"/> threads that start together (a barrier before each
    /// round), <paramref name="count"/> times per round; returns every result. An exception on a thread fails the test.
    /// </summary>
    private static List<(int Job, string Outcome)> OnThreads(int threads, int count, Func<int, int, int, (int, string)> work, int rounds)
    {
        var results = new ConcurrentBag<(int, string)>();
        var errors = new ConcurrentBag<Exception>();
        using var barrier = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                for (var round = 0; round < rounds; round++)
                {
                    barrier.SignalAndWait();
                    for (var i = 0; i < count; i++)
                    {
                        results.Add(work(t, round, i));
                    }
                }
            }
#pragma warning disable CA1031 // Reported below, on the test's thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                errors.Add(ex);
                barrier.RemoveParticipant();
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        errors.ShouldBeEmpty();
        return [.. results];
    }
}
