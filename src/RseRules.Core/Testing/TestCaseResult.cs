namespace RseRules.Core.Testing;

/// <summary>The outcome of one test case.</summary>
/// <param name="Name">The test file's name without extension.</param>
/// <param name="Description">What the case covers.</param>
/// <param name="Failures">Why it failed; empty when it passed.</param>
public sealed record TestCaseResult(string Name, string? Description, IReadOnlyList<string> Failures)
{
    /// <summary>Whether every expectation held.</summary>
    public bool Passed => Failures.Count == 0;
}
