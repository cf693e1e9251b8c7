namespace RseRules.Core.Uncertainty;

/// <summary>One bar of a tornado: an input's swing and what it does to one result.</summary>
/// <param name="Pointer">JSON pointer of the input.</param>
/// <param name="Low">The input's low value.</param>
/// <param name="High">The input's high value.</param>
/// <param name="ResultAtLow">The result with the input low (null: failed or absent).</param>
/// <param name="ResultAtHigh">The result with the input high.</param>
/// <param name="Range">|ResultAtHigh − ResultAtLow|, the ranking key; null when either end is missing.</param>
/// <param name="Failure">Why an evaluation failed, else null.</param>
public sealed record SensitivityEntry(string Pointer, double Low, double High, double? ResultAtLow, double? ResultAtHigh, double? Range, string? Failure)
{
    /// <summary>The siblings rescaled to keep their sum with this input (see <see cref="SensitivitySwing.Rescaled"/>).</summary>
    public IReadOnlyList<string> Rescaled { get; init; } = [];

    /// <summary>The input check that keeps this input from being varied, else null.</summary>
    public string? Constraint { get; init; }
}
