namespace RseRules.Store;

/// <summary>
/// The project already has a non-archived evaluation of that name (an HTTP 409). Nothing was saved. Archive the
/// existing one, or choose another name.
/// </summary>
public sealed class StoreConflictException : StoreException
{
    /// <summary>A conflict.</summary>
    public StoreConflictException()
    {
    }

    /// <summary>A conflict with its message.</summary>
    public StoreConflictException(string message)
        : base(message)
    {
    }

    /// <summary>A conflict with its message and cause.</summary>
    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A conflict on <paramref name="name"/> in <paramref name="project"/> with the evaluation <paramref name="existingKey"/>.</summary>
    public StoreConflictException(string project, string name, string existingKey)
        : base($"Project '{project}' already has an evaluation named '{name}' ({existingKey}): archive it or choose another name.")
    {
        Project = project;
        Name = name;
        ExistingKey = existingKey;
    }

    /// <summary>The project.</summary>
    public string Project { get; } = string.Empty;

    /// <summary>The name asked for.</summary>
    public string Name { get; } = string.Empty;

    /// <summary>The key of the evaluation that has that name.</summary>
    public string ExistingKey { get; } = string.Empty;
}
