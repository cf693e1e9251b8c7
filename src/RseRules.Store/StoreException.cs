namespace RseRules.Store;

/// <summary>
/// A store error the caller can act on. Thrown as such when a store cannot be opened (a <c>--store</c> value that is
/// neither a path nor a PostgreSQL connection string, a file that is not a SQLite database, a server that cannot be
/// reached); the derived types say more.
/// </summary>
public class StoreException : Exception
{
    /// <summary>A store error.</summary>
    public StoreException()
    {
    }

    /// <summary>A store error with its message.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>A store error with its message and cause.</summary>
    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
