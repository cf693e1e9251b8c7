using RseRules.Core.Model;

namespace RseRules.Core.Uncertainty;

/// <summary>The outcome of a Monte Carlo simulation. Immutable and deterministic for a seed.</summary>
public sealed record SimulationResult
{
    /// <summary>The method simulated.</summary>
    public required MethodDefinition Method { get; init; }

    /// <summary>SHA-256 of the canonical JSON of the input document.</summary>
    public required string InputsSha256 { get; init; }

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Iterations run.</summary>
    public required int Iterations { get; init; }

    /// <summary>The distributions sampled, in the document's binding order.</summary>
    public required IReadOnlyList<UncertainInput> Inputs { get; init; }

    /// <summary>Iterations whose evaluation failed, by reason, most frequent first.</summary>
    public IReadOnlyList<FailureCount> Failures { get; init; } = [];

    /// <summary>Iterations whose evaluation failed.</summary>
    public int Failed => Failures.Sum(f => f.Count);

    /// <summary>Each scalar numeric result, in the method's order.</summary>
    public IReadOnlyList<NumericSummary> Numbers { get; init; } = [];

    /// <summary>Each scalar text result (text, enum, boolean), in the method's order.</summary>
    public IReadOnlyList<TextSummary> Texts { get; init; } = [];
}
