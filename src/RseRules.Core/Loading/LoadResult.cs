using RseRules.Core.Diagnostics;

namespace RseRules.Core.Loading;

/// <summary>A value loaded from a file, or null, with every diagnostic found on the way.</summary>
/// <typeparam name="T">What was loaded.</typeparam>
/// <param name="Value">The value, or null when any error was found.</param>
/// <param name="Diagnostics">Errors and warnings, in the order found.</param>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics)
    where T : class
{
    /// <summary>Whether the value was loaded without error.</summary>
    public bool Success => Value is not null;
}
