using System.Text;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Validation;
using RseRules.Reporting;
using RseRules.Reporting.Rendering;

namespace RseRules.Fuzz;

/// <summary>
/// The fuzz targets: bytes in, diagnostics out. The engine's contract is that a malformed method file or input document
/// comes back as diagnostics: the only rejection that is not a diagnostic here is bytes that are not UTF-8, which
/// <see cref="JsonSource.Load"/> reports as RSE0003 before parsing (mirrored by <see cref="Decode"/>). Any exception
/// that escapes a target is a crash.
/// </summary>
internal sealed class FuzzTargets
{
    private readonly string methodPath;
    private readonly string templateSet;
    private readonly Lazy<MethodDefinition> norm;
    private readonly Lazy<(MethodDefinition Method, Newtonsoft.Json.Linq.JObject Record, FolderTemplateLoader Loader)> report;

    /// <param name="repoRoot">The repository: methods are read under methods/ (overlays find their base there).</param>
    public FuzzTargets(string repoRoot)
    {
        var methods = Path.Combine(repoRoot, "methods");

        // A method file as if it were methods/fuzz/1.0.0/method.json: an overlay finds its base beside it, as it would.
        methodPath = Path.Combine(methods, "fuzz", "1.0.0", "method.json");

        // Loaded on the first input, inside Fuzzer.Run: instrumented code that runs before it writes to a coverage map
        // that does not exist yet (an AccessViolationException in the forkserver).
        norm = new Lazy<MethodDefinition>(() =>
        {
            var loaded = MethodLoader.Load(Path.Combine(methods, "rse-value", "1.0.0", "method.json"));
            return loaded.Value ?? throw new InvalidOperationException("The norm rse-value@1.0.0 does not load: " + string.Join("; ", loaded.Diagnostics));
        });

        // The template target renders the norm's example record (evaluated once, on the first input) with the shipped set's
        // partials, the main template being the fuzzed bytes.
        templateSet = Path.Combine(repoRoot, "templates", "white-paper");
        report = new(() =>
        {
            var compiled = RseRules.Core.Engine.LoadAndCompile(Path.Combine(methods, "rse-value", "1.0.0"));
            var method = compiled.Method ?? throw new InvalidOperationException("The norm does not compile: " + string.Join("; ", compiled.Diagnostics));
            var (result, diagnostics) = RseRules.Core.Engine.Evaluate(method, Path.Combine(methods, "rse-value", "1.0.0", "examples", "example.json"));
            var record = result is { Success: true } ? RseRules.Core.Evaluation.EvaluationRecord.Build(result) : throw new InvalidOperationException(string.Join("; ", diagnostics));
            return (method.Method, record, new FolderTemplateLoader(Path.Combine(templateSet, "html"), RenderLimits.Default.TemplateFileBytes));
        });
    }

    /// <summary>The names of the targets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["loader", "inputs", "template"];

    /// <summary>The target of a name.</summary>
    public Action<byte[]> Get(string name) => name switch
    {
        "loader" => Loader,
        "inputs" => Inputs,
        "template" => Template,
        _ => throw new ArgumentException($"Unknown target '{name}': {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// Bytes → <see cref="JsonSource.Parse"/> → <see cref="MethodLoader.Load(JsonSource, List{Diagnostic})"/> (no compilation); a method
    /// that loads then has its input schema generated and an empty document validated against it.
    /// </summary>
    public void Loader(byte[] bytes)
    {
        var diagnostics = new List<Diagnostic>();
        if (Decode(bytes) is not { } text || JsonSource.Parse(text, methodPath, diagnostics) is not { } source)
        {
            return;
        }

        var loaded = MethodLoader.Load(source, diagnostics);
        Check(loaded.Value is not null, loaded.Diagnostics);
        if (loaded.Value is { } method && JsonSource.Parse("{}", "inputs.json", []) is { } empty)
        {
            // What `rse evaluate` and `rse schema` do with a method besides compiling it: generate and load its input
            // schema (a bound beyond what NJsonSchema's decimals hold once threw here), then validate a document.
            InputValidator.Validate(method, empty);
        }
    }

    /// <summary>Bytes → <see cref="JsonSource.Parse"/> → <see cref="InputValidator.Validate"/> against the norm rse-value@1.0.0.</summary>
    public void Inputs(byte[] bytes)
    {
        var diagnostics = new List<Diagnostic>();
        if (Decode(bytes) is not { } text || JsonSource.Parse(text, "inputs.json", diagnostics) is not { } source)
        {
            return;
        }

        var validated = InputValidator.Validate(norm.Value, source, diagnostics);
        Check(validated.Value is not null, validated.Diagnostics);
    }

    /// <summary>
    /// Bytes → a Scriban template → <c>ReportRenderer</c>, as the main template of the shipped white-paper set (its partials
    /// can be included), in HTML then in Markdown, with short limits (2 s, 1 million characters): the result must be a text
    /// or diagnostics, never an exception, and a text is never longer than the limit.
    /// </summary>
    public void Template(byte[] bytes)
    {
        if (Decode(bytes) is not { } text)
        {
            return;
        }

        var (method, record, loader) = report.Value;
        var limits = RenderLimits.Default with { Time = TimeSpan.FromSeconds(2), OutputCharacters = 1_000_000, AllocatedBytes = 256L << 20 };
        foreach (var format in new[] { ReportFormat.Html, ReportFormat.Markdown })
        {
            var options = ReportOptions.Default with { Format = format, Date = "2026-12-06", Limits = limits };
            var rendered = ReportRenderer.Render(method, record, text, Path.Combine(templateSet, "html", "report.sbn"), loader, options);
            if (rendered.Success == rendered.Diagnostics.Count > 0 || (rendered.Text?.Length ?? 0) > limits.OutputCharacters + 1000)
            {
                throw new InvalidOperationException($"Broken contract: text {(rendered.Success ? "returned" : "missing")} with diagnostics: {string.Join("; ", rendered.Diagnostics)}");
            }
        }
    }

    /// <summary>The contract of a loader: a value exactly when there is no error.</summary>
    private static void Check(bool hasValue, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (hasValue == diagnostics.Any(d => d.Severity == Severity.Error))
        {
            throw new InvalidOperationException($"Broken contract: value {(hasValue ? "returned" : "missing")} with diagnostics: {string.Join("; ", diagnostics)}");
        }
    }

    /// <summary>What <see cref="JsonSource.Load"/> does with a file's bytes: strict UTF-8, BOM skipped; null when not UTF-8.</summary>
    private static string? Decode(byte[] bytes)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            return null; // RSE0003: not UTF-8
        }
    }
}
