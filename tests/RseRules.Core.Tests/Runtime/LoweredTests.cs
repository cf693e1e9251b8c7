using RseRules.Core.Runtime;
using Shouldly;
using Xunit;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// The searches a lowered loop answers from a table made before it (<see cref="Lowered.Searched"/>, <see cref="Lowered.Found{T}(IEnumerable{T}, T, object, int, ref long)"/>):
/// the answer of <c>list.Contains(item.member)</c> for every item (short lists searched, long ones hashed), the charge of
/// the search as written (the list's length and one), counted or spent, and no table for what the loop cannot walk.
/// </summary>
public class LoweredTests
{
    private const long Budget = 1_000_000;

    private sealed record Item(string? Id);

    [Theory]
    [InlineData(0, 5, 1)]
    [InlineData(3, 10, 2)]
    [InlineData(16, 40, 3)]
    [InlineData(17, 40, 4)]
    [InlineData(60, 200, 5)]
    public void Found_RandomListsAndItems_AnswersAsContainsAndChargesLengthAndOne(int length, int items, int seed)
    {
        var random = new Random(seed);
        string? Id() => random.Next(12) == 0 ? null : "k" + random.Next(length + 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var round = 0; round < 20; round++)
        {
            var list = Enumerable.Range(0, length).Select(_ => Id()).ToArray();
            var source = Enumerable.Range(0, items).Select(_ => random.Next(15) == 0 ? null : new Item(Id())).ToArray();
            foreach (IEnumerable<string?> shape in new IEnumerable<string?>[] { list, new BudgetedList<string?>(list) })
            {
                object? cache = null;
                var table = Lowered.Searched(shape, source, "Id", static x => x!.Id, ref cache).ShouldNotBeNull();
                cache.ShouldBeSameAs(table);
                Lowered.SearchSteps(table).ShouldBe(length + 1);
                long counted = 0;
                for (var i = 0; i < source.Length; i++)
                {
                    if (source[i] is not { } item)
                    {
                        continue;
                    }

                    var expected = Array.IndexOf(list, item.Id) >= 0;
                    Lowered.Found(shape, item.Id, table, i, ref counted).ShouldBe(expected, $"item {i} ({item.Id}) in [{string.Join(",", list)}]");
                    using var scope = EvaluationBudget.Begin(Budget);
                    Lowered.Found(shape, item.Id, table, i, EvaluationBudget.Current).ShouldBe(expected);
                    (Budget - EvaluationBudget.Remaining).ShouldBe(length + 1);
                }

                counted.ShouldBe(source.Count(s => s is not null) * (long)(length + 1));
            }
        }
    }

    [Fact]
    public void Searched_SameListArrayAndMember_ReusesItsTableElseMakesAnother()
    {
        var list = new[] { "a", "b" };
        var source = new[] { new Item("a"), new Item("c") };
        object? cache = null;
        var first = Lowered.Searched(list, source, "Id", static x => x.Id, ref cache);
        Lowered.Searched(list, source, "Id", static x => x.Id, ref cache).ShouldBeSameAs(first);

        var other = new[] { "c" };
        var second = Lowered.Searched(other, source, "Id", static x => x.Id, ref cache).ShouldNotBeNull();
        second.ShouldNotBeSameAs(first);
        long counted = 0;
        Lowered.Found(other, "c", second, 1, ref counted).ShouldBeTrue();
        Lowered.Found(other, "a", second, 0, ref counted).ShouldBeFalse();
        counted.ShouldBe(4);
    }

    [Fact]
    public void Searched_NoListNoArrayOrALazySequence_NoTable()
    {
        var source = new[] { new Item("a") };
        object? cache = null;
        Lowered.Searched<Item, string?>(null, source, "Id", static x => x.Id, ref cache).ShouldBeNull();
        Lowered.Searched(new[] { "a" }, (Item[]?)null, "Id", static x => x.Id, ref cache).ShouldBeNull();
        Lowered.Searched(new List<string?> { "a" }, source, "Id", static x => x.Id, ref cache).ShouldBeNull();
        Lowered.Searched(RseRules.Core.Runtime.Linq.Enumerable.Select(new BudgetedList<string?>(["a"]), s => s), source, "Id", static x => x.Id, ref cache).ShouldBeNull();
        cache.ShouldBeNull();
    }

    [Fact]
    public void Found_AnotherList_SearchesIt()
    {
        // Never the case in generated code (a loop's list is the table's); answered all the same, by searching.
        var source = new[] { new Item("a"), new Item("b") };
        object? cache = null;
        var table = Lowered.Searched(new[] { "a" }, source, "Id", static x => x.Id, ref cache).ShouldNotBeNull();
        long counted = 0;
        Lowered.Found(new[] { "b" }, "b", table, 1, ref counted).ShouldBeTrue();
        Lowered.Found(new[] { "b" }, "a", table, 0, ref counted).ShouldBeFalse();
    }
}
