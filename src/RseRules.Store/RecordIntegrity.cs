namespace RseRules.Store;

/// <summary>The result of verifying a record read from the store: data, never an exception.</summary>
/// <param name="Status">Verified or tampered.</param>
/// <param name="Reason">What differs (every difference found, separated by "; "), or null when verified.</param>
public sealed record RecordIntegrity(IntegrityStatus Status, string? Reason)
{
    /// <summary>A verified record.</summary>
    public static RecordIntegrity Verified { get; } = new(IntegrityStatus.Verified, null);

    /// <summary>Whether the record verified.</summary>
    public bool IsVerified => Status == IntegrityStatus.Verified;

    /// <summary>A tampered record and what differs.</summary>
    public static RecordIntegrity Tampered(string reason) => new(IntegrityStatus.Tampered, reason);
}
