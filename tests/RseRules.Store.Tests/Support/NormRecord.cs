using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;

namespace RseRules.Store.Tests.Support;

/// <summary>Real evaluation records: the norm (rse-value@1.0.0) evaluated on its shipped example, once per test run.</summary>
public static class NormRecord
{
    private static readonly Lazy<JObject> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A new copy of the example's evaluation record.</summary>
    public static JObject Record() => (JObject)Built.Value.DeepClone();

    /// <summary>A record changed by <paramref name="change"/> and hashed again, so that it verifies (for limits).</summary>
    public static JObject Rehashed(Action<JObject> change)
    {
        var record = Record();
        change(record);
        record[EvaluationRecord.HashProperty] = EvaluationRecord.Hash(record);
        return record;
    }

    private static JObject Build()
    {
        var method = Path.Combine(Root, "methods", "rse-value", "1.0.0");
        var compiled = Engine.LoadAndCompile(method);
        compiled.Diagnostics.ShouldBeEmpty(string.Join("\n", compiled.Diagnostics));
        var (result, diagnostics) = Engine.Evaluate(compiled.Method!, Path.Combine(method, "examples", "example.json"));
        diagnostics.ShouldBeEmpty(string.Join("\n", diagnostics));
        return EvaluationRecord.Build(result!);
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
