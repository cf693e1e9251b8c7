namespace RseRules.Store;

/// <summary>What the store knows of a saved evaluation, without its record.</summary>
/// <param name="Key">Its key: 16 characters of lower-case base32, random; it identifies and says nothing of the result.</param>
/// <param name="Project">The project.</param>
/// <param name="Name">The scenario's name.</param>
/// <param name="Author">Who saved it, as typed.</param>
/// <param name="SavedAt">When it was saved, UTC, to the millisecond.</param>
/// <param name="MethodId">The method's id, from the record's <c>method</c> member.</param>
/// <param name="MethodVersion">The method's version, from the record.</param>
/// <param name="MethodSha256">The method's sha256, from the record.</param>
/// <param name="RecordSha256">The record's hash (<c>recordSha256</c>).</param>
/// <param name="ArchivedAt">When it was archived (UTC, to the millisecond), or null.</param>
public sealed record EvaluationSummary(
    string Key,
    string Project,
    string Name,
    string Author,
    DateTimeOffset SavedAt,
    string MethodId,
    string MethodVersion,
    string MethodSha256,
    string RecordSha256,
    DateTimeOffset? ArchivedAt)
{
    /// <summary>The method reference, <c>id@version</c>.</summary>
    public string MethodReference => $"{MethodId}@{MethodVersion}";

    /// <summary>Whether it is archived (kept, hidden from default lists).</summary>
    public bool Archived => ArchivedAt is not null;
}
