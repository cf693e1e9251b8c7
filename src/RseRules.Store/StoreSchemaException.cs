namespace RseRules.Store;

/// <summary>
/// The database's schema is not one this code knows: it was migrated by a newer version (a migration this code does
/// not have), or a migration it records differs from this code's. Nothing is changed; run the newer version, or
/// restore a backup made before the upgrade.
/// </summary>
public sealed class StoreSchemaException : StoreException
{
    /// <summary>A schema error.</summary>
    public StoreSchemaException()
    {
    }

    /// <summary>A schema error with its message.</summary>
    public StoreSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>A schema error with its message and cause.</summary>
    public StoreSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A schema error: the database's latest migration and this code's.</summary>
    public StoreSchemaException(string message, int databaseVersion, int codeVersion)
        : base(message)
    {
        DatabaseVersion = databaseVersion;
        CodeVersion = codeVersion;
    }

    /// <summary>The highest migration the database records.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The highest migration this code has.</summary>
    public int CodeVersion { get; }
}
