using RseRules.Core.Diagnostics;

namespace RseRules.Core.Model;

/// <summary>A condition that raises a finding (info, warning) or rejects the input document (error).</summary>
/// <param name="Id">Identifier; the code of the findings it raises.</param>
/// <param name="Severity">Info or warning: a finding; error: an input check.</param>
/// <param name="When">C# boolean expression.</param>
/// <param name="Message">Message in French and English, with <c>{expression}</c> holes.</param>
/// <param name="ForEach">Collection input evaluated item by item (the item is named <c>item</c>), or null.</param>
/// <param name="At">JSON pointer into the input document where an input check points; <c>{index}</c> is the item's index.</param>
/// <param name="Pointer">JSON pointer of the rule in the method file.</param>
public sealed record RuleDefinition(
    string Id,
    Severity Severity,
    string When,
    LocalizedText Message,
    string? ForEach,
    string? At,
    string Pointer)
{
    /// <summary>In an overlay: this rule replaces the base's rule of the same id (explicitly).</summary>
    public bool Replaces { get; init; }
}
