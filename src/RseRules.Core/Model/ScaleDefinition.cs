namespace RseRules.Core.Model;

/// <summary>A named ordinal scale (e.g. contribution 0..4) with a label per level.</summary>
/// <param name="Id">Name of the scale.</param>
/// <param name="Min">Lowest level.</param>
/// <param name="Max">Highest level.</param>
/// <param name="Levels">Label of each level.</param>
/// <param name="Label">Label of the scale itself.</param>
public sealed record ScaleDefinition(string Id, long Min, long Max, IReadOnlyDictionary<long, LocalizedText> Levels, LocalizedText? Label);
