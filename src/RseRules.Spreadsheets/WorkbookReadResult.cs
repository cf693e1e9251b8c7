using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;

namespace RseRules.Spreadsheets;

/// <summary>What reading an input workbook gave.</summary>
/// <param name="Document">The input document, or null when any error was found (in the cells or by the input validator).</param>
/// <param name="Diagnostics">Errors and warnings; those about a value name its cell first (<c>Coûts!C7: …</c>) and carry its JSON pointer.</param>
/// <param name="Cells">JSON pointer → the cell that holds it (<c>'Coûts'!C7</c>), for every input cell read.</param>
public sealed record WorkbookReadResult(JObject? Document, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>Whether the document was read and validated without error.</summary>
    public bool Success => Document is not null;
}
