using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// The adversarial corpus (tests/adversarial): every hostile method file is rejected at validation, with its expected
/// code located at the formula, and without any side effect.
/// </summary>
public sealed class AdversarialCorpusTests
{
    private const string SentinelFile = "/tmp/rse-adversarial-sentinel";
    private const string SentinelVariable = "RSE_ADVERSARIAL_SENTINEL";

    private static string Corpus => Path.Combine(Repo.Root, "tests", "adversarial");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var expected = (JObject)JObject.Parse(File.ReadAllText(Path.Combine(Corpus, "expected.json")))["expected"]!;
        foreach (var p in expected.Properties())
        {
            data.Add(p.Name, p.Value.Value<string>()!);
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastFortyMethodFiles()
    {
        Cases().Count.ShouldBeGreaterThanOrEqualTo(40);
        Directory.GetFiles(Corpus, "*.json").Length.ShouldBe(Cases().Count + 1); // + expected.json: every file is listed
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_HostileMethod_IsRejectedAtTheFormulaWithoutSideEffect(string file, string code)
    {
        File.Delete(SentinelFile);
        Environment.SetEnvironmentVariable(SentinelVariable, null);
        var path = Path.Combine(Corpus, file);

        var result = Engine.LoadAndCompile(path);

        result.Success.ShouldBeFalse();
        using (result.Method)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            errors.ShouldContain(d => d.CodeText == code, string.Join("\n", errors));
            var located = errors.First(d => d.CodeText == code);
            located.File.ShouldBe(path);
            located.Pointer.ShouldBe("/indicators/0/formula");
            located.Line.ShouldBeGreaterThan(0);
        }

        File.Exists(SentinelFile).ShouldBeFalse();
        Environment.GetEnvironmentVariable(SentinelVariable).ShouldBeNull();
    }
}
