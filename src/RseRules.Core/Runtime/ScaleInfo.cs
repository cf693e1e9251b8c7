using RseRules.Core.Model;

namespace RseRules.Core.Runtime;

/// <summary>
/// What formulas read of a declared scale, as <c>Scales.riskLevel.Max</c> or <c>Scales.riskLevel.Label(3).En</c>
/// (format version 2): its bounds, its levels and their labels. Immutable.
/// </summary>
public sealed class ScaleInfo
{
    private readonly Dictionary<long, LocalizedText> labels;
    private readonly BudgetedList<long> levels;

    /// <summary>A scale from its bounds and its levels' labels.</summary>
    public ScaleInfo(long min, long max, IReadOnlyDictionary<long, LocalizedText> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Min = min;
        Max = max;
        this.labels = labels.ToDictionary(kv => kv.Key, kv => kv.Value);
        levels = new BudgetedList<long>(max >= min && max - min < 100_000 ? [.. Enumerable.Range(0, (int)(max - min + 1)).Select(i => min + i)] : []);
    }

    /// <summary>The lowest level.</summary>
    public long Min { get; }

    /// <summary>The highest level.</summary>
    public long Max { get; }

    /// <summary>Every level from <see cref="Min"/> to <see cref="Max"/>, in order.</summary>
    public IReadOnlyList<long> Levels => levels;

    /// <summary>The label of a level (French and English); a level outside the scale or without a label is an error
    /// of the formula (<see cref="KeyNotFoundException"/>, reported at the indicator).</summary>
    public LocalizedText Label(long level) => labels.TryGetValue(level, out var text)
        ? text
        : throw new KeyNotFoundException(level < Min || level > Max
            ? $"{level} is outside the scale ({Min}..{Max})."
            : $"Level {level} of the scale has no label.");
}
