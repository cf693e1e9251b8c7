using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Batch;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Reporting;
using Spectre.Console;

namespace RseRules.Cli;

/// <summary>How a batch is summarized: language, CSV culture, the subject's pointer, the table's width.</summary>
internal sealed record BatchOptions(string Lang, CsvCulture CsvCulture, string? SubjectPointer, int Width);

/// <summary>
/// <c>rse evaluate --inputs &lt;folder&gt;</c>: one compiled method, every document of the folder, one summary. Bad
/// documents do not stop the batch: their diagnostics go to stderr and into the summary; the exit code is 1 when any.
/// The summary is CSV (in the language's culture: see <see cref="BatchSummary.Csv(MethodDefinition, IReadOnlyList{BatchRow}, IReadOnlyList{string}, string, CsvCulture, Func{string, string?}?, string?)"/>),
/// JSON, or with <c>--format table</c> a table (one row per document, the results as columns).
/// </summary>
internal static class BatchEvaluation
{
    public static int Run(CompiledMethod method, string folder, string? columnList, string format, string? outBase, BatchOptions options, IAnsiConsole console, TextWriter output, TextWriter error)
    {
        var columns = columnList is null
            ? format == "table" ? KeyResults(method.Method) : BatchEvaluator.ScalarResults(method.Method)
            : columnList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = columns.Where(c => method.Method.Results.All(r => r.Id != c)).ToArray();
        if (unknown.Length > 0 || columns.Count == 0)
        {
            error.WriteLine(unknown.Length > 0
                ? $"rse: usage error: --columns: {string.Join(", ", unknown.Select(c => $"'{c}'"))} not a result of {method.Method.Reference} ({string.Join(", ", method.Method.Results.Select(r => r.Id))})."
                : "rse: usage error: --columns names no result.");
            return ExitCodes.Usage;
        }

        if (BatchEvaluator.Documents(folder).Count == 0)
        {
            error.WriteLine(new Diagnostic(DiagnosticCode.FileNotFound, Severity.Error, $"Folder '{folder}' has no *.json document.", folder).ToString());
            return ExitCodes.Invalid;
        }

        var rows = BatchEvaluator.Run(method, folder, language: options.Lang);
        foreach (var row in rows)
        {
            DiagnosticPrinter.Print(row.Diagnostics, error);
        }

        var pointer = options.SubjectPointer ?? method.Method.Report?.Subject;
        var documents = rows.ToDictionary(r => r.Document, r => pointer is null ? null : Read(Path.Combine(folder, r.Document)), StringComparer.Ordinal);
        string? Subject(string document) => documents[document] is { } inputs ? new ResultPresenter(method.Method, new JObject { ["inputs"] = inputs }, options.Lang).Subject(pointer) : null;
        var bad = rows.Where(r => !r.Ok).Select(r => r.Document).ToArray();
        if (format == "table")
        {
            var lines = rows.Select(r => new BatchLine(r.Document, pointer is null ? null : Subject(r.Document),
                r.Results is null ? null : new ResultPresenter(method.Method, BatchRecords.Of(r.Results, documents[r.Document]), options.Lang))).ToList();
            if (outBase is null)
            {
                ResultTable.WriteBatch(method.Method, lines, columns, options.Lang, options.Width, console);
            }
            else
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                ResultTable.WriteBatch(method.Method, lines, columns, options.Lang, options.Width, FileConsole(writer));
                OutputFile.Write(outBase, writer.ToString());
            }

            return bad.Length == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        }

        var csv = BatchSummary.Csv(method.Method, rows, columns, options.Lang, options.CsvCulture, pointer is null ? null : Subject, pointer is null ? null : SubjectHeader(method.Method, pointer, options.Lang));
        var json = CanonicalJson.WriteIndented(BatchSummary.Json(method.Method, rows, columns));
        if (outBase is null)
        {
            output.Write(format == "json" ? json : csv);
        }
        else
        {
            var stem = Path.GetExtension(outBase) is ".csv" or ".json" ? Path.ChangeExtension(outBase, null) : outBase;

            // A byte order mark in the CSV file: without it, Excel reads a CSV as the system's ANSI code page and turns
            // "Délai" into "DÃ©lai"; with it, Excel (and LibreOffice) know it is UTF-8. Not on stdout, where it would be
            // a stray character at the start of a pipe.
            OutputFile.Write(stem + ".csv", stream =>
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(true), leaveOpen: true);
                writer.Write(csv);
            });
            OutputFile.Write(stem + ".json", json);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method.Method.Reference}: {rows.Count} document(s), {rows.Count - bad.Length} evaluated, {bad.Length} bad{(bad.Length == 0 ? string.Empty : ": " + string.Join(", ", bad))}; summary written to {stem}.csv and {stem}.json"));
        }

        return bad.Length == 0 ? ExitCodes.Success : ExitCodes.Invalid;
    }

    /// <summary>A console writing plain text to a writer (a file), at a given width.</summary>
    public static IAnsiConsole FileConsole(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });

    /// <summary>The results a table of documents shows by default: the report's headline, else the first four scalar results.</summary>
    private static IReadOnlyList<string> KeyResults(MethodDefinition method) =>
        method.Report?.Headline is { Count: > 0 } headline ? [.. headline.Where(h => method.Results.Any(r => r.Id == h))] : [.. BatchEvaluator.ScalarResults(method).Take(4)];

    /// <summary>The label of the declaration the subject pointer names (its last field), else "subject".</summary>
    private static string SubjectHeader(MethodDefinition method, string pointer, string lang)
    {
        IReadOnlyList<Declaration> fields = method.Inputs;
        Declaration? found = null;
        foreach (var part in JsonPointer.Parse(pointer))
        {
            found = fields.FirstOrDefault(f => f.Id == part);
            fields = found?.Type.Fields ?? [];
        }

        return found?.Label?.In(lang) is { } label ? (pointer.Count(c => c == '/') > 1 && method.Inputs.FirstOrDefault(i => i.Id == JsonPointer.Parse(pointer)[0])?.Label?.In(lang) is { } parent ? $"{parent} – {label}" : label) : "subject";
    }

    private static JObject? Read(string path)
    {
        var diagnostics = new List<Diagnostic>();
        return JsonSource.Load(path, diagnostics)?.Root as JObject;
    }
}
