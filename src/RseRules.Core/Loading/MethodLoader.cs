using System.Reflection;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Core.Validation;

namespace RseRules.Core.Loading;

/// <summary>
/// Loads a method file and checks it in order: JSON syntax, the method schema, then semantics. Every problem of a
/// stage is reported; a later stage runs only when the earlier ones found no error (their findings would be noise).
/// </summary>
public static class MethodLoader
{
    private static readonly string[] RequiredUnlessOverlay = ["inputs", "results"];

    private static readonly string[] OverlayOnly = ["baseSha256", "tighten", "removeResults"];

    private static readonly Lazy<JsonSchema> MethodSchema = new(() => LoadEmbeddedSchema("RseRules.Core.method.schema.json"));

    /// <summary>The JSON Schema of method files, as shipped in methods/schema/method.schema.json.</summary>
    public static JsonSchema Schema => MethodSchema.Value;

    /// <summary>The cache folder where files that passed the method schema are remembered, for the load in progress on
    /// this thread (its bases included); null: none.</summary>
    [ThreadStatic]
    private static string? passes;

    /// <summary>Loads and validates a method file.</summary>
    /// <param name="path">Path of the method.json file.</param>
    /// <param name="displayPath">How to name the file in diagnostics (default: <paramref name="path"/>).</param>
    public static LoadResult<MethodDefinition> Load(string path, string? displayPath = null) => Load(path, displayPath, 0);

    /// <summary>
    /// Loads and validates a method file; a file (and base) that passed the method schema before, as remembered in the
    /// cache folder of <paramref name="cache"/> (none with <see cref="CompileOptions.NoCache"/>), skips the schema step
    /// (<see cref="SchemaPasses"/>): the same diagnostics, sooner.
    /// </summary>
    public static LoadResult<MethodDefinition> Load(string path, CompileOptions cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var outer = passes;
        passes = Compilation.CompiledMethodCache.Directory(cache);
        try
        {
            return Load(path, null, 0);
        }
        finally
        {
            passes = outer;
        }
    }

    internal static LoadResult<MethodDefinition> Load(string path, string? displayPath, int depth)
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Load(path, diagnostics, displayPath);
        if (source is null)
        {
            return new LoadResult<MethodDefinition>(null, diagnostics);
        }

        return Load(source, diagnostics, depth);
    }

    /// <summary>Validates a method already parsed.</summary>
    public static LoadResult<MethodDefinition> Load(JsonSource source, List<Diagnostic>? diagnostics = null) => Load(source, diagnostics, 0);

    private static LoadResult<MethodDefinition> Load(JsonSource source, List<Diagnostic>? diagnostics, int depth)
    {
        ArgumentNullException.ThrowIfNull(source);
        diagnostics ??= [];
        if (!MethodLimits.CheckRaw(source, diagnostics))
        {
            return new LoadResult<MethodDefinition>(null, diagnostics);
        }

        var remembered = SchemaPasses.Seen(passes, source.Text);
        var schemaErrors = remembered ? [] : SchemaErrors.Validate(Schema, source, DiagnosticCode.MethodSchema).ToList();
        if (!remembered && schemaErrors.Count == 0)
        {
            SchemaPasses.Remember(passes, source.Text);
        }

        if (source.Root is JObject root && root["extends"] is null)
        {
            // What JSON Schema draft 7 as NJsonSchema reads it cannot say: only an overlay may leave these out.
            schemaErrors.AddRange(RequiredUnlessOverlay.Where(p => root[p] is null)
                .Select(p => source.At(string.Empty, DiagnosticCode.MethodSchema, $"Required property '{p}' is missing.")));
            schemaErrors.AddRange(OverlayOnly.Where(p => root[p] is not null)
                .Select(p => source.AtKey("/" + p, DiagnosticCode.MethodSchema, $"'{p}' applies to overlays only (a method with 'extends').")));
        }

        diagnostics.AddRange(schemaErrors.OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Message, StringComparer.Ordinal));
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new LoadResult<MethodDefinition>(null, diagnostics);
        }

        var method = new MethodReader(source, diagnostics).Read();
        if (method?.Extends is not null && !diagnostics.Any(d => d.Severity == Severity.Error))
        {
            method = OverlayMerger.Merge(method, diagnostics, depth);
        }

        if (method is not null)
        {
            MethodLimits.Check(method, diagnostics);
            new MethodValidator(method, diagnostics).Validate();
            PublishedManifest.Check(method, diagnostics);
        }

        return new LoadResult<MethodDefinition>(diagnostics.Any(d => d.Severity == Severity.Error) ? null : method, diagnostics);
    }

    internal static JsonSchema LoadEmbeddedSchema(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
