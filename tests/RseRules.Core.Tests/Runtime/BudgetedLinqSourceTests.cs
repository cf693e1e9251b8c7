using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Runtime;

public class BudgetedLinqSourceTests
{
    [Fact]
    public void Generate_CurrentRuntimeLinq_MatchesTheCheckedInForwarders()
    {
        // The forwarders must mirror the LINQ of the runtime the engine is built with, overload for overload: a missing
        // one would make a formula bind differently (or not at all), an extra one would not compile. Regenerate with
        // UPDATE_GOLDEN=1 after a runtime update and review the diff.
        var path = Path.Combine(Repo.Root, BudgetedLinqSource.RelativePath);
        var generated = BudgetedLinqSource.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, generated);
        }

        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(generated, "Run UPDATE_GOLDEN=1 dotnet test tests/RseRules.Core.Tests --filter BudgetedLinqSourceTests and review the diff.");
    }

    [Fact]
    public void NativeOperators_EachOne_ReplacesExactlyOneSystemLinqOverload()
    {
        // A hand-written operator whose shape matched no System.Linq overload would add an overload LINQ does not have.
        var linq = typeof(System.Linq.Enumerable).GetMethods().Select(BudgetedLinqSource.Shape).ToHashSet(StringComparer.Ordinal);
        var native = typeof(RseRules.Core.Runtime.Linq.Enumerable).GetMethods()
            .Where(m => m.IsDefined(typeof(RseRules.Core.Runtime.Linq.NativeAttribute), false)).ToArray();

        native.ShouldNotBeEmpty();
        foreach (var m in native)
        {
            linq.ShouldContain(BudgetedLinqSource.Shape(m), "Native operator without a System.Linq twin: " + m);
        }
    }
}
