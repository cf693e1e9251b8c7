namespace RseRules.Web.Tests.Support;

/// <summary>
/// A methods folder for the workbench's tests: the repository's published methods, the loan-vs-lease test method and
/// the all-types test method (every type kind), each with its example documents. Built once per test run.
/// </summary>
public static class TestMethods
{
    private static readonly Lazy<string> Folder = new(Build);

    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The methods folder.</summary>
    public static string Dir => Folder.Value;

    /// <summary>An example document of a method of the folder.</summary>
    public static string Example(string id, string name) => Path.Combine(Dir, id, "1.0.0", "examples", name + ".json");

    private static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rse-web-tests-methods-" + Guid.NewGuid().ToString("N"));
        Copy(Path.Combine(Root, "methods"), dir);
        Copy(Path.Combine(Root, "tests", "methods", "loan-vs-lease"), Path.Combine(dir, "loan-vs-lease"));
        var allTypes = Path.Combine(dir, "all-types-test", "1.0.0");
        Directory.CreateDirectory(Path.Combine(allTypes, "examples"));
        File.Copy(Path.Combine(Root, "tests", "RseRules.Core.Tests", "TestData", "all-types", "method.json"), Path.Combine(allTypes, "method.json"));
        File.Copy(Path.Combine(Root, "tests", "RseRules.Core.Tests", "TestData", "all-types", "inputs.json"), Path.Combine(allTypes, "examples", "inputs.json"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return dir;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var sub in Directory.GetDirectories(from))
        {
            Copy(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }

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
