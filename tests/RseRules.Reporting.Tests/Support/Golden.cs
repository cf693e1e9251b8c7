namespace RseRules.Reporting.Tests.Support;

/// <summary>
/// Golden files: the expected text is committed under tests/RseRules.Reporting.Tests/TestData/golden. Run the tests
/// with UPDATE_GOLDEN=1 to rewrite them from the current output, then review the diff before committing.
/// </summary>
internal static class Golden
{
    public static void Check(string root, string name, string actual)
    {
        var path = Path.Combine(root, "tests", "RseRules.Reporting.Tests", "TestData", "golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).ShouldBeTrue($"Golden file {path} is missing: run the tests with UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            throw new ShouldAssertException($"{name} differs from the golden file at line {line + 1}:\n expected: {(line < e.Length ? e[line] : "<end>")}\n   actual: {(line < a.Length ? a[line] : "<end>")}\n(UPDATE_GOLDEN=1 rewrites it.)");
        }
    }
}
