using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;

namespace RseRules.Reporting.Tests.Support;

/// <summary>The norm evaluated once on its shipped example, shared by the report tests (compilation is the slow part).</summary>
public sealed class ExampleEvaluation
{
    public ExampleEvaluation()
    {
        Root = FindRoot();
        var compiled = Engine.LoadAndCompile(Path.Combine(Root, "methods", "rse-value", "1.0.0"));
        compiled.Diagnostics.ShouldBeEmpty(string.Join("\n", compiled.Diagnostics));
        var (result, diagnostics) = Engine.Evaluate(compiled.Method!, Path.Combine(Root, "methods", "rse-value", "1.0.0", "examples", "example.json"));
        diagnostics.ShouldBeEmpty(string.Join("\n", diagnostics));
        Compiled = compiled.Method!;
        Method = compiled.Method!.Method;
        Record = EvaluationRecord.Build(result!);
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>rse-value@1.0.0, compiled.</summary>
    public RseRules.Core.Compilation.CompiledMethod Compiled { get; }

    /// <summary>rse-value@1.0.0.</summary>
    public MethodDefinition Method { get; }

    /// <summary>The evaluation record of the example.</summary>
    public JObject Record { get; }

    /// <summary>The shipped template set.</summary>
    public string Templates => Path.Combine(Root, "templates", "white-paper");

    /// <summary>Renders with the shipped templates on a fixed date.</summary>
    public string Render(string language, ReportFormat format)
    {
        var result = ReportRenderer.Render(Method, Record, Templates, ReportOptions.Default with { Language = language, Format = format, Date = "2026-11-27" });
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Text.ShouldNotBeNull();
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
