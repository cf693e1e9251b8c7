namespace RseRules.Core.Runtime;

/// <summary>
/// Where a bound input record changes when some leaves of its document values change (a simulation's samples): one node per
/// record on the leaves' paths, holding for each of the record's fields (declared order) null when no changed leaf lies in
/// it (the field is shared), a node marked <see cref="Whole"/> when the field is converted again whole (the leaf itself, or
/// the series or collection that holds it), or the node of the field's own record. Made once, before the first
/// evaluation, from the leaves' JSON pointers (<c>CompiledMethod.RebindPlan</c>): every record on the paths is then made
/// again once per evaluation, whatever the number of leaves below it. Immutable once made.
/// </summary>
public sealed class RebindNode
{
    /// <summary>The node of a field converted again whole.</summary>
    internal static readonly RebindNode WholeField = new(null);

    private readonly RebindNode?[]? fields;

    private RebindNode(RebindNode?[]? fields) => this.fields = fields;

    /// <summary>Whether the field is converted again whole (no node below it).</summary>
    public bool Whole => fields is null;

    /// <summary>What changes in the field at <paramref name="index"/> (declared order) of this node's record: null when
    /// nothing does.</summary>
    public RebindNode? Field(int index) => fields is not null && (uint)index < (uint)fields.Length ? fields[index] : null;

    /// <summary>A record's node for <paramref name="fieldCount"/> fields, none changed yet (filled by <see cref="Set"/>).</summary>
    internal static RebindNode Record(int fieldCount) => new(new RebindNode?[fieldCount]);

    /// <summary>Marks the field at <paramref name="index"/>: converted whole, or along <paramref name="node"/>; a field already
    /// converted whole stays so (it holds every change below it).</summary>
    internal RebindNode Set(int index, RebindNode node)
    {
        var slots = fields ?? throw new InvalidOperationException("A field converted whole has no fields.");
        var current = slots[index];
        if (current is { Whole: true })
        {
            return current;
        }

        return slots[index] = node.Whole ? WholeField : current ?? node;
    }
}
