using RseRules.Core.Model;
using RseRules.Core.Runtime;

namespace RseRules.Core.Tests.Runtime;

/// <summary>The helper library, against values computed by hand (or, for the IRR, by an independent bisection).</summary>
public class FnTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> SeriesHelpers => new() { "Discount", "Cumulative", "Mul" };

    /// <summary>A series helper given one of the engine's series allocates its result and nothing else: no closure made for
    /// the fallback that walks other sequences (C# makes a captured parameter's closure on entry to its method).</summary>
    [Theory]
    [MemberData(nameof(SeriesHelpers))]
    public void SeriesHelper_EngineSeries_AllocatesOnlyItsResult(string helper)
    {
        var series = new BudgetedList<double>([100, 110, 121, 133.1]);
        Func<IReadOnlyList<double>> call = helper switch
        {
            "Discount" => () => Fn.Discount(0.1, series),
            "Cumulative" => () => Fn.Cumulative(series),
            _ => () => Fn.Mul(series, 1.5),
        };
        Func<IReadOnlyList<double>> result = () => new BudgetedList<double>(new double[series.Count]);
        call();
        result();

        Allocated(call).ShouldBe(Allocated(result), helper);
    }

    private static long Allocated(Func<IReadOnlyList<double>> action)
    {
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(action());
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    [Fact]
    public void PV_SmallFlow_HandComputed()
    {
        // 100 + 110 / 1.1 + 121 / 1.21 = 100 + 100 + 100 = 300.
        Fn.PV(0.1, [100, 110, 121]).ShouldBe(300, Tolerance);
    }

    [Fact]
    public void PV_ZeroRate_PlainSum()
    {
        Fn.PV(0, [1, 2, 3]).ShouldBe(6, Tolerance);
        Fn.PV(0.1, []).ShouldBe(0);
    }

    [Fact]
    public void NPV_NetFlows_HandComputed()
    {
        // -100 + 55 / 1.1 + 60.5 / 1.21 = -100 + 50 + 50 = 0; -100 + 66 / 1.1 + 60.5 / 1.21 = -100 + 60 + 50 = 10.
        Fn.NPV(0.1, [-100, 55, 60.5]).ShouldBe(0, Tolerance);
        Fn.NPV(0.1, [-100, 66, 60.5]).ShouldBe(10, Tolerance);
    }

    [Fact]
    public void Discount_GrowingFlows_EachDiscountedByItsYear()
    {
        // [100 / 1, 110 / 1.1, 121 / 1.21, 133.1 / 1.331].
        var discounted = Fn.Discount(0.1, [100, 110, 121, 133.1]);

        discounted.Count.ShouldBe(4);
        discounted.ShouldAllBe(v => Math.Abs(v - 100) < Tolerance);
    }

    [Fact]
    public void IRR_OnePeriod_TenPercent()
    {
        // -100 + 110 / (1 + r) = 0 ⇔ r = 0.1.
        Fn.IRR([-100, 110]).ShouldNotBeNull().ShouldBe(0.10, Tolerance);
    }

    [Fact]
    public void IRR_ThreePeriods_MatchesIndependentBisection()
    {
        // python3: bisection of Σ f[t] / (1 + r)^t on [0, 1], 200 halvings: r = 0.08896339469335.
        Fn.IRR([-1000, 300, 400, 500]).ShouldNotBeNull().ShouldBe(0.08896339469335, Tolerance);
    }

    [Fact]
    public void IRR_NpvAtTheIrr_IsZero()
    {
        double[] flows = [-1000, 300, 400, 500];

        var irr = Fn.IRR(flows).ShouldNotBeNull();

        Fn.NPV(irr, flows).ShouldBe(0, 1e-6);
    }

    [Fact]
    public void IRR_NegativeRoot_Found()
    {
        // -100 + 50 / (1 + r) = 0 ⇔ r = -0.5, inside the default [-0.99, 10].
        Fn.IRR([-100, 50]).ShouldNotBeNull().ShouldBe(-0.5, Tolerance);
    }

    [Fact]
    public void IRR_TwoRoots_TheSmallest()
    {
        // -100 + 230 / y - 132 / y² = 0 with y = 1 + r ⇔ 100y² - 230y + 132 = 0 ⇔ y = (230 ± 10) / 200: r = 0.1 or 0.2.
        Fn.IRR([-100, 230, -132]).ShouldNotBeNull().ShouldBe(0.1, Tolerance);
        Fn.IRR([-100, 230, -132], 0.15, 1).ShouldNotBeNull().ShouldBe(0.2, Tolerance);
    }

    [Theory]
    [InlineData(new[] { 100.0, 50.0 })]
    [InlineData(new[] { -100.0, -50.0 })]
    [InlineData(new[] { -100.0, 0.5 })]
    public void IRR_NoRoot_Null(double[] flows)
    {
        // All of one sign never cross 0; -100 + 0.5 / (1 + r) = 0 needs r = -0.995 < -0.99.
        Fn.IRR(flows).ShouldBeNull();
    }

    [Fact]
    public void IRR_InvalidBounds_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Fn.IRR([-100, 110], -1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => Fn.IRR([-100, 110], 0.5, 0.5));
    }

    [Fact]
    public void Payback_FirstFlowNotNegative_Zero()
    {
        Fn.Payback([10, -5]).ShouldBe(0);
        Fn.Payback([0, 5]).ShouldBe(0);
    }

    [Fact]
    public void Payback_RecoveredDuringYearTwo_Interpolated()
    {
        // cum = -100, -50, +10: first k with cum[k] ≥ 0 is 2: (2 - 1) + 50 / 60 = 1.8333….
        Fn.Payback([-100, 50, 60]).ShouldNotBeNull().ShouldBe(1 + (50.0 / 60), Tolerance);
    }

    [Fact]
    public void Payback_RecoveredExactlyAtYearEnd_Whole()
    {
        // cum = -100, 0: k = 1: 0 + 100 / 100 = 1.
        Fn.Payback([-100, 100]).ShouldBe(1.0);
    }

    [Fact]
    public void Payback_NeverRecovered_Null()
    {
        // cum = -100, -50, -10.
        Fn.Payback([-100, 50, 40]).ShouldBeNull();
        Fn.Payback([]).ShouldBeNull();
    }

    [Fact]
    public void Cumulative_Flows_RunningSums()
    {
        Fn.Cumulative([1, 2, 3, -6]).ShouldBe([1.0, 3.0, 6.0, 0.0]);
        Fn.Cumulative([]).ShouldBeEmpty();
    }

    [Fact]
    public void Series_Function_ValuesAtZeroToNMinusOne()
    {
        Fn.Series(3, t => t * 2.0).ShouldBe([0.0, 2.0, 4.0]);
        Fn.Series(0, t => 1).ShouldBeEmpty();
        Fn.Series(100_000, t => 1).Count.ShouldBe(100_000);
    }

    [Theory]
    [InlineData(100_001)]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    public void Series_OutOfBounds_Throws(long n)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Fn.Series(n, t => 1));
    }

    [Fact]
    public void Seq_StartAndCount_ConsecutiveIntegers()
    {
        Fn.Seq(5, 3).ShouldBe([5, 6, 7]);
        Fn.Seq(-1, 2).ShouldBe([-1, 0]);
        Fn.Seq(0, 0).ShouldBeEmpty();
        Fn.Seq(0, 100_000).Count.ShouldBe(100_000);
    }

    [Theory]
    [InlineData(100_001)]
    [InlineData(-1)]
    public void Seq_CountOutOfBounds_Throws(long count)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Fn.Seq(0, count));
    }

    [Fact]
    public void Seq_BeyondInt32_Overflows()
    {
        Should.Throw<OverflowException>(() => Fn.Seq(int.MaxValue, 2));
    }

    [Fact]
    public void AddSubMul_TwoSeries_ElementWise()
    {
        Fn.Add([1, 2], [10, 20]).ShouldBe([11.0, 22.0]);
        Fn.Sub([1, 2], [10, 20]).ShouldBe([-9.0, -18.0]);
        Fn.Mul([1, 2], 3).ShouldBe([3.0, 6.0]);
        Should.Throw<ArgumentException>(() => Fn.Add([1], [1, 2]));
    }

    [Fact]
    public void SumProductMean_SmallLists_HandComputed()
    {
        Fn.Sum([1, 2, 3.5]).ShouldBe(6.5);
        Fn.Product([2, 3, 0.5]).ShouldBe(3);
        Fn.Mean([1, 2, 6]).ShouldBe(3);
        Fn.Sum([]).ShouldBe(0);
        Fn.Product([]).ShouldBe(1);
        Fn.Mean([]).ShouldBe(0);
    }

    [Fact]
    public void Clamp_InsideAndOutside_LimitedToBounds()
    {
        Fn.Clamp(-1, 0, 10).ShouldBe(0);
        Fn.Clamp(11, 0, 10).ShouldBe(10);
        Fn.Clamp(5, 0, 10).ShouldBe(5);
    }

    [Theory]
    [InlineData(2.5, 0, 3.0)]
    [InlineData(-2.5, 0, -3.0)]
    [InlineData(3.5, 0, 4.0)]
    [InlineData(0.125, 2, 0.13)]
    [InlineData(-0.125, 2, -0.13)]
    [InlineData(1.2345, 3, 1.235)]
    [InlineData(2.4999, 0, 2.0)]
    public void Round_Midpoints_HalfAwayFromZero(double x, int digits, double expected)
    {
        // Banker's rounding would give 2, -2, 4, 0.12, -0.12: these differ on purpose.
        Fn.Round(x, digits).ShouldBe(expected);
    }

    [Theory]
    [InlineData(95, "A")]
    [InlineData(80, "A")]
    [InlineData(79.99, "B")]
    [InlineData(60, "B")]
    [InlineData(10, "C")]
    public void Grade_Score_FirstThresholdReached(double score, string expected)
    {
        Fn.Grade(score, [80, 60], ["A", "B", "C"]).ShouldBe(expected);
    }

    [Fact]
    public void Grade_GradesNotOneMoreThanThresholds_Throws()
    {
        Should.Throw<ArgumentException>(() => Fn.Grade(1, [80, 60], ["A", "B"]));
    }

    [Fact]
    public void L_FrenchAndEnglish_BothKept()
    {
        Fn.L("oui", "yes").ShouldBe(new LocalizedText("oui", "yes"));
        Fn.L("oui", "yes").In("en").ShouldBe("yes");
        Fn.L("oui", "yes").In("de").ShouldBe("oui");
    }

    [Fact]
    public void Map_Items_OrderedByItems()
    {
        var map = Fn.Map(new[] { "b", "a", "c" }, s => s, s => s.Length);

        map.Keys.ShouldBe(["b", "a", "c"]);
        map["a"].ShouldBe(1);
        Should.Throw<ArgumentException>(() => Fn.Map(new[] { "a", "a" }, s => s, s => 1));
    }
}
