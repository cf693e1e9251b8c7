using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>
/// <see cref="EvaluationRecord.Text"/> writes the record's canonical text without building its tree: it must be the very
/// text of the tree (<c>CanonicalJson.Write(Build(…))</c>), hash included, for every method and document shipped —
/// overlays (extends, deviations), maps, series, records, findings with and without an item, nulls.
/// </summary>
public sealed class RecordTextTests
{
    public static TheoryData<string, string> Documents()
    {
        var data = new TheoryData<string, string>();
        void Add(string method, string folder)
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(method, Path.GetRelativePath(Repo.Root, file));
            }
        }

        Add("methods/rse-value/1.0.0", Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0", "examples"));
        Add("methods/rse-value/1.1.0", Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0", "examples"));
        Add("methods/valmont-rse/1.0.0", Path.Combine(Repo.Root, "methods", "valmont-rse", "1.0.0", "examples"));
        Add("tests/methods/loan-vs-lease/1.0.0", Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples"));
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "tests", "reference", "cases"), "*.input.json").Order(StringComparer.Ordinal))
        {
            data.Add("methods/rse-value/1.0.0", Path.GetRelativePath(Repo.Root, file));
        }

        data.Add(Path.GetRelativePath(Repo.Root, Path.GetDirectoryName(AllTypesFixture.MethodPath)!), Path.GetRelativePath(Repo.Root, AllTypesFixture.InputsPath));
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Text_EveryShippedDocument_IsTheCanonicalTextOfTheRecordTree(string method, string document)
    {
        using var compiled = Engine.LoadAndCompile(Path.Combine(Repo.Root, method)).Method.ShouldNotBeNull();
        var result = Engine.Evaluate(compiled, Path.Combine(Repo.Root, document)).Result.ShouldNotBeNull();

        var text = EvaluationRecord.Text(result);

        text.ShouldBe(CanonicalJson.Write(EvaluationRecord.Build(result)));
    }
}
