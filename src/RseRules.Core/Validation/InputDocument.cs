using RseRules.Core.Json;

namespace RseRules.Core.Validation;

/// <summary>An input document that passed validation, with its values bound for evaluation.</summary>
/// <param name="Source">The document as read (text, tree, positions).</param>
/// <param name="Values">Neutral values per top-level input, defaults applied and keyed maps completed.</param>
/// <param name="Sha256">SHA-256 of the canonical JSON of the document.</param>
public sealed record InputDocument(JsonSource Source, IReadOnlyDictionary<string, object?> Values, string Sha256);
