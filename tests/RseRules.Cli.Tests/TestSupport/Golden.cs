using System.Text;

namespace RseRules.Cli.Tests.TestSupport;

/// <summary>
/// Golden files: the exact text a command is expected to print, committed as TestData/golden/&lt;name&gt;. A test
/// compares its output with the file after normalizing line endings to \n and, on Windows, path separators to '/'.
/// <para>
/// To accept a deliberate change of the output, run the tests with the environment variable UPDATE_GOLDEN=1
/// (<c>UPDATE_GOLDEN=1 dotnet test tests/RseRules.Cli.Tests</c>): each golden test then rewrites its file in the
/// source tree instead of comparing, and passes. Review the diff of TestData/golden before committing it.
/// </para>
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "UPDATE_GOLDEN";

    public static void Verify(string name, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        actual = Normalize(actual);
        var path = Path.Combine(Repo.SourceTestData, "golden", name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        File.Exists(path).ShouldBeTrue($"Golden file {path} is missing; run the tests with {UpdateVariable}=1 to create it.");
        var expected = Normalize(File.ReadAllText(path, Encoding.UTF8));
        actual.ShouldBe(expected, $"Output differs from {path} (run with {UpdateVariable}=1 to accept the new output).");
    }

    private static string Normalize(string text)
    {
        text = text.ReplaceLineEndings("\n");
        return Path.DirectorySeparatorChar == '\\' ? text.Replace('\\', '/') : text;
    }
}
