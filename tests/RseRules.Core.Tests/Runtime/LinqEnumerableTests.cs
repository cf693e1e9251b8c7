using RseRules.Core.Runtime;
using Budgeted = RseRules.Core.Runtime.Linq.Enumerable;
using Linq = System.Linq.Enumerable;

namespace RseRules.Core.Tests.Runtime;

/// <summary>The hand-written operators of the formulas' LINQ behave as System.Linq's, on the engine's lists, arrays and lazy sequences.</summary>
public class LinqEnumerableTests
{
    public static TheoryData<int[]> Arrays => new() { Array.Empty<int>(), new[] { 7 }, new[] { 3, -1, 4, 1, -5, 9, 2, 6 }, Linq.ToArray(Linq.Range(-50, 101)) };

    private static IEnumerable<IEnumerable<int>> Shapes(int[] values) =>
        [new BudgetedList<int>((int[])values.Clone()), (int[])values.Clone(), Linq.Select(values, v => v), new List<int>(values)];

    [Theory]
    [MemberData(nameof(Arrays))]
    public void NativeOperators_EverySourceShape_SameResultsAsSystemLinq(int[] values)
    {
        Func<int, bool> positive = v => v > 0;
        Func<int, double> third = v => v / 3.0;
        foreach (var source in Shapes(values))
        {
            Budgeted.Sum(source, third).ShouldBe(Linq.Sum(values, third));
            Budgeted.Any(source, positive).ShouldBe(Linq.Any(values, positive));
            Budgeted.All(source, positive).ShouldBe(Linq.All(values, positive));
            Budgeted.Count(source, positive).ShouldBe(Linq.Count(values, positive));
            Budgeted.Contains(source, 4).ShouldBe(Linq.Contains(values, 4));
            Budgeted.Contains(source, 1000).ShouldBeFalse();
            Linq.ToArray(Budgeted.Where(source, positive)).ShouldBe(Linq.ToArray(Linq.Where(values, positive)));
            Budgeted.Sum(Budgeted.Where(source, positive), third).ShouldBe(Linq.Sum(Linq.Where(values, positive), third));
            Budgeted.Any(Budgeted.Where(source, positive), v => v % 2 == 0).ShouldBe(Linq.Any(Linq.Where(values, positive), v => v % 2 == 0));
            Budgeted.Count(Budgeted.Where(source, positive), v => v % 2 == 0).ShouldBe(Linq.Count(Linq.Where(values, positive), v => v % 2 == 0));
            Linq.ToArray(Budgeted.Select(source, third)).ShouldBe(Linq.ToArray(Linq.Select(values, third)));
        }
    }

    [Fact]
    public void NativeOperators_SumOfDoubles_AddsInOrderToTheLastBit()
    {
        // 0.1 + 0.2 + 0.3 in order is 0.6000000000000001; any other order or pairing could give 0.6.
        double[] values = [0.1, 0.2, 0.3, 1e16, -1e16, 0.7];
        Budgeted.Sum(new BudgetedList<double>(values), v => v).ShouldBe(Linq.Sum(values, v => v));
    }

    [Fact]
    public void FusedWhereSum_CallsInSystemLinqsOrder()
    {
        // Where(p).Sum(s) calls p then, when it holds, s, element by element: the fused loop must too.
        var calls = new List<string>();
        int[] values = [1, 2, 3];
        Budgeted.Sum(Budgeted.Where(values, v => { calls.Add("p" + v); return v != 2; }), v => { calls.Add("s" + v); return v; }).ShouldBe(4);

        var expected = new List<string>();
        Linq.Sum(Linq.Where(values, v => { expected.Add("p" + v); return v != 2; }), v => { expected.Add("s" + v); return (double)v; }).ShouldBe(4);
        calls.ShouldBe(expected);
    }

    [Fact]
    public void NativeOperators_NullArguments_ThrowAsSystemLinqDoes()
    {
        int[] values = [1, 2];
        Should.Throw<ArgumentNullException>(() => Budgeted.Sum(values, (Func<int, double>)null!)).ParamName.ShouldBe("selector");
        Should.Throw<ArgumentNullException>(() => Budgeted.Any(values, null!)).ParamName.ShouldBe("predicate");
        Should.Throw<ArgumentNullException>(() => Budgeted.All((int[])null!, v => true)).ParamName.ShouldBe("source");
        Should.Throw<ArgumentNullException>(() => Budgeted.Count((int[])null!, v => true)).ParamName.ShouldBe("source");
        Should.Throw<ArgumentNullException>(() => Budgeted.Where(values, (Func<int, bool>)null!)).ParamName.ShouldBe("predicate");
        Should.Throw<ArgumentNullException>(() => Budgeted.Select(values, (Func<int, int>)null!)).ParamName.ShouldBe("selector");
    }

    [Fact]
    public void Where_Lazy_CallsThePredicateOnlyWhenWalkedAndStopsWithTheConsumer()
    {
        var calls = 0;
        var filtered = Budgeted.Where(new BudgetedList<int>([1, 2, 3, 4]), v => { calls++; return v > 1; });
        calls.ShouldBe(0);

        Linq.First(filtered).ShouldBe(2);
        calls.ShouldBe(2);
    }

    [Fact]
    public void NativeOperators_InsideAnEvaluation_ChargeEachElement()
    {
        var list = new BudgetedList<int>(Linq.ToArray(Linq.Range(0, 100)));
        using var scope = EvaluationBudget.Begin(250);

        Budgeted.Count(list, v => v >= 0).ShouldBe(100);
        Linq.Count(Budgeted.Where(list, v => v >= 0)).ShouldBe(100);
        Should.Throw<EvaluationBudgetExceededException>(() => Budgeted.Sum(list, v => v));
    }
}
