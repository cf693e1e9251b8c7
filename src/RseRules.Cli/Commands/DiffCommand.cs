using System.ComponentModel;
using RseRules.Core;
using RseRules.Core.Compilation;
using RseRules.Core.Diffing;
using RseRules.Core.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse diff A B [--inputs F]</c>: what changed between two methods (two versions, or a base and an overlay) and,
/// with an input document, how every result moves. Exit 0 whether or not they differ (3 with <c>--exit-code</c> when
/// they do), 1 when a method is invalid or rejects the document, 2 on usage errors.
/// </summary>
internal sealed class DiffCommand(TextWriter output, TextWriter error) : Command<DiffCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandArgument(0, "<METHOD_A>")]
        [Description("The old method: file, folder, or id@version.")]
        public string Old { get; init; } = string.Empty;

        [CommandArgument(1, "<METHOD_B>")]
        [Description("The new method: file, folder, or id@version.")]
        public string New { get; init; } = string.Empty;

        [CommandOption("-i|--inputs <FILE>")]
        [Description("An input document to evaluate with both methods, to show the effect on every result.")]
        public string? Inputs { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("text (default) or json (the diff model).")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--lang <LANG>")]
        [Description("Language of headings and result labels: fr (default) or en.")]
        [DefaultValue("fr")]
        public string Lang { get; init; } = "fr";

        [CommandOption("--exit-code")]
        [Description("Exit with 3 when the methods differ (like git diff --exit-code).")]
        public bool ExitCode { get; init; }

        public override ValidationResult Validate()
        {
            if (Format is not ("text" or "json"))
            {
                return ValidationResult.Error($"--format must be text or json, not '{Format}'.");
            }

            return Lang is "fr" or "en" ? ValidationResult.Success() : ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var old = settings.LoadAndCompile(settings.Old, error);
        var @new = settings.LoadAndCompile(settings.New, error);
        using var oldMethod = old.Method;
        using var newMethod = @new.Method;
        var invalid = DiagnosticPrinter.Print(old.Diagnostics, error);
        invalid |= DiagnosticPrinter.Print(@new.Diagnostics, error);
        if (invalid || oldMethod is null || newMethod is null)
        {
            return ExitCodes.Invalid;
        }

        var diff = MethodDiff.Compare(oldMethod.Method, newMethod.Method);
        ResultDiff? effect = null;
        if (settings.Inputs is not null)
        {
            // Each method validates the document on its own: a new required input, or a removed one, may reject it.
            var (oldResult, oldDiagnostics) = Engine.Evaluate(oldMethod, settings.Inputs, settings.Lang);
            var (newResult, newDiagnostics) = Engine.Evaluate(newMethod, settings.Inputs, settings.Lang);
            var oldFailed = oldResult is null || Engine.HasErrors(oldDiagnostics);
            var newFailed = newResult is null || Engine.HasErrors(newDiagnostics);
            if (oldFailed && newFailed && oldDiagnostics.Select(d => d.ToString()).SequenceEqual(newDiagnostics.Select(d => d.ToString()), StringComparer.Ordinal))
            {
                // The same errors from both (a missing file, broken JSON, a violation both schemas share): once.
                error.WriteLine($"rse: error: both methods reject {settings.Inputs}:");
                DiagnosticPrinter.Print(oldDiagnostics, error);
                return ExitCodes.Invalid;
            }

            Report(oldDiagnostics, oldFailed, "old", oldMethod, settings.Inputs);
            Report(newDiagnostics, newFailed, "new", newMethod, settings.Inputs);
            if (oldFailed || newFailed)
            {
                return ExitCodes.Invalid;
            }

            effect = ResultDiff.Compare(oldResult!, newResult!);
        }

        output.Write(settings.Format == "json"
            ? DiffJson.ToText(diff, effect)
            : DiffText.Write(diff, effect, settings.Inputs, oldMethod.Method, newMethod.Method, settings.Lang));
        return settings.ExitCode && diff.HasChanges ? ExitCodes.Mismatch : ExitCodes.Success;
    }

    private void Report(IReadOnlyList<Diagnostic> diagnostics, bool failed, string side, CompiledMethod method, string inputs)
    {
        if (failed)
        {
            error.WriteLine($"rse: error: the {side} method ({method.Method.Reference}) rejects {inputs}:");
        }

        DiagnosticPrinter.Print(diagnostics, error);
    }
}
