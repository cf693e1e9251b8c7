namespace RseRules.Core.Tests.Support;

/// <summary>
/// Tests that make texts near the engine's limit (tens of megabytes): run apart from the others (xUnit runs a collection
/// that disables parallelization after the parallel ones), so that their garbage, collected in the middle of another
/// test, does not move what that test measures of the process's heap (the compilation guard's memory limit).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeAllocations
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Large allocations";
}
