using System.Diagnostics;
using RseRules.Core.Runtime;

namespace RseRules.Core.Tests.Runtime;

public class EvaluationBudgetTests
{
    [Fact]
    public void Spend_PastTheSteps_ThrowsNotOutOfTime()
    {
        using var scope = EvaluationBudget.Begin(10);
        EvaluationBudget.Spend(10);

        Should.Throw<EvaluationBudgetExceededException>(() => EvaluationBudget.Spend(1)).OutOfTime.ShouldBeFalse();
    }

    [Fact]
    public void Spend_PastTheTimeLimit_ThrowsOutOfTimeWithinAFewThousandSteps()
    {
        // Steps without limit, 100 ms of time: steps spent one by one, slowly, must be stopped by the clock, which is
        // read every 4,096 steps, soon after the 100 ms (and long before the 20 s this loop could run).
        using var scope = EvaluationBudget.Begin(long.MaxValue, TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        var ex = Should.Throw<EvaluationBudgetExceededException>(() =>
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.SpinWait(1000);
                EvaluationBudget.Spend(1);
            }
        });

        ex.OutOfTime.ShouldBeTrue();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Floor_AfterAReservation_CountsItAsSpent()
    {
        using var scope = EvaluationBudget.Begin(100);
        var meter = EvaluationBudget.Current;
        meter.ResetFloor();
        meter.Spend(10);
        meter.Floor.ShouldBe(90);
        meter.Reserve(60);          // 90 left, 60 reserved: the lowest would have been 30
        meter.Spend(5);
        meter.Floor.ShouldBe(30);
        meter.Spend(70);            // spent past the reservation: 15 left
        meter.Floor.ShouldBe(15);
        meter.ResetFloor();
        meter.Floor.ShouldBe(15);
    }

    [Theory]
    [InlineData(40, 30, 70)]   // needs 40 of the 100 left: charged 30
    [InlineData(100, 100, 0)]  // needs exactly what is left
    public void SpendReused_NeedWithinWhatIsLeft_ChargesItsSteps(long need, long steps, long left)
    {
        using var scope = EvaluationBudget.Begin(100);
        EvaluationBudget.Current.SpendReused(need, steps);

        EvaluationBudget.Remaining.ShouldBe(left);
    }

    [Fact]
    public void SpendReused_NeedAboveWhatIsLeft_ThrowsAsComputingItWould()
    {
        // Computing it spent 30 steps but reserved 50 at some point: with 40 left, computing it fails; so does reusing it.
        using var scope = EvaluationBudget.Begin(100);
        EvaluationBudget.Spend(60);

        Should.Throw<EvaluationBudgetExceededException>(() => EvaluationBudget.Current.SpendReused(50, 30)).OutOfTime.ShouldBeFalse();
    }

    [Fact]
    public void Spend_OutsideAnEvaluation_NeverThrows()
    {
        EvaluationBudget.Spend(long.MaxValue);
        EvaluationBudget.Spend(long.MaxValue);
    }

    [Fact]
    public void BudgetedList_Enumerated_ChargesOneStepPerElement()
    {
        var list = new BudgetedList<int>([1, 2, 3, 4, 5]);
        using var scope = EvaluationBudget.Begin(12);

        list.Sum().ShouldBe(15); // 5 elements + 1 for starting: 6 steps
        list.Sum().ShouldBe(15); // 12
        Should.Throw<EvaluationBudgetExceededException>(() => list.Sum());
    }

    [Fact]
    public void Each_ArrayWalkedAgainAndAgain_ChargesEveryWalk()
    {
        // The hole this closes: an array a formula built once, walked many times.
        var array = Enumerable.Range(0, 1000).ToArray();
        using var scope = EvaluationBudget.Begin(100_000);

        Should.Throw<EvaluationBudgetExceededException>(() =>
            Budget.Each(array).SelectMany(_ => Budget.Each(array)).Count(i => i >= 0));
    }
}
