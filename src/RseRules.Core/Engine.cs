using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Validation;

namespace RseRules.Core;

/// <summary>
/// The pipeline in one place: locate → load and validate → compile → validate inputs → evaluate. Each step returns
/// diagnostics instead of throwing; the CLI and the test runner are thin layers over it.
/// </summary>
public static class Engine
{
    /// <summary>Locates, loads, validates and compiles a method.</summary>
    /// <param name="reference">A method file, folder, or <c>id@version</c>.</param>
    /// <param name="methodsDir">Where <c>id@version</c> references are looked up (null: default lookup).</param>
    /// <param name="options">How to compile (null: <see cref="CompileOptions.Default"/>, the compiled-method cache on). The
    /// method is always loaded and validated (JSON, schema, semantics); only Roslyn's work is skipped on a cache hit.</param>
    public static CompileResult LoadAndCompile(string reference, string? methodsDir = null, CompileOptions? options = null)
    {
        var diagnostics = new List<Diagnostic>();
        var path = MethodLocator.Resolve(reference, methodsDir, diagnostics);
        if (path is null)
        {
            return new CompileResult(null, diagnostics);
        }

        var loaded = MethodLoader.Load(path, options ?? CompileOptions.Default);
        diagnostics.AddRange(loaded.Diagnostics);
        if (loaded.Value is null)
        {
            return new CompileResult(null, diagnostics);
        }

        var compiled = MethodCompiler.Compile(loaded.Value, options ?? CompileOptions.Default);
        diagnostics.AddRange(compiled.Diagnostics);
        return compiled with { Diagnostics = diagnostics };
    }

    /// <summary>Validates an input file and evaluates the method on it; the document's diagnostics are in
    /// <paramref name="language"/> (<c>fr</c> or <c>en</c>; null: English, see <see cref="InputMessages"/>).</summary>
    public static (EvaluationResult? Result, IReadOnlyList<Diagnostic> Diagnostics) Evaluate(CompiledMethod method, string inputsPath, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        var inputs = InputValidator.Load(method.Method, inputsPath, messages: InputMessages.For(language));
        if (inputs.Value is null)
        {
            return (null, inputs.Diagnostics);
        }

        var result = Evaluator.Evaluate(method, inputs.Value, language);
        return (result, inputs.Diagnostics.Concat(result.Diagnostics).ToArray());
    }

    /// <summary>Whether any diagnostic is an error.</summary>
    public static bool HasErrors(IEnumerable<Diagnostic> diagnostics) => diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The declared type of a result (of the indicator or input it exposes), or null.</summary>
    public static TypeSpec? ResultType(MethodDefinition method, string id)
    {
        ArgumentNullException.ThrowIfNull(method);
        id = method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        return method.Indicators.FirstOrDefault(i => i.Id == id)?.Type ?? method.Inputs.FirstOrDefault(i => i.Id == id)?.Type;
    }

    /// <summary>The label of an enum value in a language (the value itself when it has no label).</summary>
    public static string EnumLabel(TypeSpec? type, string? value, string language) =>
        value is null ? string.Empty : type?.Values.FirstOrDefault(v => v.Value == value)?.Label?.In(language) ?? value;

    /// <summary>A method's label for a result id (indicator or input), in a language.</summary>
    public static (string Label, string? Unit) Describe(MethodDefinition method, string id, string language)
    {
        ArgumentNullException.ThrowIfNull(method);
        id = method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        var indicator = method.Indicators.FirstOrDefault(i => i.Id == id);
        if (indicator is not null)
        {
            return (indicator.Label.In(language), indicator.Unit);
        }

        var input = method.Inputs.FirstOrDefault(i => i.Id == id);
        return (input?.Label?.In(language) ?? id, input?.Unit);
    }
}
