using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Engines;
using RseRules.Benchmarks.Support;
using RseRules.Core.Compilation;
using RseRules.Core.Uncertainty;
using RseRules.Core.Validation;

namespace RseRules.Benchmarks;

/// <summary>
/// Monte Carlo simulation (the Core API behind <c>rse simulate</c>) of the norm on example-uncertain.json
/// (knowledgeWorkers PERT, hourlyCost triangular, costs.initial.integration triangular): sampling, evaluation of every
/// iteration on every core, statistics. Two jobs side by side: the runtime's defaults, and the settings <c>rse</c> runs
/// with (RseRules.Cli.csproj: server GC, no dynamic PGO).
/// </summary>
[Config(typeof(Config))]
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

    /// <summary>The runtime's defaults, and rse's settings.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5);
            AddJob(job.WithId("runtime defaults"));
            AddJob(job.WithGcServer(true).WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredPGO", "0"), new EnvironmentVariable("DOTNET_GCDynamicAdaptationMode", "0")).WithId("rse settings"));
        }
    }

    [Benchmark(Description = "Simulator.Run")]
    public SimulationResult Simulate() => Simulator.Run(compiled, inputs, SimulationOptions.Default with { Iterations = Iterations });
}
