using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RseRules.Benchmarks.Support;
using RseRules.Core.Compilation;
using RseRules.Core.Uncertainty;
using RseRules.Core.Validation;

namespace RseRules.Benchmarks;

/// <summary>
/// Monte Carlo simulation (the Core API behind <c>rse simulate</c>) of the norm on example-uncertain.json
/// (knowledgeWorkers PERT, hourlyCost triangular): sampling, evaluation of every iteration on every core, statistics.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SimulationBenchmarks
{
    private CompiledMethod compiled = null!;
    private InputDocument inputs = null!;

    [Params(10_000, 100_000)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var method = Norm.LoadMethod();
        compiled = Norm.Compile(method);
        inputs = Norm.LoadInputs(method, Norm.UncertainExamplePath);
        if (inputs.Uncertain.Count == 0)
        {
            throw new InvalidOperationException(Norm.UncertainExamplePath + " has no uncertain input.");
        }

        var check = Simulator.Run(compiled, inputs, SimulationOptions.Default with { Iterations = 100 });
        if (check.Failures.Count > 0)
        {
            throw new InvalidOperationException("Simulation iterations failed: " + string.Join("; ", check.Failures));
        }

        JitSettle.Run("simulation", () => Simulator.Run(compiled, inputs, SimulationOptions.Default with { Iterations = 1_000 }), maxSeconds: 30);
    }

    [GlobalCleanup]
    public void Cleanup() => compiled.Dispose();

    [Benchmark(Description = "Simulator.Run")]
    public SimulationResult Simulate() => Simulator.Run(compiled, inputs, SimulationOptions.Default with { Iterations = Iterations });
}
