using System.ComponentModel;
using RseRules.Core;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>Options every command that reads methods accepts.</summary>
internal class MethodSettings : CommandSettings
{
    [CommandOption("--methods-dir <DIR>")]
    [Description("Folder where id@version references are looked up (default: RSE_METHODS_DIR, else the nearest methods/ folder).")]
    public string? MethodsDir { get; init; }

    [CommandOption("--no-cache")]
    [Description("Neither read nor write the compiled-method cache (RSE_CACHE_DIR, else the user cache folder): always compile with Roslyn.")]
    public bool NoCache { get; init; }

    [CommandOption("--verbose")]
    [Description("Say on stderr, for each method, whether it was compiled or loaded from the compiled-method cache; when a record does not replay identically, list every difference.")]
    public bool Verbose { get; init; }

    /// <summary>The compile options these settings ask for.</summary>
    public CompileOptions CompileOptions => NoCache
        ? CompileOptions.Default with { NoCache = true }
        : CompileOptions.Default with { Pool = Resident.ResidentServer.CurrentPool.Value };

    /// <summary>
    /// Loads and validates a method (JSON, schema, semantics) without compiling its formulas, for commands that need only its
    /// declarations; adds what loading found to <paramref name="diagnostics"/>.
    /// </summary>
    public MethodDefinition? Load(string reference, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var path = MethodLocator.Resolve(reference, MethodsDir, diagnostics);
        var loaded = path is null ? null : MethodLoader.Load(path, CompileOptions);
        if (loaded is not null)
        {
            diagnostics.AddRange(loaded.Diagnostics);
        }

        return loaded?.Value;
    }

    /// <summary>Loads, validates and compiles a method with these settings; with <c>--verbose</c>, says how on <paramref name="error"/>.</summary>
    public CompileResult LoadAndCompile(string reference, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var result = Engine.LoadAndCompile(reference, MethodsDir, CompileOptions);
        if (Verbose && result.Method is { } compiled)
        {
            var how = result.FromCache ? $"from cache ({result.CacheEntry})"
                : result.CacheEntry is not null ? $"compiled, cached in {result.CacheEntry}"
                : NoCache ? "compiled (--no-cache)" : "compiled (not cached)";
            error.WriteLine($"rse: {compiled.Method.Reference}: {how}");
        }

        return result;
    }
}
