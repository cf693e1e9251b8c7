using System.ComponentModel;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse explain … &lt;result-id | finding-code&gt;</c>: the tree of how a figure was computed — formula, values read, down to inputs
/// (with their JSON pointer) and parameters (with their source) — from an evaluation's trace; for a rule's code, why its
/// finding fired or did not: the condition, the values it read and, for a per-item rule, every item with its values.
/// </summary>
internal sealed class ExplainCommand(TextWriter output, TextWriter error) : Command<ExplainCommand.Settings>
{
    internal sealed class Settings : EvaluationSourceSettings
    {
        [CommandArgument(0, "<RESULT>")]
        [Description("The result (or indicator, input, parameter) id, or a finding code (a rule's id), to explain.")]
        public string Result { get; init; } = string.Empty;

        [CommandOption("-f|--format <FORMAT>")]
        [Description("text (default) or json.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--lang <LANG>")]
        [Description("Language of labels: fr (default) or en.")]
        [DefaultValue("fr")]
        public string Lang { get; init; } = "fr";

        public override ValidationResult Validate()
        {
            if (ValidateSource() is { } source)
            {
                return source;
            }

            if (Inputs.Length > 1)
            {
                return ValidationResult.Error("explain takes one --inputs document.");
            }

            if (Format is not ("text" or "json"))
            {
                return ValidationResult.Error($"--format must be text or json, not '{Format}'.");
            }

            return Lang is "fr" or "en" ? ValidationResult.Success() : ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        MethodDefinition? method = null;
        JObject? record = null;
        if (settings.Record is null)
        {
            var compiled = settings.LoadAndCompile(settings.Method!, error);
            diagnostics.AddRange(compiled.Diagnostics);
            using var m = compiled.Method;
            if (m is not null)
            {
                var (result, evaluation) = Engine.Evaluate(m, settings.Inputs[0], settings.Lang);
                diagnostics.AddRange(evaluation);
                if (result is { Success: true })
                {
                    (method, record) = (m.Method, EvaluationRecord.Build(result));
                }
            }
        }
        else
        {
            (method, record, var verified) = RecordReader.ReadVerified(settings.Record, settings.Method, settings, error, settings.Trust);
            if (verified != ExitCodes.Success)
            {
                return verified;
            }
        }

        if (DiagnosticPrinter.Print(diagnostics, error) || method is null || record is null)
        {
            return ExitCodes.Invalid;
        }

        if (FindingExplainer.IsRule(method, settings.Result) && !Explainer.Names(method, settings.Result))
        {
            var (explanation, wrong) = FindingExplainer.Explain(method, record, settings.Result, settings.Lang);
            if (wrong is not null || explanation is null)
            {
                error.WriteLine(wrong?.ToString());
                return ExitCodes.Invalid;
            }

            output.Write(settings.Format == "json" ? CanonicalJson.WriteIndented(explanation.ToJson()) : FindingExplainer.ToText(explanation));
            return ExitCodes.Success;
        }

        var (tree, problem) = Explainer.Explain(method, record, settings.Result, settings.Lang);
        if (problem is not null || tree is null)
        {
            error.WriteLine(problem?.ToString());
            return ExitCodes.Invalid;
        }

        output.Write(settings.Format == "json" ? CanonicalJson.WriteIndented(tree.ToJson()) : Explainer.ToText(tree));
        return ExitCodes.Success;
    }
}
