using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Validation;

namespace RseRules.Core.Batch;

/// <summary>
/// Evaluates every <c>*.json</c> document of a folder with one compiled method: rows sorted by file name (ordinal),
/// documents evaluated in parallel, a bad document (invalid JSON, rejected inputs, failed evaluation) recorded with its
/// diagnostics instead of stopping the batch.
/// </summary>
public static class BatchEvaluator
{
    /// <summary>The documents of a folder, sorted by name (ordinal).</summary>
    public static IReadOnlyList<string> Documents(string folder) =>
        [.. Directory.GetFiles(folder, "*.json").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)];

    /// <summary>Evaluates each document.</summary>
    /// <param name="compiled">The method.</param>
    /// <param name="folder">The folder, as the user gave it (diagnostics name files under it).</param>
    /// <param name="maxDegreeOfParallelism">Most threads; -1: every core.</param>
    /// <param name="language">The language of the documents' diagnostics (<c>fr</c> or <c>en</c>; null: English).</param>
    public static IReadOnlyList<BatchRow> Run(CompiledMethod compiled, string folder, int maxDegreeOfParallelism = -1, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var files = Documents(folder);
        var rows = new BatchRow[files.Count];

        // Validation goes through NJsonSchema, whose schema objects are not documented as thread-safe: one at a time.
        var validation = new object();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            var name = Path.GetFileName(files[i]);
            LoadResult<InputDocument> inputs;
            lock (validation)
            {
                inputs = InputValidator.Load(compiled.Method, files[i], Path.Combine(folder, name), InputMessages.For(language));
            }

            if (inputs.Value is null)
            {
                rows[i] = new BatchRow(name, null, null, inputs.Diagnostics);
                return;
            }

            var result = Evaluator.Evaluate(compiled, inputs.Value, language);
            var diagnostics = inputs.Diagnostics.Concat(result.Diagnostics).ToArray();
            // The results as values (rounded, all read): a row keeps neither the evaluation's model nor its document.
            rows[i] = new BatchRow(name, inputs.Value.Sha256, result.Success ? result.Results.ToArray() : null, diagnostics);
        });
        return rows;
    }

    /// <summary>The ids of a method's scalar results (number, integer, scale, text, enum, boolean, localized text): the default columns.</summary>
    public static IReadOnlyList<string> ScalarResults(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return [.. method.Results.Where(r =>
            (method.Indicators.FirstOrDefault(i => i.Id == r.From)?.Type ?? method.Inputs.FirstOrDefault(i => i.Id == r.From)?.Type)?.Kind
                is TypeKind.Number or TypeKind.Integer or TypeKind.Scale or TypeKind.Text or TypeKind.Enum or TypeKind.Boolean or TypeKind.Localized)
            .Select(r => r.Id)];
    }

    /// <summary>The error diagnostics of a row, one line.</summary>
    public static string ErrorText(BatchRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.Join("; ", row.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()));
    }
}
