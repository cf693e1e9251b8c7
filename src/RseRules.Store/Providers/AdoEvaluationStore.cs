using System.Data.Common;
using System.Globalization;
using RseRules.Store.Migrations;
using RseRules.Store.Records;

namespace RseRules.Store.Providers;

/// <summary>
/// The store over plain ADO.NET: the SQL both databases share, each call on its own pooled connection and, when it
/// writes, in one transaction. A provider says how to connect, begin a write, lock migrations, and store a timestamp.
/// </summary>
internal abstract partial class AdoEvaluationStore : IEvaluationStore
{
    private const string SummaryColumns = "key, project, name, author, saved_at, method_id, method_version, method_sha256, record_sha256, archived_at";

    private readonly TimeProvider clock;
    private bool disposed;

    protected AdoEvaluationStore(string location, TimeProvider clock)
    {
        Location = location;
        this.clock = clock;
    }

    public abstract string Provider { get; }

    public string Location { get; }

    /// <summary>The SQL type of a timestamp (<c>schema_migrations.applied_at</c>).</summary>
    protected abstract string TimestampType { get; }

    public async Task<SavedEvaluation> SaveAsync(NewEvaluation evaluation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ObjectDisposedException.ThrowIf(disposed, this);
        var e = RecordCheck.Prepare(evaluation);
        var savedAt = Now();
        for (var attempt = 1; ; attempt++)
        {
            var key = EvaluationKey.New();
            try
            {
                using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
                using var transaction = await BeginWriteAsync(connection, ct).ConfigureAwait(false);
                using (var insert = Command(connection, transaction,
                    """
                    INSERT INTO evaluations (key, project, name, author, saved_at, method_id, method_version, method_sha256, record_sha256, record, archived_at)
                    VALUES (@key, @project, @name, @author, @saved_at, @method_id, @method_version, @method_sha256, @record_sha256, @record, NULL)
                    ON CONFLICT (project, name) WHERE archived_at IS NULL DO NOTHING
                    RETURNING key
                    """,
                    ("key", key), ("project", e.Project), ("name", e.Name), ("author", e.Author), ("saved_at", Timestamp(savedAt)),
                    ("method_id", e.MethodId), ("method_version", e.MethodVersion), ("method_sha256", e.MethodSha256),
                    ("record_sha256", e.RecordSha256), ("record", e.RecordJson)))
                {
                    if (await insert.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                    {
                        await transaction.CommitAsync(ct).ConfigureAwait(false);
                        var summary = new EvaluationSummary(key, e.Project, e.Name, e.Author, savedAt, e.MethodId, e.MethodVersion, e.MethodSha256, e.RecordSha256, null);
                        return new SavedEvaluation(summary, e.RecordJson, RecordIntegrity.Verified);
                    }
                }

                // The name is taken (by a committed evaluation: a concurrent insert of the same name waits for the other).
                using var existing = Command(connection, transaction,
                    "SELECT key FROM evaluations WHERE project = @project AND name = @name AND archived_at IS NULL",
                    ("project", e.Project), ("name", e.Name));
                var existingKey = await existing.ExecuteScalarAsync(ct).ConfigureAwait(false) as string ?? "?";
                await transaction.RollbackAsync(ct).ConfigureAwait(false);
                throw new StoreConflictException(e.Project, e.Name, existingKey);
            }
            catch (DbException x) when (IsKeyCollision(x) && attempt < 3)
            {
                // Two random 80-bit keys met: draw another.
            }
        }
    }

    public async Task<SavedEvaluation?> GetAsync(string key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!EvaluationKey.IsWellFormed(key))
        {
            return null;
        }

        using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        using var command = Command(connection, null, $"SELECT {SummaryColumns}, record FROM evaluations WHERE key = @key", ("key", key));
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var summary = ReadSummary(reader);
        var text = reader.GetString(10);
        var integrity = RecordCheck.Verify(text, summary.RecordSha256, summary.MethodId, summary.MethodVersion, summary.MethodSha256);
        if (summary.SavedAt == DateTimeOffset.MinValue || summary.ArchivedAt == DateTimeOffset.MinValue)
        {
            const string Times = "a stored time is not a UTC timestamp";
            integrity = RecordIntegrity.Tampered(integrity.IsVerified ? Times : integrity.Reason + "; " + Times);
        }

        return new SavedEvaluation(summary, text, integrity);
    }

