using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Validation;

namespace RseRules.Core.Evaluation;

/// <summary>The outcome of evaluating a method on an input document. Immutable.</summary>
public sealed record EvaluationResult
{
    /// <summary>The method evaluated.</summary>
    public required CompiledMethod Method { get; init; }

    /// <summary>The inputs.</summary>
    public required InputDocument Inputs { get; init; }

    /// <summary>Whether every indicator could be computed and no input check failed.</summary>
    public bool Success => !Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Errors (input checks, evaluation failures), empty on success.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>What the method's rules raised.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The method's results, in its declared order, rounded to their declared decimals.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Results { get; init; } = [];

    /// <summary>How each indicator was computed, in evaluation order.</summary>
    public IReadOnlyList<TraceEntry> Trace { get; init; } = [];

    /// <summary>Every indicator's value (unrounded), by id.</summary>
    public IReadOnlyDictionary<string, object?> Indicators { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>.Empty;
}
