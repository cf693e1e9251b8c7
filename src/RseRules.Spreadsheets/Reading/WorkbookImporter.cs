using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Core.Validation;
using RseRules.Spreadsheets.Layout;

namespace RseRules.Spreadsheets.Reading;

/// <summary>
/// Reads a filled workbook: opens the package within limits, reads the hidden <c>_map</c> sheet, rebuilds the method's
/// layout from it and checks that it is the layout the workbook was made with, reads the cells into the input document,
/// then validates the document as a JSON one and names the cell of each diagnostic.
/// </summary>
internal static partial class WorkbookImporter
{
    public static WorkbookReadResult Read(MethodDefinition method, Stream input, string displayName, string? language, WorkbookLimits limits)
    {
        var (package, tooLarge, openError) = WorkbookPackage.Open(input, limits);
        if (package is null)
        {
            return Failed(tooLarge ? DiagnosticCode.WorkbookTooLarge : DiagnosticCode.WorkbookUnreadable, $"The workbook cannot be read: {openError}", displayName);
        }

        using (package)
        {
            try
            {
                return Read(method, package, displayName, language, limits);
            }
            catch (Exception ex) when (WorkbookPackage.IsMalformed(ex))
            {
                return Failed(DiagnosticCode.WorkbookUnreadable, $"The workbook cannot be read: {WorkbookPackage.Describe(ex)}", displayName);
            }
        }
    }

    private static WorkbookReadResult Failed(DiagnosticCode code, string message, string displayName) =>
        new(null, [new Diagnostic(code, Severity.Error, message, displayName)], new Dictionary<string, string>());

    private static WorkbookReadResult Read(MethodDefinition method, WorkbookPackage package, string displayName, string? language, WorkbookLimits limits)
    {
        if (!package.SheetNames.Contains(LayoutBuilder.MapSheetName))
        {
            return Failed(DiagnosticCode.WorkbookLayoutMismatch, "The workbook is not an input workbook of rse: it has no hidden sheet _map (write one with 'rse inputs template').", displayName);
        }

        var map = package.ReadSheet(LayoutBuilder.MapSheetName, out var tooLarge);
        if (map is null)
        {
            return Failed(tooLarge is null ? DiagnosticCode.WorkbookUnreadable : DiagnosticCode.WorkbookTooLarge,
                $"The workbook cannot be read: {tooLarge ?? "its sheet _map is not a worksheet."}", displayName);
        }

        var (header, mapError) = MapSheet.Parse((row, column) => map.TryGetValue((row, column), out var c) && c.Value is not null ? CellParser.Text(c) : null, limits.MaxCells);
        if (header is null)
        {
            return Failed(DiagnosticCode.WorkbookUnreadable, $"The workbook cannot be read: {mapError}", displayName);
        }

        var madeFor = header.Method.Split('@')[0];
        if (madeFor != method.Id)
        {
            return Failed(DiagnosticCode.WorkbookLayoutMismatch, $"The workbook was made for the method {header.Method}, not {method.Reference}.", displayName);
        }

        if (!InputWorkbook.Languages.Contains(header.Language))
        {
            return Failed(DiagnosticCode.WorkbookUnreadable, $"The workbook cannot be read: its _map sheet names the language '{header.Language}'.", displayName);
        }

        if (language is not null && language != header.Language)
        {
            return Failed(DiagnosticCode.WorkbookLayoutMismatch, $"The workbook is in '{header.Language}', not '{language}' (leave the language out to read it in its own).", displayName);
        }

        var reserved = header.Kind == RecordWorkbook.Kind ? RecordWorkbook.SheetNames(header.Language) : [];
        var (layout, layoutTooLarge) = LayoutBuilder.Build(method, header.Language, Sizes.Fixed(header.Sizes), reserved, InputWorkbook.MaxLayoutCells(limits));
        if (layout is null)
        {
            return Failed(DiagnosticCode.WorkbookTooLarge, $"The workbook cannot be read: its _map sheet asks for a layout too large ({layoutTooLarge})", displayName);
        }

        if (layout.Fingerprint() != header.Fingerprint)
        {
            return Failed(DiagnosticCode.WorkbookLayoutMismatch,
                $"The workbook was made for {header.Method} with a layout of inputs that {method.Reference} does not give (its inputs changed, or the workbook's _map sheet did): write a new template with 'rse inputs template'.", displayName);
        }

        var sheets = new List<Dictionary<(int Row, int Column), RawCell>?>();
        foreach (var plan in layout.Sheets)
        {
            if (plan.Hidden || !plan.Cells.Values.Any(c => c.Input is not null))
            {
                sheets.Add(null);
                continue;
            }

            if (!package.SheetNames.Contains(plan.Name))
            {
                return Failed(DiagnosticCode.WorkbookLayoutMismatch, $"The workbook has no sheet '{plan.Name}', which the method's inputs need.", displayName);
            }

            var cells = package.ReadSheet(plan.Name, out tooLarge);
            if (cells is null)
            {
                return Failed(tooLarge is null ? DiagnosticCode.WorkbookUnreadable : DiagnosticCode.WorkbookTooLarge,
                    $"The workbook cannot be read: {tooLarge ?? $"its sheet '{plan.Name}' is not a worksheet."}", displayName);
            }

            sheets.Add(cells);
        }

        var reader = new DocumentReader(layout, sheets, method, displayName, limits.MaxReportedErrors);
        var document = reader.Read();
        var located = reader.Located.ToDictionary(kv => kv.Key, kv => layout.Name(kv.Value), StringComparer.Ordinal);
        if (reader.Errors.Count > 0)
        {
            return new WorkbookReadResult(null, reader.Errors, located);
        }

        var diagnostics = Validate(method, document, displayName, reader.Located, layout);
        return new WorkbookReadResult(Engine.HasErrors(diagnostics) ? null : document, diagnostics, located);
    }

