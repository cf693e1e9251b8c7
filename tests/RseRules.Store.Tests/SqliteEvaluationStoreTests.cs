using Microsoft.Data.Sqlite;

namespace RseRules.Store.Tests;

/// <summary>The store's contract on SQLite (a file per test), and what only SQLite has.</summary>
public sealed class SqliteEvaluationStoreTests : EvaluationStoreTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("rse-store-sqlite-").FullName;

    protected override string ExpectedProvider => EvaluationStores.Sqlite;

    protected override string TimestampLiteral => "'2030-01-01T00:00:00.000Z'";

    protected override Task<string> CreateStoreAsync() =>
        Task.FromResult(Path.Combine(folder, Guid.NewGuid().ToString("N"), "nested", "workbench.db"));

    protected override Task DeleteStoreAsync(string store)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(store == StoreValue ? folder : Path.GetDirectoryName(Path.GetDirectoryName(store))!, recursive: true);
        return Task.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task OpenAsync_PathInMissingFolders_CreatesTheFileInWalMode()
    {
        File.Exists(StoreValue).ShouldBeTrue();
        Store.Location.ShouldBe(StoreValue);

        (await ScalarAsync("PRAGMA journal_mode")).ShouldBe("wal");
    }

    [Fact]
    public async Task OpenAsync_FileThatIsNotADatabase_StoreExceptionNamingIt()
    {
        var path = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(path, "These are not the droids you are looking for, nor a SQLite database, at all.");

        var refused = await Should.ThrowAsync<StoreException>(() => EvaluationStores.OpenAsync(path));

        refused.Message.ShouldContain(path);
        refused.Message.ShouldContain("SQLite");
        (await File.ReadAllTextAsync(path)).ShouldStartWith("These are not");
    }

    [Fact]
    public async Task GetAsync_SavedAtNotATimestamp_Tampered()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        await ExecuteAsync($"UPDATE evaluations SET saved_at = 'yesterday' WHERE key = '{saved.Key}'");

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.Status.ShouldBe(IntegrityStatus.Tampered);
        read.Integrity.Reason.ShouldBe("a stored time is not a UTC timestamp");
        (await Store.ListAsync(new EvaluationQuery("P"))).ShouldHaveSingleItem().SavedAt.ShouldBe(DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task SaveAsync_Timestamps_StoredAsIsoTextInUtc()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        (await ScalarAsync($"SELECT saved_at FROM evaluations WHERE key = '{saved.Key}'")).ShouldBe("2026-12-06T10:15:30.123Z");
        (await ScalarAsync("SELECT typeof(applied_at) FROM schema_migrations")).ShouldBe("text");
    }

    private async Task<SqliteConnection> ConnectAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = StoreValue, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
