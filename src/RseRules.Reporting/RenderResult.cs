using RseRules.Core.Diagnostics;

namespace RseRules.Reporting;

/// <summary>A rendered report, or the diagnostics that prevented it (never both).</summary>
/// <param name="Text">The report text, or null on error.</param>
/// <param name="Diagnostics">Template errors, located in the template files.</param>
public sealed record RenderResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the report was rendered.</summary>
    public bool Success => Text is not null;
}