    /// <summary>
    /// The input validator's diagnostics on the document, each placed at its cell: the message starts with <c>Sheet!C7: </c>
    /// (the nearest cell that holds the pointer or one of its parents), the file is the workbook. RSE5008 (uncertain inputs
    /// evaluated at their mode) is left out: nothing is evaluated here.
    /// </summary>
    private static List<Diagnostic> Validate(MethodDefinition method, JObject document, string displayName, Dictionary<string, CellAddress> located, WorkbookLayout layout)
    {
        var parse = new List<Diagnostic>();
        var source = JsonSource.Parse(CanonicalJson.WriteIndented(document), displayName, parse);
        var raw = source is null ? parse : (List<Diagnostic>)[.. InputValidator.Validate(method, source).Diagnostics];
        var result = new List<Diagnostic>();
        foreach (var d in raw.Where(d => d.Code != DiagnosticCode.UncertainInputsAtMode))
        {
            var cell = d.Pointer is null ? null : CellOf(d, located);
            result.Add(d with
            {
                File = displayName,
                Line = 0,
                Column = 0,
                Message = cell is { } at ? $"{layout.Name(at)}: {d.Message}" : d.Message,
            });
        }

        return result;
    }

    private static CellAddress? CellOf(Diagnostic d, Dictionary<string, CellAddress> located)
    {
        var pointer = d.Pointer!;
        if (RequiredProperty().Match(d.Message) is { Success: true } m && located.TryGetValue(JsonPointer.Append(pointer, m.Groups[1].Value), out var required))
        {
            return required;
        }

        while (true)
        {
            if (located.TryGetValue(pointer, out var at))
            {
                return at;
            }

            if (pointer.Length == 0)
            {
                return null;
            }

            pointer = pointer[..pointer.LastIndexOf('/')];
        }
    }

    [GeneratedRegex("^Required property '(.+)' is missing\\.$")]
    private static partial Regex RequiredProperty();
}
