using System.Globalization;
using RseRules.Store.Migrations;

namespace RseRules.Store.Tests;

/// <summary>Migrations: applied once, at open, under a lock; a database from a newer rse refused; data kept across opens.</summary>
public abstract partial class EvaluationStoreTests
{
    private int KnownVersion => MigrationSet.For(ExpectedProvider).Count;

    [Fact]
    public async Task OpenAsync_Twice_MigrationsAppliedOnceDataKept()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        await using (var again = await EvaluationStores.OpenAsync(StoreValue))
        {
            (await again.GetAsync(saved.Key)).ShouldNotBeNull().Integrity.IsVerified.ShouldBeTrue();
        }

        Convert.ToInt32(await ScalarAsync("SELECT COUNT(*) FROM schema_migrations"), CultureInfo.InvariantCulture).ShouldBe(KnownVersion);
        Convert.ToInt32(await ScalarAsync("SELECT MAX(version) FROM schema_migrations"), CultureInfo.InvariantCulture).ShouldBe(KnownVersion);
    }

    [Fact]
    public async Task OpenAsync_ManyAtOnceOnAFreshStore_EachMigrationAppliedOnce()
    {
        var fresh = await CreateStoreAsync();
        try
        {
            var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => EvaluationStores.OpenAsync(fresh))));
            foreach (var s in stores)
            {
                (await s.ListProjectsAsync()).ShouldBeEmpty();
            }

            var saved = await stores[0].SaveAsync(Evaluation("P", "n"));
            (await stores[5].GetAsync(saved.Key)).ShouldNotBeNull();
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }

            await using var check = await EvaluationStores.OpenAsync(fresh);
            (await check.ListAsync(EvaluationQuery.Default)).ShouldHaveSingleItem();
        }
        finally
        {
            await DeleteStoreAsync(fresh);
        }
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromANewerVersion_RefusedClearlyAndUntouched()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));
        await ExecuteAsync($"INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', {TimestampLiteral})");

        var refused = await Should.ThrowAsync<StoreSchemaException>(() => EvaluationStores.OpenAsync(StoreValue));

        refused.DatabaseVersion.ShouldBe(9999);
        refused.CodeVersion.ShouldBe(KnownVersion);
        refused.Message.ShouldContain("schema version 9999");
        refused.Message.ShouldContain("newer rse");
        Convert.ToInt32(await ScalarAsync("SELECT COUNT(*) FROM evaluations"), CultureInfo.InvariantCulture).ShouldBe(1);
        (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
    }

    [Fact]
    public async Task OpenAsync_MigrationRecordedUnderAnotherName_Refused()
    {
        await ExecuteAsync("UPDATE schema_migrations SET name = 'something_else' WHERE version = 1");

        var refused = await Should.ThrowAsync<StoreSchemaException>(() => EvaluationStores.OpenAsync(StoreValue));

        refused.Message.ShouldContain("'something_else'");
    }

    [Fact]
    public async Task OpenAsync_AfterEveryStoreWasDisposed_KeepsEverything()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "kept"));
        var archived = await Store.SaveAsync(Evaluation("P", "archived"));
        await Store.ArchiveAsync(archived.Key);
        await Store.DisposeAsync();

        await using var reopened = await EvaluationStores.OpenAsync(StoreValue);

        var read = (await reopened.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.IsVerified.ShouldBeTrue();
        read.Summary.ShouldBe(saved.Summary);
        (await reopened.GetAsync(archived.Key)).ShouldNotBeNull().Summary.Archived.ShouldBeTrue();
        (await reopened.ListProjectsAsync()).ShouldBe([new ProjectSummary("P", 1, 1, Start)]);
    }

    /// <summary>A timestamp literal of the provider, for SQL written by tests.</summary>
    protected abstract string TimestampLiteral { get; }
}
