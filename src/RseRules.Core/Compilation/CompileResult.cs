using RseRules.Core.Diagnostics;

namespace RseRules.Core.Compilation;

/// <summary>The outcome of compiling a method: the compiled method when there is no error, and every diagnostic.</summary>
/// <param name="Method">The compiled method, or null when any error was found.</param>
/// <param name="Diagnostics">Every problem found, errors and warnings (a compiled-method cache entry that could not be
/// trusted or written is a warning, never an error).</param>
public sealed record CompileResult(CompiledMethod? Method, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether compilation succeeded.</summary>
    public bool Success => Method is not null;

    /// <summary>
    /// Whether the compiled method was loaded from the compiled-method cache: Roslyn did not run (neither parse,
    /// compilation, sandbox walk nor emit); the entry was checked and was written by a compilation that passed them.
    /// </summary>
    public bool FromCache { get; init; }

    /// <summary>The cache entry the method was loaded from or stored in; null when the cache was off or not written.</summary>
    public string? CacheEntry { get; init; }
}
