using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RseRules.Store.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the store tests: the one <c>RSE_TEST_POSTGRES</c> names (a keyword connection string
/// whose user may create databases; <c>.ci/run</c> sets it), else a throwaway cluster started here from the installed
/// server's <c>initdb</c> and <c>pg_ctl</c> (as the <c>postgres</c> user when running as root) in a temporary folder,
/// on a free port of 127.0.0.1, trust authentication, stopped and deleted when the tests end. With neither, every
/// PostgreSQL test fails with the message of <see cref="Unavailable"/>: the store's PostgreSQL provider is never
/// skipped. Each test gets a database of its own (<see cref="CreateDatabaseAsync"/>), dropped after it.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The variable that names a server.</summary>
    public const string Variable = "RSE_TEST_POSTGRES";

    private const string Unavailable =
        "No PostgreSQL server for the store tests. Set " + Variable + " to a connection string whose user may create databases "
        + "(Host=127.0.0.1;Port=5432;Username=…;Password=…;Database=postgres), or install PostgreSQL's server "
        + "(Debian: apt-get install -y postgresql) so that the tests start a throwaway cluster with its initdb and pg_ctl. "
        + ".ci/run does both.";

    private string? folder;
    private string? binaries;

    /// <summary>The connection string of the server's <c>postgres</c> database, to create and drop test databases.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    /// <summary>Whether this fixture started the server (else <c>RSE_TEST_POSTGRES</c> named it).</summary>
    public bool Started => folder is not null;

    public async Task InitializeAsync()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            AdminConnectionString = named;
        }
        else
        {
            binaries = FindBinaries() ?? throw new InvalidOperationException(Unavailable);
            AdminConnectionString = await StartClusterAsync(binaries);
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "rse_store_test_" + Guid.NewGuid().ToString("N");
        await AdminAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/> (closing its pooled connections first).</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (folder is not null && binaries is not null)
        {
            await RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], throwOnError: false);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a later run does not reuse the folder.
            }
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The newest installed server's bin folder (Debian: /usr/lib/postgresql/&lt;version&gt;/bin), or null.</summary>
    private static string? FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private async Task<string> StartClusterAsync(string bin)
    {
        folder = Directory.CreateTempSubdirectory("rse-store-pg-").FullName;
        if (IsRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["postgres:", folder], throwOnError: true, asPostgres: false);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], throwOnError: true);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            var (code, output) = await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", options, "start"], throwOnError: false);
            if (code == 0)
            {
                return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
            }

            if (attempt == 3)
            {
                var log = Path.Combine(folder, "server.log");
                throw new InvalidOperationException($"pg_ctl start failed ({code}): {output}\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty)}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, bool throwOnError, bool asPostgres = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = file;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var output = (await stdout) + (await stderr);
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
        }

        return (process.ExitCode, output);
    }
}
