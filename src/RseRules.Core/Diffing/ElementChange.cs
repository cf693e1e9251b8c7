namespace RseRules.Core.Diffing;

/// <summary>One element of a series or map of numbers compared between two evaluations.</summary>
/// <param name="Key">The element's index (series, lists: <c>0</c>, <c>1</c>…) or key (maps).</param>
/// <param name="Kind">How it differs.</param>
/// <param name="Old">The old value (null when absent, or when the value is null).</param>
/// <param name="New">The new value (null when absent, or when the value is null).</param>
/// <param name="Difference">New − old, or null unless both are numbers.</param>
/// <param name="RelativeChange">(new − old) / |old|, or null unless both are numbers and old is not 0.</param>
public sealed record ElementChange(string Key, ResultChangeKind Kind, double? Old, double? New, double? Difference, double? RelativeChange);
