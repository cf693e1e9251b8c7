using RseRules.Core.Evaluation;

namespace RseRules.Core.Diffing;

/// <summary>
/// One finding compared between the evaluations of the same input document by two methods, matched by code and, for
/// per-item rules (<c>forEach</c>), by item key.
/// </summary>
/// <param name="Code">The finding's code (the rule's id).</param>
/// <param name="Item">The collection item it was raised for (per-item rules), else null.</param>
/// <param name="Kind">Added (only the new evaluation raised it), removed (only the old), changed (severity or message
/// differ, in either language) or unchanged.</param>
/// <param name="Old">The old finding, or null when added.</param>
/// <param name="New">The new finding, or null when removed.</param>
public sealed record FindingChange(string Code, string? Item, ResultChangeKind Kind, Finding? Old, Finding? New)
{
    /// <summary>Whether the severity differs (both present).</summary>
    public bool SeverityChanged => Old is not null && New is not null && Old.Severity != New.Severity;

    /// <summary>Whether the message differs in French or English (both present).</summary>
    public bool MessageChanged => Old is not null && New is not null
        && (!string.Equals(Old.Message.Fr, New.Message.Fr, StringComparison.Ordinal) || !string.Equals(Old.Message.En, New.Message.En, StringComparison.Ordinal));

    /// <summary>
    /// Compares two evaluations' findings: the new evaluation's order, then those only the old one raised. A code raised
    /// twice for the same item (which rules never do) is matched in order.
    /// </summary>
    public static IReadOnlyList<FindingChange> CompareAll(IReadOnlyList<Finding> a, IReadOnlyList<Finding> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var old = a.ToList();
        var changes = new List<FindingChange>();
        foreach (var f in b)
        {
            var i = old.FindIndex(x => x.Code == f.Code && x.Item == f.Item);
            if (i < 0)
            {
                changes.Add(new FindingChange(f.Code, f.Item, ResultChangeKind.Added, null, f));
                continue;
            }

            var previous = old[i];
            old.RemoveAt(i);
            var change = new FindingChange(f.Code, f.Item, ResultChangeKind.Unchanged, previous, f);
            changes.Add(change.SeverityChanged || change.MessageChanged ? change with { Kind = ResultChangeKind.Changed } : change);
        }

        changes.AddRange(old.Select(f => new FindingChange(f.Code, f.Item, ResultChangeKind.Removed, f, null)));
        return changes;
    }
}
