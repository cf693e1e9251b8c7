namespace RseRules.Store;

/// <summary>
/// The workbench's store: evaluation records saved as named scenarios of named projects. One implementation per
/// database (SQLite, PostgreSQL), opened with <see cref="EvaluationStores.OpenAsync(string?, CancellationToken)"/>; every
/// provider passes the same test suite. Safe to use from many tasks at once; each call is one short transaction.
/// </summary>
/// <remarks>
/// What callers should expect: <see cref="InvalidEvaluationException"/> when an evaluation cannot be saved as given (an
/// HTTP 400), <see cref="StoreConflictException"/> when its scenario name is taken (409); a record that does not
/// verify on read is returned as data (<see cref="SavedEvaluation.Integrity"/>), never as good and never thrown. Other
/// failures of the database itself (disk full, server gone) surface as the provider's <see cref="System.Data.Common.DbException"/>.
/// </remarks>
public interface IEvaluationStore : IAsyncDisposable
{
    /// <summary>The database: <see cref="EvaluationStores.Sqlite"/> or <see cref="EvaluationStores.PostgreSql"/>.</summary>
    string Provider { get; }

    /// <summary>Where the store is, without any password (for logs and the workbench's about page).</summary>
    string Location { get; }

    /// <summary>
    /// Saves an evaluation in one transaction: either all of it is saved or nothing is. The record must verify (its
    /// <c>recordSha256</c> is its hash) and carry its <c>method</c>; it is stored as canonical JSON.
    /// </summary>
    /// <returns>What was saved, with its new key and the time it was saved (UTC, to the millisecond).</returns>
    /// <exception cref="InvalidEvaluationException">A text is empty, too long or holds control characters; the record is
    /// too large, has no method, does not verify or cannot be written as JSON.</exception>
    /// <exception cref="StoreConflictException">The project already has a non-archived evaluation of that name.</exception>
    Task<SavedEvaluation> SaveAsync(NewEvaluation evaluation, CancellationToken ct = default);

    /// <summary>The evaluation of that key, archived or not, its record verified; null when there is none.</summary>
    Task<SavedEvaluation?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// Summaries (no record, not verified) in a stable order: project, name (both by code point), time saved, key.
    /// </summary>
    Task<IReadOnlyList<EvaluationSummary>> ListAsync(EvaluationQuery query, CancellationToken ct = default);

    /// <summary>Every project that has an evaluation, archived or not, by name (code point order).</summary>
    Task<IReadOnlyList<ProjectSummary>> ListProjectsAsync(CancellationToken ct = default);

    /// <summary>
    /// Archives an evaluation: it is kept (and <see cref="GetAsync"/> still returns it) but hidden from default lists,
    /// and its name may be used again in its project. Idempotent.
    /// </summary>
    /// <returns>True when an evaluation of that key exists (it is archived now, or was already), false when none does.</returns>
    Task<bool> ArchiveAsync(string key, CancellationToken ct = default);
}
