namespace RseRules.Core.Uncertainty;

/// <summary>One input swung low and high, with every result at both ends.</summary>
/// <param name="Pointer">JSON pointer of the input in the document.</param>
/// <param name="Central">Its value in the base evaluation.</param>
/// <param name="Low">Its low value (the distribution's min, or −10 %).</param>
/// <param name="High">Its high value (the distribution's max, or +10 %).</param>
/// <param name="LowResults">Each result (method order) with the input low; null when the evaluation failed.</param>
/// <param name="HighResults">Each result with the input high; null when the evaluation failed.</param>
/// <param name="Failure">Why an evaluation failed (low first), else null.</param>
public sealed record SensitivitySwing(
    string Pointer,
    double Central,
    double Low,
    double High,
    IReadOnlyList<object?>? LowResults,
    IReadOnlyList<object?>? HighResults,
    string? Failure)
{
    /// <summary>
    /// When an input check refused the plain swing: the pointers of the siblings rescaled to keep their sum with it
    /// (e.g. the other stake weights), else empty.
    /// </summary>
    public IReadOnlyList<string> Rescaled { get; init; } = [];

    /// <summary>The input check that refuses any swing of this input (then it is not varied: no results), else null.</summary>
    public string? Constraint { get; init; }
}
