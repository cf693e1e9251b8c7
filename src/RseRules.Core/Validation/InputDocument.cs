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

    /// <summary>Where a compiled method keeps this document's bound inputs (see <c>CompiledMethod.Bind(InputDocument)</c>).</summary>
    internal BindingSlot Binding { get; } = new();
}

/// <summary>
/// The last binding of a document's values: which compiled method bound them, from which values, into what. A copy
/// made with <c>with</c> shares the slot, so an entry is used only for the very values it was bound from. Never part
/// of the document's equality.
/// </summary>
internal sealed class BindingSlot
{
    /// <summary>The entry (replaced whole, so readers on other threads see one entry or the other, never a mix).</summary>
    public BindingEntry? Entry { get; set; }

    public override bool Equals(object? obj) => obj is BindingSlot;

    public override int GetHashCode() => 0;
}

/// <summary>A binding: owner (the compiled method's factory), the values bound, the result.</summary>
internal sealed record BindingEntry(object Owner, IReadOnlyDictionary<string, object?> Values, Runtime.BoundInputs Bound);
