using RseRules.Core.Diagnostics;

namespace RseRules.Core.Compilation;

/// <summary>The outcome of compiling a method: the compiled method when there is no error, and every diagnostic.</summary>
/// <param name="Method">The compiled method, or null when any error was found.</param>
/// <param name="Diagnostics">Every problem found, errors and warnings.</param>
public sealed record CompileResult(CompiledMethod? Method, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether compilation succeeded.</summary>
    public bool Success => Method is not null;
}
