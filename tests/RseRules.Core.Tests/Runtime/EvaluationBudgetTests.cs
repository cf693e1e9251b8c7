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
