using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Tests.Support;

/// <summary>The repository's methods and documents, loaded once.</summary>
internal static class Fixtures
{
    private static readonly Dictionary<string, MethodDefinition> Methods = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, string> Records = new(StringComparer.Ordinal);

    /// <summary>The folder holding RseRules.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string NormDir => Path.Combine(Root, "methods", "rse-value", "1.0.0");

    public static string Norm11Dir => Path.Combine(Root, "methods", "rse-value", "1.1.0");

    public static string LoanDir => Path.Combine(Root, "tests", "methods", "loan-vs-lease", "1.0.0");

    public static string AllTypesDir => Path.Combine(Root, "tests", "RseRules.Core.Tests", "TestData", "all-types");

    public static MethodDefinition Norm => Method(NormDir);

    public static MethodDefinition Loan => Method(LoanDir);

    public static MethodDefinition AllTypes => Method(AllTypesDir);

    public static MethodDefinition Method(string dir)
    {
        lock (Methods)
        {
            if (!Methods.TryGetValue(dir, out var method))
            {
                var loaded = MethodLoader.Load(Path.Combine(dir, "method.json"));
                loaded.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
                method = loaded.Value.ShouldNotBeNull();
                Methods[dir] = method;
            }

            return method;
        }
    }

    /// <summary>A JSON document, strictly parsed.</summary>
    public static JObject Document(string path)
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Load(path, diagnostics);
        diagnostics.ShouldBeEmpty();
        return (JObject)source.ShouldNotBeNull().Root;
    }

    /// <summary>A template of the method's inputs, prefilled or not, as bytes (no diagnostic expected).</summary>
    public static byte[] Template(MethodDefinition method, JObject? prefill, string language = "fr")
    {
        using var stream = new MemoryStream();
        var diagnostics = InputWorkbook.WriteTemplate(method, prefill, language, stream);
        diagnostics.ShouldBeEmpty();
        return stream.ToArray();
    }

    public static WorkbookReadResult Read(MethodDefinition method, byte[] workbook, string name = "inputs.xlsx", WorkbookLimits? limits = null)
    {
        using var stream = new MemoryStream(workbook);
        return InputWorkbook.Read(method, stream, name, limits: limits);
    }

    /// <summary>
    /// The evaluation record of a document, evaluated by the engine (as <c>rse evaluate --format json</c> writes it), as its
    /// JSON text: tests read expected values from this text with System.Text.Json, not from the library's own model.
    /// </summary>
    public static string RecordText(string methodDir, string document)
    {
        var key = methodDir + "|" + document;
        lock (Records)
        {
            if (!Records.TryGetValue(key, out var text))
            {
                var compiled = Engine.LoadAndCompile(methodDir);
                compiled.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
                using var method = compiled.Method.ShouldNotBeNull();
                var (result, diagnostics) = Engine.Evaluate(method, Path.Combine(methodDir, document));
                diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
                text = EvaluationRecord.ToText(result.ShouldNotBeNull());
                Records[key] = text;
            }

            return text;
        }
    }

    /// <summary>The record workbook of a record text (no diagnostic expected).</summary>
    public static byte[] RecordWorkbook(MethodDefinition method, string recordText, string language = "fr")
    {
        using var stream = new MemoryStream();
        var diagnostics = Spreadsheets.RecordWorkbook.Write(method, JObject.Parse(recordText), language, stream);
        diagnostics.ShouldBeEmpty();
        return stream.ToArray();
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

        throw new InvalidOperationException($"No RseRules.sln above {AppContext.BaseDirectory}.");
    }
}
