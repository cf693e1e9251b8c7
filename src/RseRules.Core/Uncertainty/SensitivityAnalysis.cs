using RseRules.Core.Model;

namespace RseRules.Core.Uncertainty;

/// <summary>
/// A one-at-a-time sensitivity analysis: every swing evaluated once, with all results, so that a tornado can be
/// ranked for any numeric result (<see cref="Rank"/>).
/// </summary>
public sealed record SensitivityAnalysis
{
    /// <summary>The method.</summary>
    public required MethodDefinition Method { get; init; }

    /// <summary>What was swung.</summary>
    public required SensitivityMode Mode { get; init; }

    /// <summary>The result ids, in the method's order.</summary>
    public required IReadOnlyList<string> ResultIds { get; init; }

    /// <summary>The ids of the scalar numeric results (those a tornado can rank).</summary>
    public required IReadOnlyList<string> NumericResultIds { get; init; }

    /// <summary>The results of the base evaluation (every input at its central value); null when it failed.</summary>
    public IReadOnlyList<object?>? Base { get; init; }

    /// <summary>Why the base evaluation failed, else null.</summary>
    public string? BaseFailure { get; init; }

    /// <summary>Every swing, in the document's order.</summary>
    public IReadOnlyList<SensitivitySwing> Swings { get; init; } = [];

    /// <summary>The base value of a numeric result (null: failed or absent).</summary>
    public double? BaseValue(string resultId) => Base is null ? null : Value(Base, Index(resultId));

    /// <summary>
    /// The tornado of one numeric result: swings by decreasing range, ties and failures (last) in document order.
    /// </summary>
    public IReadOnlyList<SensitivityEntry> Rank(string resultId)
    {
        var index = Index(resultId);
        return [.. Swings.Select(s =>
            {
                var low = s.LowResults is null ? null : Value(s.LowResults, index);
                var high = s.HighResults is null ? null : Value(s.HighResults, index);
                return new SensitivityEntry(s.Pointer, s.Low, s.High, low, high, low is null || high is null ? null : Math.Abs(high.Value - low.Value), s.Failure)
                {
                    Rescaled = s.Rescaled,
                    Constraint = s.Constraint,
                };
            })
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Range is null ? 1 : 0).ThenByDescending(x => x.e.Range ?? 0).ThenBy(x => x.i)
            .Select(x => x.e)];
    }

    private int Index(string resultId)
    {
        var index = ResultIds.ToList().IndexOf(resultId);
        return index >= 0 && NumericResultIds.Contains(resultId, StringComparer.Ordinal)
            ? index
            : throw new ArgumentException($"'{resultId}' is not a numeric result of {Method.Reference}.", nameof(resultId));
    }

    private static double? Value(IReadOnlyList<object?> results, int index) => results[index] switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };
}
