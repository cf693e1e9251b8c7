namespace RseRules.Core.Diffing;

/// <summary>How a result (or one element of a series or map result) differs between two evaluations.</summary>
public enum ResultChangeKind
{
    /// <summary>Equal: numbers within the tolerance, other values identical.</summary>
    Unchanged,

    /// <summary>Present in both, with different values.</summary>
    Changed,

    /// <summary>Only the new method exposes it (or only the new series or map has the element).</summary>
    Added,

    /// <summary>Only the old method exposes it (or only the old series or map has the element).</summary>
    Removed,
}
