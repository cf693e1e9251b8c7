using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Support;

/// <summary>Builds small methods in memory, so that line and column expectations follow from the literal text.</summary>
internal static class TestMethods
{
    /// <summary>The folder holding the copied fixtures.</summary>
    public static string DataDir => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>Path of a fixture under TestData.</summary>
    public static string Data(params string[] parts) => Path.Combine([DataDir, .. parts]);

    /// <summary>Parses JSON that must be valid.</summary>
    public static JsonSource Json(string text, string path = "method.json")
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Parse(text, path, diagnostics);
        diagnostics.ShouldBeEmpty();
        return source.ShouldNotBeNull();
    }

    /// <summary>Loads a method from its text (schema and semantic checks included).</summary>
    public static LoadResult<MethodDefinition> Load(string text) => MethodLoader.Load(Json(text));

    /// <summary>Loads a method that must be valid.</summary>
    public static MethodDefinition Valid(string text)
    {
        var loaded = Load(text);
        loaded.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return loaded.Value.ShouldNotBeNull();
    }

    /// <summary>Loads a method that must be valid and compiles it.</summary>
    public static CompileResult Compile(string text) => MethodCompiler.Compile(Valid(text));

    /// <summary>The canonical text of the record of <paramref name="method"/> on an input file, which must evaluate without error.</summary>
    public static string RecordText(CompiledMethod method, string inputs)
    {
        var (result, diagnostics) = Engine.Evaluate(method, inputs);
        diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return EvaluationRecord.ToText(result.ShouldNotBeNull());
    }

    /// <summary>
    /// A method text with the given JSON arrays, one member per line. Inputs default to one number <c>x</c>;
    /// results default to <c>["x"]</c>.
    /// </summary>
    public static string Method(
        string? indicators = null,
        string? inputs = null,
        string? rules = null,
        string? parameters = null,
        string results = "[\"x\"]",
        string? scales = null,
        int formatVersion = 1)
    {
        inputs ??= """[ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } } ]""";
        var members = new List<string>
        {
            "\"formatVersion\": " + formatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "\"id\": \"test-method\"",
            "\"version\": \"1.0.0\"",
            "\"title\": { \"fr\": \"Test\", \"en\": \"Test\" }",
        };
        if (scales is not null)
        {
            members.Add("\"scales\": " + scales);
        }

        if (parameters is not null)
        {
            members.Add("\"parameters\": " + parameters);
        }

        members.Add("\"inputs\": " + inputs);
        if (indicators is not null)
        {
            members.Add("\"indicators\": " + indicators);
        }

        if (rules is not null)
        {
            members.Add("\"rules\": " + rules);
        }

        members.Add("\"results\": " + results);
        return "{\n  " + string.Join(",\n  ", members) + "\n}\n";
    }

    /// <summary>One indicator declaration as JSON (the formula is written as given: escape it yourself).</summary>
    public static string Indicator(string id, string type, string formulaJson, string extra = "") =>
        $$"""{ "id": "{{id}}", "type": "{{type}}", "label": { "fr": "{{id}}", "en": "{{id}}" }, {{extra}}"formula": {{formulaJson}} }""";

    /// <summary>A JSON string literal of a C# text.</summary>
    public static string Quote(string text) => Newtonsoft.Json.JsonConvert.ToString(text);

    /// <summary>Compiles a method that must compile.</summary>
    public static CompiledMethod Compiled(string text)
    {
        var result = Compile(text);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Method.ShouldNotBeNull();
    }

    /// <summary>Validates an input document given as text against a method; the document must be valid.</summary>
    public static InputDocument Inputs(MethodDefinition method, string inputsJson)
    {
        var loaded = InputValidator.Validate(method, Json(inputsJson, "inputs.json"));
        loaded.Diagnostics.ShouldBeEmpty(string.Join("\n", loaded.Diagnostics));
        return loaded.Value.ShouldNotBeNull();
    }

    /// <summary>Evaluates a compiled method on an input document given as text.</summary>
    public static EvaluationResult Evaluate(CompiledMethod method, string inputsJson) =>
        Evaluator.Evaluate(method, Inputs(method.Method, inputsJson));

    /// <summary>An indicator whose formula sits alone on its line, at column 19 (see <see cref="FormulaLine"/>).</summary>
    public static string IndicatorOnOwnLines(string id, string type, string formula) =>
        "[\n    {\n      \"id\": \"" + id + "\", \"type\": \"" + type + "\", \"label\": { \"fr\": \"" + id + "\", \"en\": \"" + id + "\" },\n"
        + "      \"formula\": " + Quote(formula) + "\n    }\n  ]";

    /// <summary>
    /// The line of the formula of <see cref="IndicatorOnOwnLines"/> in a <see cref="Method"/> without scales or parameters:
    /// 1 {, 2 formatVersion, 3 id, 4 version, 5 title, 6 inputs, 7 "indicators": [, 8 {, 9 id/type/label, 10 formula.
    /// </summary>
    public const int FormulaLine = 10;

    /// <summary>
    /// The column where the formula's text starts on <see cref="FormulaLine"/>: six spaces, <c>"formula"</c> (9),
    /// <c>: </c> (2) make 17 columns, the opening quote is column 18, the text starts at column 19.
    /// </summary>
    public const int FormulaColumn = 19;
}
