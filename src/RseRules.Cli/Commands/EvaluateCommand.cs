using System.ComponentModel;
using System.Globalization;
using RseRules.Core;
using RseRules.Core.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary><c>rse evaluate --method M --inputs F</c>: the results as a table or as the JSON evaluation record.</summary>
internal sealed class EvaluateCommand(IAnsiConsole console, TextWriter output, TextWriter error) : Command<EvaluateCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandOption("-m|--method <METHOD>")]
        [Description("Method file, folder, or id@version.")]
        public string Method { get; init; } = string.Empty;

        [CommandOption("-i|--inputs <FILE>")]
        [Description("Input document (JSON).")]
        public string Inputs { get; init; } = string.Empty;

        [CommandOption("-f|--format <FORMAT>")]
        [Description("table (default) or json (the evaluation record).")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the output to a file instead of stdout.")]
        public string? Out { get; init; }

        [CommandOption("--lang <LANG>")]
        [Description("Language of labels and findings: fr (default) or en.")]
        [DefaultValue("fr")]
        public string Lang { get; init; } = "fr";

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Method) || string.IsNullOrEmpty(Inputs))
            {
                return ValidationResult.Error("--method and --inputs are required.");
            }

            if (Format is not ("table" or "json"))
            {
                return ValidationResult.Error($"--format must be table or json, not '{Format}'.");
            }

            return Lang is "fr" or "en" ? ValidationResult.Success() : ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var compiled = Engine.LoadAndCompile(settings.Method, settings.MethodsDir);
        using var method = compiled.Method;
        if (DiagnosticPrinter.Print(compiled.Diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        var (result, diagnostics) = Engine.Evaluate(method, settings.Inputs);
        if (DiagnosticPrinter.Print(diagnostics, error) || result is null)
        {
            return ExitCodes.Invalid;
        }

        if (settings.Format == "json")
        {
            var text = EvaluationRecord.ToText(result);
            if (settings.Out is null)
            {
                output.Write(text);
            }
            else
            {
                OutputFile.Write(settings.Out, text);
                output.WriteLine($"{result.Method.Method.Reference}: {result.Results.Count} results, {result.Findings.Count} finding(s); evaluation record written to {settings.Out}");
            }

            return ExitCodes.Success;
        }

        if (settings.Out is not null)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            ResultTable.Write(result, settings.Lang, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }));
            OutputFile.Write(settings.Out, writer.ToString());
        }
        else
        {
            ResultTable.Write(result, settings.Lang, console);
        }

        return ExitCodes.Success;
    }
}
