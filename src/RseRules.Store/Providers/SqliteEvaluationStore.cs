using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RseRules.Store.Providers;

/// <summary>
/// The store in a SQLite file (Microsoft.Data.Sqlite): WAL journal (readers never wait for the writer), synchronous
/// FULL (a committed save survives a crash of the process or of the machine), writes in <c>BEGIN IMMEDIATE</c>
/// transactions that wait up to 30 s for the lock. Connections are pooled; disposing the store clears its pool, so
/// the file is closed.
/// </summary>
internal sealed class SqliteEvaluationStore : AdoEvaluationStore
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const int SqliteConstraintPrimaryKey = 1555;
    private readonly string connectionString;

    private SqliteEvaluationStore(string path, TimeProvider clock)
        : base(path, clock)
    {
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Provider => EvaluationStores.Sqlite;

    protected override string TimestampType => "text";

    /// <summary>Opens (creating the file and its folders) and migrates the store at <paramref name="path"/>.</summary>
    public static async Task<IEvaluationStore> OpenAsync(string path, TimeProvider clock, CancellationToken ct)
    {
        var store = new SqliteEvaluationStore(path, clock);
        try
        {
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await store.MigrateAsync(ct).ConfigureAwait(false);
            return store;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"Cannot open the store {path} (SQLite): {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";
            await pragmas.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false)); // BEGIN IMMEDIATE

    protected override async Task BeforeMigrationAsync(DbConnection connection, CancellationToken ct)
    {
        // Persistent in the file; cannot change inside a transaction.
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        await wal.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    protected override object Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    protected override DateTimeOffset? ReadTimestamp(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return reader.GetValue(ordinal) is string text && DateTimeOffset.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : DateTimeOffset.MinValue;
    }

    protected override string Ordinal(string column) => column; // BINARY collation: UTF-8 bytes, code point order

    protected override bool IsKeyCollision(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintPrimaryKey };

    protected override ValueTask DisposeCoreAsync()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
