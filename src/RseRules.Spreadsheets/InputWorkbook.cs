using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;
using RseRules.Spreadsheets.Layout;
using RseRules.Spreadsheets.Reading;
using RseRules.Spreadsheets.Writing;

namespace RseRules.Spreadsheets;

/// <summary>
/// Input documents as Excel workbooks, for any method: <see cref="WriteTemplate"/> lays out the method's inputs (optionally
/// filled from a document) and <see cref="Read"/> turns a filled workbook back into the JSON input document, validated
/// as a JSON document is. Neither throws on what a user or a file can get wrong: problems are diagnostics.
/// </summary>
public static class InputWorkbook
{
    /// <summary>The languages a workbook can be written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fr", "en"];

    /// <summary>
    /// Writes the template of a method's inputs, prefilled from <paramref name="prefill"/> when given (its values in their
    /// cells, its tables and series sized by it). Returns warnings for prefill values the layout has no cell for (RSE5014)
    /// and, when the workbook would be too large to be read back (RSE5012), an error, and then writes nothing.
    /// </summary>
    /// <param name="method">The method whose input declarations are laid out.</param>
    /// <param name="prefill">An input document to fill the cells with, or null for an empty template.</param>
    /// <param name="language"><c>fr</c> or <c>en</c>: labels, sheet names, drop-down lists.</param>
    /// <param name="output">Where the .xlsx bytes go (written only when there is no error).</param>
    /// <param name="prefillName">The prefill's file name, for diagnostics.</param>
    public static IReadOnlyList<Diagnostic> WriteTemplate(MethodDefinition method, JObject? prefill, string language, Stream output, string? prefillName = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(output);
        CheckLanguage(language);
        var diagnostics = new List<Diagnostic>();
        var layout = Plan(method, prefill, language, [], diagnostics, prefillName);
        if (layout is null)
        {
            return diagnostics;
        }

        using var buffer = new MemoryStream();
        WorkbookWriter.Write([.. layout.Sheets, MapSheet.Build(layout, method, "template")], layout.Names, layout.Texts, buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
        return diagnostics;
    }

    /// <summary>
    /// Reads a filled workbook back into the method's JSON input document: numbers exactly (a text with a French decimal
    /// comma is a number too), enums, scales and booleans from their labels or values, empty optional cells omitted, tables,
    /// lists and series as long as what is filled. The document then goes through the input validator; its diagnostics name
    /// the cell (<c>Coûts!C7: …</c>) and keep the JSON pointer. A malformed or hostile file is a diagnostic, within
    /// <paramref name="limits"/> (<see cref="WorkbookLimits.Default"/>), never an exception.
    /// </summary>
    /// <param name="method">The method the workbook was made for.</param>
    /// <param name="input">The .xlsx bytes.</param>
    /// <param name="displayName">The file name diagnostics give.</param>
    /// <param name="language">The language the workbook must be in, or null for the one it records.</param>
    /// <param name="limits">What is read before the file is refused.</param>
    public static WorkbookReadResult Read(MethodDefinition method, Stream input, string displayName, string? language = null, WorkbookLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(displayName);
        if (language is not null)
        {
            CheckLanguage(language);
        }

        return WorkbookImporter.Read(method, input, displayName, language, limits ?? WorkbookLimits.Default);
    }

    /// <summary>The layout of a method's inputs with its prefill written in, or null with an RSE5012 error when it is too large.</summary>
    internal static WorkbookLayout? Plan(MethodDefinition method, JObject? prefill, string language, IReadOnlyCollection<string> reserved, List<Diagnostic> diagnostics, string? prefillName)
    {
        var (layout, tooLarge) = LayoutBuilder.Build(method, language, Sizes.Observe(method, prefill), reserved, MaxLayoutCells(WorkbookLimits.Default));
        if (layout is null)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCode.WorkbookTooLarge, Severity.Error, tooLarge!, prefillName));
            return null;
        }

        if (prefill is not null)
        {
            diagnostics.AddRange(TemplateFiller.Fill(layout, method, prefill, prefillName ?? "inputs"));
        }

        return layout;
    }

    /// <summary>Cells a layout may have: the reader's limit, less room for the <c>_map</c> sheet.</summary>
    internal static long MaxLayoutCells(WorkbookLimits limits) => Math.Max(0, limits.MaxCells - 10_000);

    /// <summary>Throws unless the language is one a workbook is written in (a caller's bug, not a user's error).</summary>
    internal static void CheckLanguage(string language)
    {
        if (!Languages.Contains(language))
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, "The language of a workbook is fr or en.");
        }
    }
}
