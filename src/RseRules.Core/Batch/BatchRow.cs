using RseRules.Core.Diagnostics;

namespace RseRules.Core.Batch;

/// <summary>One document of a batch evaluation.</summary>
/// <param name="Document">The file name (no folder).</param>
/// <param name="InputsSha256">SHA-256 of the document's canonical JSON; null when it could not be read or validated.</param>
/// <param name="Results">The results in the method's order; null when the document is bad.</param>
/// <param name="Diagnostics">Why the document is bad (errors), and warnings; empty for a clean document.</param>
public sealed record BatchRow(string Document, string? InputsSha256, IReadOnlyList<KeyValuePair<string, object?>>? Results, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the document was evaluated.</summary>
    public bool Ok => Results is not null;
}
