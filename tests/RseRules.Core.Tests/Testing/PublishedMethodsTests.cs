using RseRules.Core.Testing;

namespace RseRules.Core.Tests.Testing;

/// <summary>
/// Every method shipped in the repository (methods/ and tests/methods/) validates and compiles, and each of its test
/// cases passes: the method files' own test cases become xunit test cases, so `dotnet test` runs them all.
/// </summary>
public sealed class PublishedMethodsTests
{
    private static string Root => Support.Repo.Root;

    public static TheoryData<string> Methods() => [.. MethodFiles()];

    public static TheoryData<string, string> TestCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in MethodFiles())
        {
            var tests = Path.Combine(Root, Path.GetDirectoryName(method)!, "tests");
            foreach (var file in Directory.Exists(tests) ? Directory.GetFiles(tests, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
            {
                data.Add(method, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void LoadAndCompile_ShippedMethod_HasNoError(string method)
    {
        var result = Engine.LoadAndCompile(Path.Combine(Root, method));
        using (result.Method)
        {
            result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
            result.Success.ShouldBeTrue();
        }
    }

    [Theory]
    [MemberData(nameof(TestCases))]
    public void Run_ShippedTestCase_Passes(string method, string testCase)
    {
        var compiled = Cache.Get(Path.Combine(Root, method));
        var result = MethodTestRunner.Run(compiled, Path.Combine(Path.GetDirectoryName(compiled.Method.Source.Path)!, "tests", testCase));
        result.Failures.ShouldBeEmpty(string.Join("\n", result.Failures));
    }

    [Fact]
    public void MethodFiles_Repository_IncludesTheNormAndAnUnrelatedMethod()
    {
        MethodFiles().ShouldContain(Path.Combine("methods", "rse-value", "1.0.0", "method.json"));
        MethodFiles().Count(m => m.StartsWith("tests", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
    }

    private static List<string> MethodFiles() =>
        new[] { "methods", "tests/methods" }
            .Select(d => Path.Combine(Root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "method.json", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Root, p))
            .Order(StringComparer.Ordinal)
            .ToList();


    /// <summary>Compiles each method once for all its test cases (compilation is the slow part).</summary>
    private static class Cache
    {
        private static readonly Dictionary<string, global::RseRules.Core.Compilation.CompiledMethod> Methods = [];
        private static readonly Lock Gate = new();

        public static global::RseRules.Core.Compilation.CompiledMethod Get(string path)
        {
            lock (Gate)
            {
                if (!Methods.TryGetValue(path, out var method))
                {
                    var result = Engine.LoadAndCompile(path);
                    result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
                    Methods[path] = method = result.Method!;
                }

                return method;
            }
        }
    }
}
