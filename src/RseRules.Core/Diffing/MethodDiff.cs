using RseRules.Core.Model;

namespace RseRules.Core.Diffing;

/// <summary>
/// What changed between two methods (two versions, or a base and an overlay): every added, removed or changed
/// parameter, scale, input (fields included), indicator, rule and result. Immutable and deterministic: sections in
/// the order of <see cref="DiffSection"/>; within a section, items in the new method's declaration order, then the
/// removed ones in the old method's order; within an item, a fixed order of properties, then nested fields.
/// </summary>
public sealed record MethodDiff
{
    /// <summary>The old method.</summary>
    public required MethodIdentity Old { get; init; }

    /// <summary>The new method.</summary>
    public required MethodIdentity New { get; init; }

    /// <summary>Every difference, in order.</summary>
    public required IReadOnlyList<MethodChange> Changes { get; init; }

    /// <summary>Whether the methods differ in anything a diff compares.</summary>
    public bool HasChanges => Changes.Count > 0;

    /// <summary>The changes of one section, in order.</summary>
    public IEnumerable<MethodChange> In(DiffSection section) => Changes.Where(c => c.Section == section);

    /// <summary>Compares two methods.</summary>
    /// <param name="a">The old method.</param>
    /// <param name="b">The new method.</param>
    public static MethodDiff Compare(MethodDefinition a, MethodDefinition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new MethodDiff { Old = MethodIdentity.Of(a), New = MethodIdentity.Of(b), Changes = MethodComparer.Compare(a, b) };
    }
}
