using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Validation;

namespace RseRules.Web.Evaluation;

/// <summary>
/// Evaluates an input document given as text or as JSON with a compiled method: the same steps as <c>rse evaluate</c>
/// (parse with the CLI's limits, validate against the method's input schema and checks, evaluate, build the record).
/// </summary>
public static class EvaluationService
{
    /// <summary>Evaluates a document given as JSON text (a request body, an uploaded file).</summary>
    /// <param name="method">The compiled method.</param>
    /// <param name="text">The document's text.</param>
    /// <param name="displayName">How diagnostics name the document (a file name, <c>request</c>).</param>
    /// <param name="language">The language of the document's diagnostics (<c>fr</c> or <c>en</c>; null: English).</param>
    public static EvaluationOutcome Evaluate(CompiledMethod method, string text, string displayName, string? language = null) =>
        Run(method, text, displayName, tree: true, language);

    /// <summary>
    /// Evaluates a document given as JSON text for a caller that writes the record's text itself (the API, with
    /// <see cref="EvaluationRecord.WriteText"/>, straight into the response): no record is built;
    /// <see cref="EvaluationOutcome.Record"/> and <see cref="EvaluationOutcome.RecordText"/> stay null.
    /// </summary>
    public static EvaluationOutcome EvaluateWithoutRecord(CompiledMethod method, string text, string displayName, string? language = null) =>
        Run(method, text, displayName, tree: false, language);

    /// <summary>Evaluates a document built in memory (the workbench's form): diagnostics point into its canonical text.</summary>
    public static EvaluationOutcome Evaluate(CompiledMethod method, JObject document, string displayName, string? language = null) =>
        Evaluate(method, CanonicalJson.WriteIndented(document), displayName, language);

    private static EvaluationOutcome Run(CompiledMethod method, string text, string displayName, bool tree, string? language)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new List<Diagnostic>();
        var messages = InputMessages.For(language);
        var source = JsonSource.Parse(text, displayName, diagnostics, messages);
        if (source is null)
        {
            return new EvaluationOutcome(null, null, diagnostics);
        }

        var inputs = InputValidator.Validate(method.Method, source, diagnostics, messages);
        if (inputs.Value is null)
        {
            return new EvaluationOutcome(null, null, inputs.Diagnostics);
        }

        var result = Evaluator.Evaluate(method, inputs.Value, language);
        var all = inputs.Diagnostics.Concat(result.Diagnostics).ToArray();
        if (!result.Success)
        {
            return new EvaluationOutcome(null, null, all);
        }

        if (!tree)
        {
            return new EvaluationOutcome(result, null, all);
        }

        var (record, recordText) = EvaluationRecord.BuildWithText(result);
        return new EvaluationOutcome(result, record, all) { RecordText = recordText };
    }
}

/// <summary>What an evaluation gave: the result and its record, or the diagnostics that stopped it.</summary>
/// <param name="Result">The evaluation, null when the document was refused or the evaluation failed.</param>
/// <param name="Record">The evaluation record (as <c>rse evaluate --format json</c>), null likewise.</param>
/// <param name="Diagnostics">Every diagnostic (warnings too).</param>
public sealed record EvaluationOutcome(EvaluationResult? Result, JObject? Record, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The record's canonical JSON text (written once, with its hash), or null.</summary>
    public string? RecordText { get; init; }

    /// <summary>Whether the document was evaluated.</summary>
    public bool Success => Result is not null;

    /// <summary>The errors.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}
