namespace RseRules.Store;

/// <summary>Which evaluations a list shows.</summary>
public enum ArchiveFilter
{
    /// <summary>Those not archived (the default).</summary>
    Active,

    /// <summary>Archived ones only.</summary>
    Archived,

    /// <summary>Both.</summary>
    All,
}
