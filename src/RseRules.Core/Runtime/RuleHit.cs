namespace RseRules.Core.Runtime;

/// <summary>A rule that fired: for which item (−1 when the rule has no <c>forEach</c>) and its message.</summary>
/// <param name="ItemIndex">Index of the item in the rule's collection, or −1.</param>
/// <param name="Fr">Message in French.</param>
/// <param name="En">Message in English.</param>
public readonly record struct RuleHit(int ItemIndex, string Fr, string En)
{
    /// <summary>How the finding names the item when the rule's <c>forEach</c> is not a collection input: the map key, the
    /// index in the series, or the key of a collection parameter's or indicator's item (null: found from the input).</summary>
    public string? Key { get; init; }
}
