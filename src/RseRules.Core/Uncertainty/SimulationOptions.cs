namespace RseRules.Core.Uncertainty;

/// <summary>How to run a simulation. Immutable; change with <c>with</c>.</summary>
public sealed record SimulationOptions
{
    /// <summary>10,000 iterations, seed 1, every core.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>Number of iterations (at least 1).</summary>
    public int Iterations { get; init; } = 10_000;

    /// <summary>The seed: with the iteration index, it alone determines every sampled value.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Most threads to use; -1 (default): every core. The output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Called (from worker threads, serialized) with the number of iterations done so far; null: none.</summary>
    public Action<int>? Progress { get; init; }
}
