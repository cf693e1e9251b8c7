using RseRules.Core.Loading;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// Every shipped method (methods/ and tests/methods/) compiled with its queries lowered into loops and as written: on every
/// valid input document shipped with it (its test cases' inputs and its examples), the same values to the last bit, the
/// same steps charged after each indicator and rule, the same failures.
/// </summary>
public class ShippedMethodsLoweringTests
{
    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var root in new[] { "methods", Path.Combine("tests", "methods") })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, root), "method.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(Repo.Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Evaluate_ShippedDocuments_LoweredSameAsWritten(string methodPath)
    {
        var loaded = MethodLoader.Load(Path.Combine(Repo.Root, methodPath));
        var method = loaded.Value.ShouldNotBeNull(string.Join("\n", loaded.Diagnostics));
        var (lowered, linq) = LoweringHarness.CompileBoth(method);
        using (lowered)
        using (linq)
        {
            var folder = Path.GetDirectoryName(Path.Combine(Repo.Root, methodPath))!;
            var documents = new[] { "examples", Path.Combine("tests", "inputs") }
                .Select(d => Path.Combine(folder, d))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*.json"))
                .Order(StringComparer.Ordinal)
                .ToList();
            var evaluated = 0;
            foreach (var path in documents)
            {
                if (InputValidator.Load(method, path).Value is not { } inputs)
                {
                    continue; // a document the method rejects (the invalid-* test cases)
                }

                LoweringHarness.Run(lowered, inputs).ShouldBe(LoweringHarness.Run(linq, inputs), path);
                evaluated++;
            }

            evaluated.ShouldBeGreaterThan(0, "no valid document next to " + methodPath);
        }
    }
}
