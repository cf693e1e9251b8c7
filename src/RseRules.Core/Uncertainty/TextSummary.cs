namespace RseRules.Core.Uncertainty;

/// <summary>The values one text result (text, enum, boolean) took over a simulation: most frequent first, ties by ordinal value.</summary>
/// <param name="Id">The result id.</param>
/// <param name="Frequencies">Each value with its count and share.</param>
public sealed record TextSummary(string Id, IReadOnlyList<TextFrequency> Frequencies);
