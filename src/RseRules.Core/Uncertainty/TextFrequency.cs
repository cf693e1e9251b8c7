namespace RseRules.Core.Uncertainty;

/// <summary>How often a text result took one value.</summary>
/// <param name="Value">The value (null: the result was absent).</param>
/// <param name="Count">Iterations that gave it.</param>
/// <param name="Share">Count over the successful iterations.</param>
public sealed record TextFrequency(string? Value, int Count, double Share);
