namespace RseRules.Cli.Tests.TestSupport;

/// <summary>Paths of the repository and of the test data, found from the test assembly's folder.</summary>
internal static class Repo
{
    /// <summary>The folder holding RseRules.sln, found by walking up from the output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The loan-vs-lease test method (tests/methods/loan-vs-lease/1.0.0).</summary>
    public static string LoanMethodDir => Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0");

    /// <summary>The folder of id@version lookups for the test methods.</summary>
    public static string TestMethodsDir => Path.Combine(Root, "tests", "methods");

    /// <summary>The loan method's example input document.</summary>
    public static string LoanExample => Path.Combine(LoanMethodDir, "examples", "delivery-van.json");

    /// <summary>TestData as copied to the output folder.</summary>
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>TestData in the source tree (where golden files are rewritten).</summary>
    public static string SourceTestData => Path.Combine(Root, "tests", "RseRules.Cli.Tests", "TestData");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RseRules.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No RseRules.sln above {AppContext.BaseDirectory}.");
    }
}
