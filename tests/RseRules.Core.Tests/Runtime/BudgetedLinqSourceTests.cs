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
}
