using System.Globalization;
using RseRules.Core.Batch;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;

namespace RseRules.Cli;

/// <summary>
/// <c>rse evaluate --inputs &lt;folder&gt;</c>: one compiled method, every document of the folder, one summary. Bad
/// documents do not stop the batch: their diagnostics go to stderr and into the summary; the exit code is 1 when any.
/// </summary>
internal static class BatchEvaluation
{
    public static int Run(CompiledMethod method, string folder, string? columnList, string format, string? outBase, TextWriter output, TextWriter error, string? lang = null)
    {
        var columns = columnList is null
            ? BatchEvaluator.ScalarResults(method.Method)
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

        var rows = BatchEvaluator.Run(method, folder, language: lang);
        foreach (var row in rows)
        {
            DiagnosticPrinter.Print(row.Diagnostics, error);
        }

        var csv = BatchSummary.Csv(rows, columns);
        var json = CanonicalJson.WriteIndented(BatchSummary.Json(method.Method, rows, columns));
        var bad = rows.Where(r => !r.Ok).Select(r => r.Document).ToArray();
        if (outBase is null)
        {
            output.Write(format == "json" ? json : csv);
        }
        else
        {
            var stem = Path.GetExtension(outBase) is ".csv" or ".json" ? Path.ChangeExtension(outBase, null) : outBase;
            OutputFile.Write(stem + ".csv", csv);
            OutputFile.Write(stem + ".json", json);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method.Method.Reference}: {rows.Count} document(s), {rows.Count - bad.Length} evaluated, {bad.Length} bad{(bad.Length == 0 ? string.Empty : ": " + string.Join(", ", bad))}; summary written to {stem}.csv and {stem}.json"));
        }

        return bad.Length == 0 ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
