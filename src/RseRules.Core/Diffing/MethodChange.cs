namespace RseRules.Core.Diffing;

/// <summary>One difference between two versions of a method.</summary>
/// <param name="Section">The part of the method it is in.</param>
/// <param name="Id">
/// The item's id; for a field of a record or collection its dotted path (<c>risks.mitigationCost</c>), for the element
/// type of a series, list or map the path followed by <c>[]</c> (<c>leasePayments[]</c>).
/// </param>
/// <param name="Kind">What changed.</param>
/// <param name="Property">The property of the method file that changed (<c>formula</c>, <c>max</c>, <c>label.en</c>…), null for <see cref="ChangeKind.Added"/> and <see cref="ChangeKind.Removed"/>.</param>
/// <param name="Old">The old value as text (JSON values as canonical JSON, texts as they are), or null when absent.</param>
/// <param name="New">The new value as text, or null when absent.</param>
public sealed record MethodChange(DiffSection Section, string Id, ChangeKind Kind, string? Property, string? Old, string? New);
