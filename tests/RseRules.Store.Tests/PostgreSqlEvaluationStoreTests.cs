using Npgsql;
using RseRules.Store.Tests.Support;

namespace RseRules.Store.Tests;

/// <summary>The store's contract on a real PostgreSQL server (a database per test), and what only PostgreSQL has.</summary>
public sealed class PostgreSqlEvaluationStoreTests(PostgreSqlServer server) : EvaluationStoreTests, IClassFixture<PostgreSqlServer>
{
    protected override string ExpectedProvider => EvaluationStores.PostgreSql;

    protected override string TimestampLiteral => "now()";

    protected override Task<string> CreateStoreAsync() => server.CreateDatabaseAsync();

    protected override Task DeleteStoreAsync(string store) => server.DropDatabaseAsync(store);

    protected override async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task OpenAsync_UriForm_OpensTheSameDatabase()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));
        var b = new NpgsqlConnectionStringBuilder(StoreValue);
        var uri = $"postgresql://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "x")}@{b.Host}:{b.Port}/{b.Database}?application_name=rse-test";

        await using var store = await EvaluationStores.OpenAsync(uri);

        store.Provider.ShouldBe(EvaluationStores.PostgreSql);
        (await store.GetAsync(saved.Key)).ShouldNotBeNull().Integrity.IsVerified.ShouldBeTrue();
    }

    [Fact]
    public async Task OpenAsync_DatabaseThatDoesNotExist_StoreExceptionSaysSo()
    {
        var missing = new NpgsqlConnectionStringBuilder(StoreValue) { Database = "rse_store_missing_" + Guid.NewGuid().ToString("N") }.ConnectionString;

        var refused = await Should.ThrowAsync<StoreException>(() => EvaluationStores.OpenAsync(missing));

        refused.Message.ShouldContain("PostgreSQL");
        refused.Message.ShouldContain("createdb");
    }

    [Fact]
    public async Task SaveAsync_Timestamps_StoredAsTimestamptz()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        (await ScalarAsync($"SELECT pg_typeof(saved_at)::text FROM evaluations WHERE key = '{saved.Key}'")).ShouldBe("timestamp with time zone");
        (await ScalarAsync($"SELECT to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') FROM evaluations WHERE key = '{saved.Key}'"))
            .ShouldBe("2026-12-06T10:15:30.123");
        (await ScalarAsync($"SELECT record::jsonb -> 'method' ->> 'id' FROM evaluations WHERE key = '{saved.Key}'")).ShouldBe("rse-value");
    }

    private async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(StoreValue) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
