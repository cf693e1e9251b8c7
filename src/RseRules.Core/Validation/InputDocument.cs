using RseRules.Core.Json;
using RseRules.Core.Uncertainty;

namespace RseRules.Core.Validation;

/// <summary>An input document that passed validation, with its values bound for evaluation.</summary>
/// <param name="Source">The document as read (text, tree, positions).</param>
/// <param name="Values">Neutral values per top-level input, defaults applied and keyed maps completed.</param>
/// <param name="Sha256">SHA-256 of the canonical JSON of the document.</param>
public sealed record InputDocument(JsonSource Source, IReadOnlyDictionary<string, object?> Values, string Sha256)
{
    /// <summary>
    /// The inputs given as distributions, in the order they were bound (declaration order, then document order);
    /// <see cref="Values"/> holds each one's <see cref="UncertainInput.Central"/> value. Empty for a plain document.
    /// </summary>
    public IReadOnlyList<UncertainInput> Uncertain { get; init; } = [];
}
