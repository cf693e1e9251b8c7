namespace RseRules.Core.Tests.Support;

/// <summary>The repository the tests run from.</summary>
internal static class Repo
{
    /// <summary>The folder holding RseRules.sln, found by walking up from the test assembly's folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RseRules.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RseRules.sln not found above " + AppContext.BaseDirectory);
    }
}
