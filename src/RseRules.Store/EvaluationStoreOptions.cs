namespace RseRules.Store;

/// <summary>How a store is opened.</summary>
public sealed record EvaluationStoreOptions
{
    /// <summary>The defaults: the system clock.</summary>
    public static EvaluationStoreOptions Default { get; } = new();

    /// <summary>The clock that dates saves and archives (tests inject their own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
