namespace RseRules.Core.Diffing;

/// <summary>One result compared between the evaluations of the same input document by two methods.</summary>
/// <param name="Id">The result's id.</param>
/// <param name="Kind">How it differs.</param>
/// <param name="Old">
/// The old value as the evaluation exposes it (a <see cref="double"/>, <see cref="long"/>, <see cref="bool"/>,
/// <see cref="string"/>, array, map or localized text; rounded to its declared decimals), or null (also when
/// <see cref="ResultChangeKind.Added"/>).
/// </param>
/// <param name="New">The new value, or null (also when <see cref="ResultChangeKind.Removed"/>).</param>
/// <param name="Difference">For numbers: new − old; otherwise null.</param>
/// <param name="RelativeChange">For numbers: (new − old) / |old|, null when old is 0; otherwise null.</param>
/// <param name="Elements">
/// For series, lists and maps of numbers on both sides: every element (the new value's order, then the elements only the
/// old one has), compared one by one; otherwise null.
/// </param>
public sealed record ResultChange(
    string Id,
    ResultChangeKind Kind,
    object? Old,
    object? New,
    double? Difference,
    double? RelativeChange,
    IReadOnlyList<ElementChange>? Elements);
