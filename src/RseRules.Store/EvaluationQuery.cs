namespace RseRules.Store;

/// <summary>What <see cref="IEvaluationStore.ListAsync"/> lists: one page of evaluations, of one project or all.</summary>
/// <param name="Project">The project (trimmed, then exact and case-sensitive), or null for every project.</param>
public sealed record EvaluationQuery(string? Project = null)
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>Every non-archived evaluation of every project, first page.</summary>
    public static EvaluationQuery Default { get; } = new();

    /// <summary>Archived or not (default: not archived).</summary>
    public ArchiveFilter Archived { get; init; } = ArchiveFilter.Active;

    /// <summary>How many to skip in the list's order (at least 0).</summary>
    public int Offset { get; init; }

    /// <summary>How many at most (1 to <see cref="StoreLimits.MaxListLimit"/>).</summary>
    public int Limit { get; init; } = DefaultLimit;
}
