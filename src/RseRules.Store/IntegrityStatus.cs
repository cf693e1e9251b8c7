namespace RseRules.Store;

/// <summary>Whether a record read from the store is the one that was saved.</summary>
public enum IntegrityStatus
{
    /// <summary>The record's hash, recomputed, equals the stored hash and the record's own <c>recordSha256</c>; its text is
    /// canonical JSON and its method is the one of the row.</summary>
    Verified,

    /// <summary>Something differs: the record was changed outside the store (or the database is corrupt). The reason says what.</summary>
    Tampered,
}
