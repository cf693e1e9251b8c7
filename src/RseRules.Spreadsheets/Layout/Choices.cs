using System.Globalization;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>How enums, scales, booleans and distributions are shown in cells and recognized when read back.</summary>
internal static class Choices
{
    public static readonly string[] DistributionNames = ["triangular", "pert", "uniform"];

    /// <summary>An enum's choices: each value's label in the language, or the value itself (for every value when labels repeat).</summary>
    public static IReadOnlyList<(string Display, string Value)> Enum(TypeSpec type, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(type);
        var shown = type.Values.Select(v => (Display: Clean(v.Label?.In(texts.Language)) ?? v.Value, v.Value)).ToList();
        return shown.Select(s => s.Display).Distinct(StringComparer.OrdinalIgnoreCase).Count() == shown.Count
            ? shown
            : type.Values.Select(v => (v.Value, v.Value)).ToList();
    }

    /// <summary>A scale's choices: <c>3 — label</c> for each level (the level alone where it has no label).</summary>
    public static IReadOnlyList<(string Display, long Level)> Scale(ScaleDefinition scale, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var levels = new List<(string, long)>();
        for (var level = scale.Min; level <= scale.Max && levels.Count < 1_000; level++)
        {
            levels.Add((ScaleDisplay(level, scale.Levels.TryGetValue(level, out var l) ? Clean(l.In(texts.Language)) : null), level));
        }

        return levels;
    }

    public static string ScaleDisplay(long level, string? label) =>
        label is null ? level.ToString(CultureInfo.InvariantCulture) : level.ToString(CultureInfo.InvariantCulture) + " — " + label;

    public static IReadOnlyList<string> Booleans(Texts texts) => [texts.Yes, texts.No];

    public static IReadOnlyList<string> Distributions(Texts texts) => DistributionNames.Select(texts.DistributionName).ToArray();

    /// <summary>A label fit for a cell and a drop-down list: one line, trimmed, null when empty.</summary>
    public static string? Clean(string? label)
    {
        if (label is null)
        {
            return null;
        }

        var line = label.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? null : line;
    }
}
