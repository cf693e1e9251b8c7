namespace RseRules.Store;

/// <summary>The bounds the store enforces; going past one is an <see cref="InvalidEvaluationException"/> (or, for a
/// query, an <see cref="ArgumentOutOfRangeException"/>).</summary>
public static class StoreLimits
{
    /// <summary>Characters of a project, scenario name or author, after trimming (UTF-16 code units).</summary>
    public const int MaxTextLength = 200;

    /// <summary>Bytes of a record's canonical JSON in UTF-8 (16 MiB, as the engine's largest file).</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>Evaluations one list returns at most.</summary>
    public const int MaxListLimit = 10_000;

    /// <summary>Characters of a key.</summary>
    public const int KeyLength = 16;
}
