using System.Collections;
using System.Globalization;
using RseRules.Core.Runtime;
using Shouldly;
using Xunit;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// A map kept as its keys and values (made by a lowered <c>Map</c> over items whose keys are unique) against the same entries
/// in a dictionary: the same answers to every lookup (values, misses, the dictionary's own exceptions and messages), the same
/// order and charges when enumerated; its dictionary made only once searches have cost about as much, or when the map is
/// too long to search. And the uniqueness of the items' keys that lets a lowered <c>Map</c> keep it so.
/// </summary>
public class BudgetedDictionaryTests
{
    private const long Budget = 1_000_000;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(5, 3)]
    [InlineData(BudgetedDictionary<string, double>.SearchedKeys, 4)]
    [InlineData(BudgetedDictionary<string, double>.SearchedKeys + 1, 5)]
    [InlineData(40, 6)]
    public void LaidOut_RandomKeysAndLookups_AnswersAsTheDictionary(int count, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 10; round++)
        {
            // Keys as texts made anew (equal, not the same instances), values with NaN and negative zero.
            var keys = Enumerable.Range(0, count).Select(k => "k" + (3 * k).ToString(CultureInfo.InvariantCulture)).OrderBy(_ => random.Next()).ToArray();
            double[] some = [0.0, -0.0, double.NaN, 1.5, -7, double.MaxValue];
            var values = keys.Select(_ => some[random.Next(some.Length)]).ToArray();
            var expected = new BudgetedDictionary<string, double>(keys.Zip(values).ToDictionary(p => p.First, p => p.Second));
            var laid = new BudgetedDictionary<string, double>([.. keys], [.. values]);
            laid.IsLaidOut.ShouldBeTrue();

            for (var lookup = 0; lookup < 120; lookup++)
            {
                var key = random.Next(10) == 0 ? null : "k" + random.Next(3 * count + 4).ToString(CultureInfo.InvariantCulture);
                Answers(laid, key!).ShouldBe(Answers(expected, key!), $"key {key ?? "null"} of {count}, lookup {lookup}");
            }

            Walk(laid).ShouldBe(Walk(expected));
        }
    }

    [Fact]
    public void Search_SmallMap_KeptUntilSearchesCostAsMuchAsItsDictionary()
    {
        var keys = new[] { "a", "b", "c", "d", "e" };
        var map = new BudgetedDictionary<string, long>(keys, [1, 2, 3, 4, 5]);

        // The engine's own reads and a few lookups keep it as it is.
        map.Pairs.GetEnumerator().MoveNext().ShouldBeTrue();
        var read = new List<KeyValuePair<string, long>>();
        foreach (var pair in map.Pairs)
        {
            read.Add(pair);
        }

        read.ShouldBe([new("a", 1), new("b", 2), new("c", 3), new("d", 4), new("e", 5)]);
        map["e"].ShouldBe(5);
        map.ContainsKey("zz").ShouldBeFalse();
        map.TryGetValue("c", out var c).ShouldBeTrue();
        c.ShouldBe(3);
        map.IsLaidOut.ShouldBeTrue();

        // Searches compare 5 + 5 + 3 = 13 keys above; each search for "e" five more. Once more than 8 × 5 + 32 = 72 are
        // compared (13 + 5 × 12 = 73, after the twelfth "e"), the next lookup makes the dictionary: the thirteenth.
        var lookups = 3;
        while (map.IsLaidOut)
        {
            map["e"].ShouldBe(5);
            lookups++;
        }

        lookups.ShouldBe(3 + 13);
        map["a"].ShouldBe(1);
        map.Inner.Count.ShouldBe(5);
    }

    [Fact]
    public void Search_LongMap_DictionaryMadeAtItsFirstLookup()
    {
        var keys = Enumerable.Range(0, BudgetedDictionary<string, double>.SearchedKeys + 1).Select(k => "k" + k.ToString(CultureInfo.InvariantCulture)).ToArray();
        var map = new BudgetedDictionary<string, double>(keys, [.. keys.Select(k => (double)k.Length)]);
        map.Count.ShouldBe(keys.Length);
        map.IsLaidOut.ShouldBeTrue();
        map["k10"].ShouldBe(3);
        map.IsLaidOut.ShouldBeFalse();
    }

    [Fact]
    public void Enumerate_LaidOutMap_MakesTheDictionaryAndChargesAsIt()
    {
        var map = new BudgetedDictionary<long, string>([3, 1, 2], ["c", "a", "b"]);
        using (EvaluationBudget.Begin(Budget))
        {
            map.Select(p => p.Value).ToArray().ShouldBe(["c", "a", "b"]);
            (Budget - EvaluationBudget.Remaining).ShouldBe(4);
        }

        map.IsLaidOut.ShouldBeFalse();
    }

    [Fact]
    public void Lookups_ManyThreadsAtOnce_EveryAnswerRight()
    {
        var keys = Enumerable.Range(0, 12).Select(k => "t" + k.ToString(CultureInfo.InvariantCulture)).ToArray();
        for (var round = 0; round < 20; round++)
        {
            var map = new BudgetedDictionary<string, int>([.. keys], [.. Enumerable.Range(0, 12)]);
            var wrong = 0;
            Parallel.For(0, 8, t =>
            {
                for (var i = 0; i < 200; i++)
                {
                    var k = (i * 7 + t) % 14;
                    var ok = k < 12 ? map["t" + k.ToString(CultureInfo.InvariantCulture)] == k : !map.ContainsKey("t" + k.ToString(CultureInfo.InvariantCulture));
                    if (!ok)
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            });

            wrong.ShouldBe(0);
            map.IsLaidOut.ShouldBeFalse();
            map.Inner.Count.ShouldBe(12);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    [InlineData(16, 3)]
    [InlineData(17, 4)]
    [InlineData(40, 5)]
    public void UniqueKeys_RandomItems_TheKeysWhenDistinctElseNull(int count, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
        {
            // Few distinct ids (duplicates), some null ids, some missing items; each as often as none.
            var spread = random.Next(2) == 0 ? 4 * count + 1 : count + 1;
            var items = Enumerable.Range(0, count).Select(_ => random.Next(40) == 0 ? null
                : new Item(random.Next(30) == 0 ? null : "i" + random.Next(spread).ToString(CultureInfo.InvariantCulture), random.Next(3))).ToArray();
            var list = new BudgetedList<Item?>(items);
            var expected = items.All(i => i?.Id is not null) && items.Select(i => i!.Id).Distinct(StringComparer.Ordinal).Count() == count;
            var keys = Lowered.UniqueKeys(list, "Id", static x => x!.Id);
            if (expected)
            {
                keys.ShouldBe(items.Select(i => i!.Id).ToArray());
            }
            else
            {
                keys.ShouldBeNull(string.Join(",", items.Select(i => i?.Id ?? "null")));
            }

            // Another member of the same list is found on its own; each answer is kept (the same array for every map).
            var byN = items.All(i => i is not null) && items.Select(i => i!.N).Distinct().Count() == count;
            Lowered.UniqueKeys(list, "N", static x => x!.N).ShouldBe(byN ? items.Select(i => i!.N).ToArray() : null);
            Lowered.UniqueKeys(list, "Id", static _ => "never asked").ShouldBeSameAs(keys);
        }
    }

    [Fact]
    public void UniqueKeys_AnArrayOrAnotherSequence_Null()
    {
        var items = new[] { new Item("a", 1), new Item("b", 2) };
        Lowered.UniqueKeys(new BudgetedList<Item>(items), "Id", static x => x.Id).ShouldBe(["a", "b"]);
        Lowered.UniqueKeys(items, "Id", static x => x.Id).ShouldBeNull();
        Lowered.UniqueKeys(items.Where(_ => true), "Id", static x => x.Id).ShouldBeNull();
        Lowered.UniqueKeys<Item, string?>(null, "Id", static x => x.Id).ShouldBeNull();
    }

    private sealed record Item(string? Id, long N);

    /// <summary>What each way of looking up <paramref name="key"/> answers, exceptions included (type and message).</summary>
    private static string Answers(BudgetedDictionary<string, double> map, string key)
    {
        static string Try(Func<object?> f)
        {
            try
            {
                return Convert.ToString(f(), CultureInfo.InvariantCulture) ?? "null";
            }
            catch (Exception ex)
            {
                return ex.GetType().FullName + ": " + ex.Message;
            }
        }

        return string.Join(" | ",
            Try(() => BitConverter.DoubleToInt64Bits(map[key])),
            Try(() => map.ContainsKey(key)),
            Try(() => map.TryGetValue(key, out var v) ? "found " + BitConverter.DoubleToInt64Bits(v).ToString(CultureInfo.InvariantCulture) : "not found " + v.ToString(CultureInfo.InvariantCulture)),
            Try(() => ((IDictionary)map)[key!] is double d ? BitConverter.DoubleToInt64Bits(d) : null),
            Try(() => ((IDictionary)map).Contains(key!)),
            Try(() => map.Count));
    }

    /// <summary>The map walked every way a formula or a template can, with the steps each charges.</summary>
    private static List<string> Walk(BudgetedDictionary<string, double> map)
    {
        var seen = new List<string>();
        using (EvaluationBudget.Begin(Budget))
        {
            seen.Add(string.Join(",", map.Select(p => p.Key + "=" + BitConverter.DoubleToInt64Bits(p.Value).ToString(CultureInfo.InvariantCulture))));
            seen.Add((Budget - EvaluationBudget.Remaining).ToString(CultureInfo.InvariantCulture));
            seen.Add(string.Join(",", map.Keys));
            seen.Add(string.Join(",", map.Values.Select(BitConverter.DoubleToInt64Bits)));
            seen.Add((Budget - EvaluationBudget.Remaining).ToString(CultureInfo.InvariantCulture));
        }

        var entries = new List<string>();
        foreach (DictionaryEntry entry in (IDictionary)map)
        {
            entries.Add(entry.Key + "=" + entry.Value);
        }

        seen.Add(string.Join(",", entries));
        seen.Add(string.Join(",", ((IDictionary)map).Keys.Cast<string>()));
        var copy = new KeyValuePair<string, double>[map.Count];
        ((ICollection)map).CopyTo(copy, 0);
        seen.Add(string.Join(",", copy.Select(p => p.Key)));
        var pairs = new List<string>();
        foreach (var (key, value) in map.Pairs)
        {
            pairs.Add(key + "=" + BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture));
        }

        seen.Add(string.Join(",", pairs));
        return seen;
    }
}
