using System.Collections.Concurrent;
using System.Globalization;
using RseRules.Core.Compilation;
using RseRules.Core.Runtime;
using RseRules.Core.Validation;

namespace RseRules.Core.Uncertainty;

/// <summary>
/// Monte Carlo simulation of a method on an input document with distributions. Iteration i draws every distribution
/// from its own random stream, <see cref="RandomStream.For"/>(seed, i), in the document's binding order, writes the
/// samples into a per-thread copy of the bound values (no JSON is read or validated again), evaluates the compiled
/// method and stores the results at index i. Statistics are computed afterwards in iteration order, so that a seed
/// gives the same output whatever the number of threads.
/// </summary>
public static class Simulator
{
    /// <summary>Runs the simulation. Failed iterations (an input check rejects the sample, an indicator fails) are counted, not fatal.</summary>
    public static SimulationResult Run(CompiledMethod compiled, InputDocument inputs, SimulationOptions? options = null) =>
        Run(compiled, inputs, options, precompute: true);

    /// <summary>As <see cref="Run(CompiledMethod, InputDocument, SimulationOptions?)"/>; <paramref name="precompute"/> false
    /// computes every indicator at every iteration (<see cref="ResultPlan"/>: tests compare both ways).</summary>
    internal static SimulationResult Run(CompiledMethod compiled, InputDocument inputs, SimulationOptions? options, bool precompute)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= SimulationOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Iterations, 1);
        var n = options.Iterations;
        var uncertain = inputs.Uncertain;
        var pointers = uncertain.Select(u => u.Pointer).ToArray();
        var plan = new ResultPlan(compiled, inputs, pointers, precompute);
        var numeric = Enumerable.Range(0, plan.Ids.Count).Where(plan.IsNumeric).ToArray();
        var categorical = Enumerable.Range(0, plan.Ids.Count).Where(plan.IsCategorical).ToArray();
        var numbers = numeric.Select(_ => new double[n]).ToArray();
        var texts = categorical.Select(_ => new string?[n]).ToArray();
        var failures = new string?[n];

        var threads = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var rangeSize = Math.Clamp(n / (threads * 16), 16, 4096);
        var done = 0;
        var progressLock = new object();
        Parallel.ForEach(
            Partitioner.Create(0, n, rangeSize),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            range =>
            {
                using (InvariantCultureScope.Begin())
                {
                    var tree = new ValueTree(inputs.Values, pointers);
                    var results = new object?[plan.Ids.Count];
                    var values = new double[plan.Ids.Count];
                    var hits = new List<RuleHit>();
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        var random = RandomStream.For(options.Seed, i);
                        for (var k = 0; k < uncertain.Count; k++)
                        {
                            tree.Set(k, uncertain[k].Bind(uncertain[k].Distribution.Sample(ref random)));
                        }

                        var failure = plan.Evaluate(tree.Root, values, results, hits);
                        failures[i] = failure;
                        for (var r = 0; r < numeric.Length; r++)
                        {
                            numbers[r][i] = failure is null ? values[numeric[r]] : double.NaN;
                        }

                        for (var r = 0; r < categorical.Length; r++)
                        {
                            texts[r][i] = failure is null ? ResultPlan.Text(results[categorical[r]]) : null;
                        }
                    }
                }

                if (options.Progress is { } progress)
                {
                    lock (progressLock)
                    {
                        done += range.Item2 - range.Item1;
                        progress(done);
                    }
                }
            });

        var ok = new bool[n];
        var succeeded = 0;
        for (var i = 0; i < n; i++)
        {
            ok[i] = failures[i] is null;
            succeeded += ok[i] ? 1 : 0;
        }

        // Each result's summary is computed on its own (sorting 100,000 values per result is most of the work), in
        // parallel; each lands in its slot, so the output does not depend on the number of threads.
        var numberSummaries = new NumericSummary[numeric.Length];
        var textSummaries = new TextSummary[categorical.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, numeric.Length + categorical.Length, parallel, job =>
        {
            if (job < numeric.Length)
            {
                numberSummaries[job] = Summarize(plan.Ids[numeric[job]], numbers[job], ok, succeeded);
            }
            else
            {
                var k = job - numeric.Length;
                textSummaries[k] = Count(plan.Ids[categorical[k]], texts[k], ok, succeeded);
            }
        });

        return new SimulationResult
        {
            Method = compiled.Method,
            InputsSha256 = inputs.Sha256,
            Seed = options.Seed,
            Iterations = n,
            Inputs = uncertain,
            Failures = [.. failures.OfType<string>().GroupBy(f => f, StringComparer.Ordinal)
                .Select(g => new FailureCount(g.Key, g.Count())).OrderByDescending(f => f.Count).ThenBy(f => f.Reason, StringComparer.Ordinal)],
            Numbers = numberSummaries,
            Texts = textSummaries,
        };
    }

    private static NumericSummary Summarize(string id, double[] numbers, bool[] ok, int succeeded)
    {
        var values = new List<double>(succeeded);
        var missing = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!ok[i])
            {
                continue;
            }

            if (double.IsNaN(numbers[i]))
            {
                missing++;
            }
            else
            {
                values.Add(numbers[i]);
            }
        }

        return NumericSummary.Of(id, values, missing);
    }

    private static TextSummary Count(string id, string?[] texts, bool[] ok, int succeeded)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var nulls = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            if (!ok[i])
            {
                continue;
            }

            if (texts[i] is { } text)
            {
                counts[text] = counts.GetValueOrDefault(text) + 1;
            }
            else
            {
                nulls++;
            }
        }

        var frequencies = counts.Select(c => (Value: (string?)c.Key, Count: c.Value));
        if (nulls > 0)
        {
            frequencies = frequencies.Append((null, nulls));
        }

        return new TextSummary(id, [.. frequencies
            .Select(f => new TextFrequency(f.Value, f.Count, succeeded == 0 ? 0 : (double)f.Count / succeeded))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)]);
    }
}