    public async Task<IReadOnlyList<EvaluationSummary>> ListAsync(EvaluationQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, StoreLimits.MaxListLimit, nameof(query));
        ObjectDisposedException.ThrowIf(disposed, this);

        // Fixed fragments only: values are parameters.
        var archived = query.Archived switch
        {
            ArchiveFilter.Active => " AND archived_at IS NULL",
            ArchiveFilter.Archived => " AND archived_at IS NOT NULL",
            _ => string.Empty,
        };
        var projectName = query.Project?.Trim(); // as saved
        var project = projectName is null ? string.Empty : " AND project = @project";
        var sql = $"SELECT {SummaryColumns} FROM evaluations WHERE 1 = 1{project}{archived} "
            + $"ORDER BY {Ordinal("project")}, {Ordinal("name")}, saved_at, {Ordinal("key")} LIMIT @limit OFFSET @offset";

        using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        using var command = Command(connection, null, sql, ("project", projectName), ("limit", query.Limit), ("offset", query.Offset));
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<EvaluationSummary>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(ReadSummary(reader));
        }

        return list;
    }

    public async Task<IReadOnlyList<ProjectSummary>> ListProjectsAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        using var command = Command(connection, null,
            "SELECT project, SUM(CASE WHEN archived_at IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END), MAX(saved_at) "
            + $"FROM evaluations GROUP BY project ORDER BY {Ordinal("project")}");
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<ProjectSummary>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new ProjectSummary(
                reader.GetString(0),
                Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                ReadTimestamp(reader, 3) ?? DateTimeOffset.MinValue));
        }

        return list;
    }

    public async Task<bool> ArchiveAsync(string key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!EvaluationKey.IsWellFormed(key))
        {
            return false;
        }

        using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        using var transaction = await BeginWriteAsync(connection, ct).ConfigureAwait(false);
        using var update = Command(connection, transaction, "UPDATE evaluations SET archived_at = @now WHERE key = @key AND archived_at IS NULL",
            ("now", Timestamp(Now())), ("key", key));
        var found = await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        if (!found)
        {
            using var exists = Command(connection, transaction, "SELECT COUNT(*) FROM evaluations WHERE key = @key", ("key", key));
            found = Convert.ToInt64(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;
            await DisposeCoreAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Opens a connection, ready to use (pragmas set).</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken ct);

    /// <summary>Begins a transaction that takes the write lock at once (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>A timestamp as a parameter value.</summary>
    protected abstract object Timestamp(DateTimeOffset value);

    /// <summary>A timestamp column: null when NULL, <see cref="DateTimeOffset.MinValue"/> when it is not a timestamp.</summary>
    protected abstract DateTimeOffset? ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>A text column in code point order, for ORDER BY.</summary>
    protected abstract string Ordinal(string column);

    /// <summary>Whether an insert failed because the key exists.</summary>
    protected abstract bool IsKeyCollision(DbException exception);

    /// <summary>Releases what the provider holds (pools, data source).</summary>
    protected abstract ValueTask DisposeCoreAsync();

    /// <summary>A command with parameters named <c>@name</c>.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Only the store's own SQL, built of fixed fragments; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow().UtcTicks;
        return new DateTimeOffset(now - (now % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private EvaluationSummary ReadSummary(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        ReadTimestamp(reader, 4) ?? DateTimeOffset.MinValue,
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetString(8),
        ReadTimestamp(reader, 9));
}
