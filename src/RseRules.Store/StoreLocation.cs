using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace RseRules.Store;

/// <summary>
/// Where a store is, read from a <c>--store</c> value: a PostgreSQL connection string (keyword form with a
/// <c>Host</c>, or a <c>postgres://</c> / <c>postgresql://</c> URI) or a SQLite file path. Its text form never shows
/// a password.
/// </summary>
public sealed partial class StoreLocation
{
    private StoreLocation(string provider, string target, string display)
    {
        Provider = provider;
        Target = target;
        Display = display;
    }

    /// <summary><see cref="EvaluationStores.Sqlite"/> or <see cref="EvaluationStores.PostgreSql"/>.</summary>
    public string Provider { get; }

    /// <summary>The SQLite file's full path, or the PostgreSQL connection string in keyword form (with its password).</summary>
    public string Target { get; }

    /// <summary>The path, or the connection string without its password: for logs.</summary>
    public string Display { get; }

    /// <summary>Reads a store value; see <see cref="EvaluationStores.OpenAsync(string?, CancellationToken)"/>.</summary>
    /// <exception cref="StoreException">A PostgreSQL connection string or URI that cannot be read.</exception>
    public static StoreLocation Parse(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        store = store.Trim();
        if (store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return PostgreSql(FromUri(store));
        }

        if (IsKeywordConnectionString(store))
        {
            try
            {
                return PostgreSql(new NpgsqlConnectionStringBuilder(store));
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new StoreException($"Not a PostgreSQL connection string: {e.Message}", e);
            }
        }

        return Sqlite(store);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Provider} {Display}";

    private static StoreLocation Sqlite(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        var full = Path.GetFullPath(path);
        return new StoreLocation(EvaluationStores.Sqlite, full, full);
    }

    private static StoreLocation PostgreSql(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new StoreException("A PostgreSQL connection string needs a Host.");
        }

        var target = builder.ConnectionString;
        builder.Remove("Password");
        return new StoreLocation(EvaluationStores.PostgreSql, target, builder.ConnectionString);
    }

    /// <summary>A <c>key=value;…</c> text with a <c>Host</c> (or <c>Server</c>) keyword: what a path never is.</summary>
    private static bool IsKeywordConnectionString(string store) => HostKeyword().IsMatch(store);

    /// <summary><c>postgres[ql]://[user[:password]@]host[:port][/database][?sslmode=…&amp;application_name=…&amp;connect_timeout=…]</c>.</summary>
    private static NpgsqlConnectionStringBuilder FromUri(string store)
    {
        if (!Uri.TryCreate(store, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new StoreException("Not a PostgreSQL URI: expected postgresql://user:password@host:port/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (name)
            {
                case "sslmode" when Enum.TryParse<SslMode>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode):
                    builder.SslMode = mode;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    builder.Timeout = seconds;
                    break;
                default:
                    throw new StoreException($"PostgreSQL URI parameter '{name}={value}' is not supported (sslmode, application_name, connect_timeout are); use the keyword form (Host=…;…) for others.");
            }
        }

        return builder;
    }

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HostKeyword();
}
