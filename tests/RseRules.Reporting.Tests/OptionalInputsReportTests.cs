using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

/// <summary>
/// A template must not assume what a document may leave out: every shipped method's example, stripped of every optional
/// input and field that has no default (at any depth), renders in both languages and both text formats with the
/// method's own template set — the white paper once failed on a risk without a mitigation plan and an organization
/// without a sector ("Cannot get member with name sector").
/// </summary>
public sealed class OptionalInputsReportTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var method in new[] { "methods/rse-value/1.0.0", "methods/rse-value/1.1.0", "methods/rse-value/1.2.0", "methods/valmont-rse/1.0.0", "tests/methods/loan-vs-lease/1.0.0", "tests/methods/vendor-scoring/1.0.0" })
        {
            foreach (var language in new[] { "fr", "en" })
            {
                foreach (var format in new[] { "html", "md" })
                {
                    data.Add(method, language, format);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_ExampleWithoutItsOptionalInputs_Renders(string methodFolder, string language, string format)
    {
        var dir = Path.Combine(example.Root, methodFolder);
        var compiled = Engine.LoadAndCompile(dir);
        using var method = compiled.Method.ShouldNotBeNull(string.Join("\n", compiled.Diagnostics));
        var examplePath = Directory.GetFiles(Path.Combine(dir, "examples"), "*.json").Order(StringComparer.Ordinal).First(f => !f.Contains("uncertain", StringComparison.Ordinal));
        var document = JObject.Parse(File.ReadAllText(examplePath));
        var removed = Strip(method.Method.Inputs, document);
        if (methodFolder.StartsWith("methods/", StringComparison.Ordinal))
        {
            removed.ShouldBeGreaterThan(5, "the norm's example has optional members to leave out (sector, mitigation plans, other costs…)");
        }
        var file = Path.Combine(Path.GetTempPath(), $"rse-optional-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, document.ToString());
        try
        {
            var (result, diagnostics) = Engine.Evaluate(method, file);
            result.ShouldNotBeNull(string.Join("\n", diagnostics));
            var templates = Path.Combine(example.Root, "templates", method.Method.Report?.Template ?? "default");

            var rendered = ReportRenderer.Render(method.Method, EvaluationRecord.Build(result), templates,
                ReportOptions.Default with { Language = language, Format = format == "md" ? ReportFormat.Markdown : ReportFormat.Html, Date = "2026-12-06" });

            rendered.Diagnostics.ShouldBeEmpty(string.Join("\n", rendered.Diagnostics));
            rendered.Text.ShouldNotBeNullOrWhiteSpace();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Removes every optional member without a default, at any depth; returns how many.</summary>
    private static int Strip(IReadOnlyList<Declaration> declarations, JObject value)
    {
        var removed = 0;
        foreach (var d in declarations)
        {
            if (value[d.Id] is not { } member)
            {
                continue;
            }

            if (!d.Required && d.Default is null)
            {
                value.Remove(d.Id);
                removed++;
                continue;
            }

            if (d.Type.Kind == TypeKind.Record && member is JObject record)
            {
                removed += Strip(d.Type.Fields, record);
            }
            else if (d.Type.Kind == TypeKind.Collection && member is JArray items)
            {
                removed += items.OfType<JObject>().Sum(item => Strip(d.Type.Fields, item));
            }
        }

        return removed;
    }
}
