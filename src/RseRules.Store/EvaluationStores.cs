using RseRules.Store.Providers;

namespace RseRules.Store;

/// <summary>Opens the store a <c>--store</c> value names.</summary>
public static class EvaluationStores
{
    /// <summary>The SQLite provider's name.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The PostgreSQL provider's name.</summary>
    public const string PostgreSql = "postgresql";

    /// <summary>The environment variable that names the store when none is given.</summary>
    public const string StoreVariable = "RSE_STORE";

    /// <summary>
    /// The SQLite file used when no store is named: <c>rse/workbench.db</c> in the user's local application data folder
    /// (<c>$XDG_DATA_HOME</c>, else <c>~/.local/share</c> on Linux; <c>%LOCALAPPDATA%</c> on Windows), beside the
    /// compiled-method cache; in the current folder when the system has no such folder.
    /// </summary>
    public static string DefaultSqlitePath
    {
        get
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.GetFullPath(Path.Combine(string.IsNullOrEmpty(data) ? Environment.CurrentDirectory : data, "rse", "workbench.db"));
        }
    }

    /// <summary>
    /// Where <paramref name="store"/> points: itself when given, else <c>RSE_STORE</c> when set, else
    /// <see cref="DefaultSqlitePath"/>. See <see cref="StoreLocation.Parse"/>.
    /// </summary>
    /// <exception cref="StoreException">A PostgreSQL connection string or URI that cannot be read.</exception>
    public static StoreLocation Locate(string? store)
    {
        if (string.IsNullOrWhiteSpace(store))
        {
            store = Environment.GetEnvironmentVariable(StoreVariable);
        }

        return StoreLocation.Parse(string.IsNullOrWhiteSpace(store) ? DefaultSqlitePath : store);
    }

    /// <summary>
    /// Opens a store and applies its migrations: null (then <c>RSE_STORE</c>, then <see cref="DefaultSqlitePath"/>),
    /// a PostgreSQL connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>, or a
    /// <c>postgres://</c>/<c>postgresql://</c> URI; the database must exist), or a SQLite file path (created on first
    /// open with its folders).
    /// </summary>
    /// <exception cref="StoreException">The store cannot be opened (its message says why).</exception>
    /// <exception cref="StoreSchemaException">The database was migrated by a newer version of rse.</exception>
    public static Task<IEvaluationStore> OpenAsync(string? store, CancellationToken ct = default) =>
        OpenAsync(store, EvaluationStoreOptions.Default, ct);

    /// <summary>Opens a store with options (a clock of one's own); see <see cref="OpenAsync(string?, CancellationToken)"/>.</summary>
    public static Task<IEvaluationStore> OpenAsync(string? store, EvaluationStoreOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenAsync(Locate(store), options, ct);
    }

    /// <summary>Opens the store at <paramref name="location"/>.</summary>
    public static Task<IEvaluationStore> OpenAsync(StoreLocation location, EvaluationStoreOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        return location.Provider == PostgreSql
            ? PostgreSqlEvaluationStore.OpenAsync(location.Target, location.Display, options.Clock, ct)
            : SqliteEvaluationStore.OpenAsync(location.Target, options.Clock, ct);
    }
}
