using RseRules.Store.Tests.Support;

namespace RseRules.Store.Tests;

/// <summary>Many tasks saving at once: every save is there once, and a taken name is a conflict, nothing else.</summary>
public abstract partial class EvaluationStoreTests
{
    [Fact]
    public async Task SaveAsync_FiftyInParallel_AllPresentNoDuplicates()
    {
        var record = NormRecord.Record();

        var saved = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => Store.SaveAsync(new NewEvaluation("Load", $"scenario {i:D2}", "author " + i, record)))));

        saved.Select(s => s.Key).Distinct().Count().ShouldBe(50);
        var list = await Store.ListAsync(new EvaluationQuery("Load"));
        list.Select(e => e.Name).ShouldBe(Enumerable.Range(0, 50).Select(i => $"scenario {i:D2}"));
        list.Select(e => e.Key).Order().ShouldBe(saved.Select(s => s.Key).Order());
        foreach (var s in saved.Take(5))
        {
            (await Store.GetAsync(s.Key)).ShouldNotBeNull().Integrity.IsVerified.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task SaveAsync_SameNameInParallel_OneSavedTheOthersConflict()
    {
        var record = NormRecord.Record();
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run<(SavedEvaluation? Saved, StoreConflictException? Conflict)>(async () =>
        {
            try
            {
                return (await Store.SaveAsync(new NewEvaluation("Race", "the one", "author " + i, record)), null);
            }
            catch (StoreConflictException e)
            {
                return (null, e);
            }
        }));

        var results = await Task.WhenAll(attempts);

        var winner = results.Where(r => r.Saved is not null).ShouldHaveSingleItem().Saved!;
        results.Count(r => r.Conflict is not null).ShouldBe(19);
        results.Where(r => r.Conflict is not null).ShouldAllBe(r => r.Conflict!.ExistingKey == winner.Key);
        (await Store.ListAsync(new EvaluationQuery("Race") { Archived = ArchiveFilter.All })).ShouldHaveSingleItem().Key.ShouldBe(winner.Key);
    }

    [Fact]
    public async Task SaveAndArchive_InterleavedAcrossTwoStoreInstances_Consistent()
    {
        var other = await OpenAsync();
        var record = NormRecord.Record();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? Store : other;
            var saved = await store.SaveAsync(new NewEvaluation("Two", $"n{i:D2}", "a", record));
            if (i % 4 == 0)
            {
                (await other.ArchiveAsync(saved.Key)).ShouldBeTrue();
            }
        })));

        (await Store.ListProjectsAsync()).ShouldBe([new ProjectSummary("Two", 15, 5, Start)]);
    }
}
