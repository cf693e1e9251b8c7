using System.Data.Common;
using System.Globalization;
using RseRules.Store.Migrations;

namespace RseRules.Store.Providers;

/// <summary>Migrations: applied in order, in one transaction, when the store is opened.</summary>
internal abstract partial class AdoEvaluationStore
{
    /// <summary>
    /// Brings the schema up to date: in one transaction that holds the write lock (SQLite) or an advisory lock
    /// (PostgreSQL), so that concurrent opens apply each migration once, creates <c>schema_migrations</c> when missing,
    /// refuses a database that records a migration this code does not have, and applies the missing ones in order.
    /// </summary>
    /// <exception cref="StoreSchemaException">The database is newer than this code, or records other migrations.</exception>
    internal async Task MigrateAsync(CancellationToken ct)
    {
        var migrations = MigrationSet.For(Provider);
        using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await BeforeMigrationAsync(connection, ct).ConfigureAwait(false);
        using var transaction = await BeginWriteAsync(connection, ct).ConfigureAwait(false);
        await LockMigrationsAsync(connection, transaction, ct).ConfigureAwait(false);
        using (var create = Command(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at {TimestampType} NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var applied = new Dictionary<int, string>();
        using (var read = Command(connection, transaction, "SELECT version, name FROM schema_migrations"))
        using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                applied[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
            }
        }

        CheckApplied(applied, migrations);
        foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
        {
            using (var run = Command(connection, transaction, migration.Sql))
            {
                await run.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            using var record = Command(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at)",
                ("version", migration.Version), ("name", migration.Name), ("applied_at", Timestamp(Now())));
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>What must happen outside the migration's transaction (SQLite: the journal mode).</summary>
    protected virtual Task BeforeMigrationAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Serializes concurrent migrations when beginning a write does not (PostgreSQL).</summary>
    protected virtual Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) => Task.CompletedTask;

    private void CheckApplied(Dictionary<int, string> applied, IReadOnlyList<Migration> migrations)
    {
        var known = migrations[^1].Version;
        var newest = applied.Count == 0 ? 0 : applied.Keys.Max();
        if (newest > known)
        {
            throw new StoreSchemaException(
                $"The store at {Location} has schema version {newest}; this version of rse knows versions up to {known}. "
                + "It was used by a newer rse: run that version, or restore a backup made before the upgrade.", newest, known);
        }

        foreach (var m in migrations)
        {
            if (applied.TryGetValue(m.Version, out var name) && !string.Equals(name, m.Name, StringComparison.Ordinal))
            {
                throw new StoreSchemaException(
                    $"The store at {Location} records migration {m.Version:D4} as '{name}'; this version of rse has '{m.Name}'. "
                    + "The database and this rse do not share their history.", newest, known);
            }
        }
    }
}
