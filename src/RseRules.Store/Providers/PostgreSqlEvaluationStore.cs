using System.Data.Common;
using Npgsql;

namespace RseRules.Store.Providers;

/// <summary>
/// The store in a PostgreSQL database (Npgsql): records as text (canonical bytes kept), times as timestamptz,
/// migrations serialized by a transaction-scoped advisory lock. One data source (connection pool) per store.
/// </summary>
internal sealed class PostgreSqlEvaluationStore : AdoEvaluationStore
{
    /// <summary>The advisory lock migrations take: "RSESTORE" in ASCII.</summary>
    private const long MigrationLock = 0x5253_4553_544F_5245;
    private const string UniqueViolation = "23505";
    private readonly NpgsqlDataSource dataSource;

    private PostgreSqlEvaluationStore(NpgsqlDataSource dataSource, string location, TimeProvider clock)
        : base(location, clock)
    {
        this.dataSource = dataSource;
    }

    public override string Provider => EvaluationStores.PostgreSql;

    protected override string TimestampType => "timestamptz";

    /// <summary>Connects to and migrates the database of <paramref name="connectionString"/> (keyword form).</summary>
    public static async Task<IEvaluationStore> OpenAsync(string connectionString, string location, TimeProvider clock, CancellationToken ct)
    {
        var store = new PostgreSqlEvaluationStore(NpgsqlDataSource.Create(connectionString), location, clock);
        try
        {
            await store.MigrateAsync(ct).ConfigureAwait(false);
            return store;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            var hint = e is PostgresException { SqlState: "3D000" } ? " (create it first: createdb <name>)" : string.Empty;
            throw new StoreException($"Cannot open the store {location} (PostgreSQL): {e.Message}{hint}", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct) =>
        await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(ct).ConfigureAwait(false);

    protected override async Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@lock)", ("lock", MigrationLock));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    protected override object Timestamp(DateTimeOffset value) => value.ToUniversalTime();

    protected override DateTimeOffset? ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));

    protected override string Ordinal(string column) => column + " COLLATE \"C\""; // code point order whatever the database's collation

    protected override bool IsKeyCollision(DbException exception) =>
        exception is PostgresException { SqlState: UniqueViolation, ConstraintName: "evaluations_pkey" };

    protected override ValueTask DisposeCoreAsync() => dataSource.DisposeAsync();
}
