namespace RseRules.Cli.Tests.TestSupport;

/// <summary>
/// Tests that change <see cref="Environment.CurrentDirectory"/> (process-wide) belong to this collection: its tests
/// run one at a time, after every parallel collection, so that no other test sees the change.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentDirectoryDependent
{
    public const string Name = "cwd";
}

/// <summary>Sets the current directory and restores the previous one on dispose. Only in <see cref="CurrentDirectoryDependent"/>.</summary>
internal sealed class CurrentDirectory : IDisposable
{
    private readonly string previous = Environment.CurrentDirectory;

    public CurrentDirectory(string path) => Environment.CurrentDirectory = path;

    public void Dispose() => Environment.CurrentDirectory = previous;
}

/// <summary>Sets an environment variable (null: removes it) and restores it on dispose. Only in <see cref="CurrentDirectoryDependent"/>.</summary>
internal sealed class EnvironmentVariable : IDisposable
{
    private readonly string name;
    private readonly string? previous;

    public EnvironmentVariable(string name, string? value)
    {
        this.name = name;
        previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
}
