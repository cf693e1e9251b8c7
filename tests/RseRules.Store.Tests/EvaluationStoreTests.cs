using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Store.Tests.Support;

namespace RseRules.Store.Tests;

/// <summary>
/// The store's contract, run against every provider: one subclass per database (<see cref="SqliteEvaluationStoreTests"/>,
/// <see cref="PostgreSqlEvaluationStoreTests"/>). Each test gets an empty store of its own, opened with a clock it sets.
/// Split by area: this file (save, get, list, archive), Integrity, Concurrency, Migrations, Limits.
/// </summary>
public abstract partial class EvaluationStoreTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 15, 30, 123, TimeSpan.Zero);

    private readonly List<IEvaluationStore> opened = [];

    /// <summary>The clock every store of the test is opened with.</summary>
    protected ManualClock Clock { get; } = new(Start);

    /// <summary>The <c>--store</c> value of the test's store.</summary>
    protected string StoreValue { get; private set; } = string.Empty;

    /// <summary>The test's store, open.</summary>
    protected IEvaluationStore Store { get; private set; } = null!;

    /// <summary>The provider's name.</summary>
    protected abstract string ExpectedProvider { get; }

    public async Task InitializeAsync()
    {
        StoreValue = await CreateStoreAsync();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        await DeleteStoreAsync(StoreValue);
    }

    /// <summary>A new empty store (nothing created yet, or an empty database): its <c>--store</c> value.</summary>
    protected abstract Task<string> CreateStoreAsync();

    /// <summary>Deletes what <see cref="CreateStoreAsync"/> made.</summary>
    protected abstract Task DeleteStoreAsync(string store);

    /// <summary>Runs SQL on the store's database behind the store's back (to tamper with it).</summary>
    protected abstract Task<int> ExecuteAsync(string sql);

    /// <summary>Runs a query that returns one value.</summary>
    protected abstract Task<object?> ScalarAsync(string sql);

    /// <summary>Opens the test's store once more (disposed with the test).</summary>
    protected async Task<IEvaluationStore> OpenAsync()
    {
        var store = await EvaluationStores.OpenAsync(StoreValue, new EvaluationStoreOptions { Clock = Clock });
        lock (opened)
        {
            opened.Add(store);
        }

        return store;
    }

    protected static NewEvaluation Evaluation(string project, string name, JObject? record = null, string author = "Claire Martin") =>
        new(project, name, author, record ?? NormRecord.Record());

    [Fact]
    public void Provider_OpenedStore_IsTheProvider()
    {
        Store.Provider.ShouldBe(ExpectedProvider);
        Store.Location.ShouldNotContain("Password", Case.Insensitive);
    }

    [Fact]
    public async Task SaveAsync_NormRecord_GetReturnsCanonicalBytesVerified()
    {
        var record = NormRecord.Record();
        var saved = await Store.SaveAsync(Evaluation("Valmont", "Pilot, two sites", record));

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();

        read.Integrity.ShouldBe(RecordIntegrity.Verified);
        read.RecordJson.ShouldBe(CanonicalJson.Write(record));
        read.RecordJson.ShouldBe(saved.RecordJson);
        read.Summary.ShouldBe(saved.Summary);
        read.Summary.Project.ShouldBe("Valmont");
        read.Summary.Name.ShouldBe("Pilot, two sites");
        read.Summary.Author.ShouldBe("Claire Martin");
        read.Summary.SavedAt.ShouldBe(Start);
        read.Summary.MethodReference.ShouldBe("rse-value@1.0.0");
        read.Summary.MethodSha256.ShouldBe(record["method"]!["sha256"]!.Value<string>());
        read.Summary.RecordSha256.ShouldBe(record[EvaluationRecord.HashProperty]!.Value<string>());
        read.Summary.RecordSha256.ShouldBe(EvaluationRecord.Hash(record));
        read.Summary.Archived.ShouldBeFalse();
        var parsed = read.ParseRecord().ShouldNotBeNull();
        EvaluationRecord.Hash(parsed).ShouldBe(read.Summary.RecordSha256);
        CanonicalJson.Write(parsed["results"]!).ShouldBe(CanonicalJson.Write(record["results"]!));
    }

    [Fact]
    public async Task SaveAsync_ClockBetweenMilliseconds_SavedAtRoundTripsToTheMillisecond()
    {
        Clock.Now = new DateTimeOffset(2027, 2, 28, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(9_999);

        var saved = await Store.SaveAsync(Evaluation("P", "late"));
        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();

        saved.Summary.SavedAt.ShouldBe(new DateTimeOffset(2027, 2, 28, 23, 59, 59, 999, TimeSpan.Zero));
        read.Summary.SavedAt.ShouldBe(saved.Summary.SavedAt);
        read.Summary.SavedAt.UtcTicks.ShouldBe(saved.Summary.SavedAt.UtcTicks);
        read.Summary.SavedAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task SaveAsync_TextsWithSurroundingSpaces_AreTrimmed()
    {
        var saved = await Store.SaveAsync(Evaluation("  Valmont ", "\u00a0Roll-out  ", author: " Jean Dupont "));

        saved.Summary.Project.ShouldBe("Valmont");
        saved.Summary.Name.ShouldBe("Roll-out");
        saved.Summary.Author.ShouldBe("Jean Dupont");
        (await Store.GetAsync(saved.Key)).ShouldNotBeNull().Summary.ShouldBe(saved.Summary);
    }

    [Fact]
    public async Task SaveAsync_Keys_AreShortUrlSafeAndDistinct()
    {
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await Store.SaveAsync(Evaluation("P", "s" + i))).Key);
        }

        keys.ShouldAllBe(k => k.Length == 16 && k.All(c => (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')));
        keys.Distinct().Count().ShouldBe(5);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAA")]
    [InlineData("'; DROP TABLE x;")]
    [InlineData("")]
    public async Task GetAsync_UnknownOrMalformedKey_ReturnsNull(string key)
    {
        await Store.SaveAsync(Evaluation("P", "one"));

        (await Store.GetAsync(key)).ShouldBeNull();
        (await Store.ArchiveAsync(key)).ShouldBeFalse();
    }

    [Fact]
    public async Task ListAsync_ByProject_StableCodePointOrder()
    {
        foreach (var name in new[] { "b", "é", "a2", "C", "a" })
        {
            await Store.SaveAsync(Evaluation("Valmont", name));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Store.SaveAsync(Evaluation("Another", "z"));

        var list = await Store.ListAsync(new EvaluationQuery("Valmont"));
        list.Select(e => e.Name).ShouldBe(["C", "a", "a2", "b", "é"]);
        list.ShouldAllBe(e => e.Project == "Valmont" && !e.Archived);
        (await Store.ListAsync(new EvaluationQuery("Valmont"))).ShouldBe(list);

        var all = await Store.ListAsync(EvaluationQuery.Default);
        all.Select(e => $"{e.Project}/{e.Name}").ShouldBe(["Another/z", "Valmont/C", "Valmont/a", "Valmont/a2", "Valmont/b", "Valmont/é"]);
        (await Store.ListAsync(new EvaluationQuery("valmont"))).ShouldBeEmpty();
        (await Store.ListAsync(new EvaluationQuery(" Valmont "))).ShouldBe(list);
    }

    [Fact]
    public async Task ListAsync_OffsetAndLimit_GivePagesOfTheSameOrder()
    {
        for (var i = 0; i < 7; i++)
        {
            await Store.SaveAsync(Evaluation("P", $"n{i}"));
        }

        var all = await Store.ListAsync(new EvaluationQuery("P"));
        var pages = new List<EvaluationSummary>();
        for (var offset = 0; offset < 7; offset += 3)
        {
            pages.AddRange(await Store.ListAsync(new EvaluationQuery("P") { Offset = offset, Limit = 3 }));
        }

        pages.ShouldBe(all);
        (await Store.ListAsync(new EvaluationQuery("P") { Offset = 7 })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 10_001)]
    [InlineData(-1, 10)]
    public async Task ListAsync_LimitOrOffsetOutOfRange_Throws(int offset, int limit)
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.ListAsync(new EvaluationQuery { Offset = offset, Limit = limit }));
    }

    [Fact]
    public async Task ArchiveAsync_Evaluation_KeptHiddenFromDefaultListAndNameFreed()
    {
        var first = await Store.SaveAsync(Evaluation("P", "Roll-out"));
        Clock.Advance(TimeSpan.FromMinutes(5));

        (await Store.ArchiveAsync(first.Key)).ShouldBeTrue();

        (await Store.ListAsync(new EvaluationQuery("P"))).ShouldBeEmpty();
        var archived = (await Store.ListAsync(new EvaluationQuery("P") { Archived = ArchiveFilter.Archived })).ShouldHaveSingleItem();
        archived.Key.ShouldBe(first.Key);
        archived.ArchivedAt.ShouldBe(Start.AddMinutes(5));
        var read = (await Store.GetAsync(first.Key)).ShouldNotBeNull();
        read.Summary.Archived.ShouldBeTrue();
        read.Integrity.IsVerified.ShouldBeTrue();

        var second = await Store.SaveAsync(Evaluation("P", "Roll-out"));
        (await Store.ListAsync(new EvaluationQuery("P"))).Select(e => e.Key).ShouldBe([second.Key]);
        (await Store.ListAsync(new EvaluationQuery("P") { Archived = ArchiveFilter.All })).Select(e => e.Key).ShouldBe([first.Key, second.Key]);

        Clock.Advance(TimeSpan.FromMinutes(5));
        (await Store.ArchiveAsync(first.Key)).ShouldBeTrue();
        (await Store.GetAsync(first.Key)).ShouldNotBeNull().Summary.ArchivedAt.ShouldBe(Start.AddMinutes(5));
    }

    [Fact]
    public async Task SaveAsync_SameProjectAndName_ConflictAndNothingSaved()
    {
        var first = await Store.SaveAsync(Evaluation("Valmont", "Pilot"));

        var conflict = await Should.ThrowAsync<StoreConflictException>(() => Store.SaveAsync(Evaluation(" Valmont", "Pilot ")));

        conflict.Project.ShouldBe("Valmont");
        conflict.Name.ShouldBe("Pilot");
        conflict.ExistingKey.ShouldBe(first.Key);
        (await Store.ListAsync(new EvaluationQuery { Archived = ArchiveFilter.All })).ShouldHaveSingleItem().Key.ShouldBe(first.Key);
        await Store.SaveAsync(Evaluation("Other", "Pilot"));
        await Store.SaveAsync(Evaluation("Valmont", "pilot"));
    }

    [Fact]
    public async Task ListProjectsAsync_Projects_CountsAndLatestSave()
    {
        await Store.SaveAsync(Evaluation("Valmont", "a"));
        Clock.Advance(TimeSpan.FromHours(1));
        var b = await Store.SaveAsync(Evaluation("Valmont", "b"));
        await Store.SaveAsync(Evaluation("Alpha", "x"));
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.ArchiveAsync(b.Key);

        var projects = await Store.ListProjectsAsync();

        projects.ShouldBe([
            new ProjectSummary("Alpha", 1, 0, Start.AddHours(1)),
            new ProjectSummary("Valmont", 1, 1, Start.AddHours(1)),
        ]);
    }

    [Fact]
    public async Task ListProjectsAsync_EmptyStore_Empty()
    {
        (await Store.ListProjectsAsync()).ShouldBeEmpty();
        (await Store.ListAsync(EvaluationQuery.Default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DisposeAsync_ThenCalled_ObjectDisposed()
    {
        var store = await OpenAsync();
        await store.DisposeAsync();
        await store.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(() => store.ListProjectsAsync());
        await Should.ThrowAsync<ObjectDisposedException>(() => store.SaveAsync(Evaluation("P", "n")));
    }
}
