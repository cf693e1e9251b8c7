using System.ComponentModel;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Spreadsheets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse inputs template --method M [--inputs F] [--lang fr|en] --out F.xlsx</c>: the Excel workbook of the method's inputs
/// (a sheet per section, drop-down lists, a column per year), prefilled from an input document when one is given.
/// </summary>
internal sealed class InputsTemplateCommand(TextWriter output, TextWriter error) : Command<InputsTemplateCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandOption("-m|--method <METHOD>")]
        [Description("Method file, folder, or id@version.")]
        public string Method { get; init; } = string.Empty;

        [CommandOption("-i|--inputs <FILE>")]
        [Description("Input document (JSON) to prefill the cells with; without it the template is empty.")]
        public string? Inputs { get; init; }

        [CommandOption("--lang <LANG>")]
        [Description("Language of labels, sheet names and drop-down lists: fr (default) or en.")]
        [DefaultValue("fr")]
        public string Lang { get; init; } = "fr";

        [CommandOption("-o|--out <FILE>")]
        [Description("The workbook to write (.xlsx).")]
        public string Out { get; init; } = string.Empty;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Method) || string.IsNullOrEmpty(Out))
            {
                return ValidationResult.Error("--method and --out are required.");
            }

            if (!string.Equals(Path.GetExtension(Out), ".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"--out must name an .xlsx file, not '{Out}'.");
            }

            return Lang is "fr" or "en" ? ValidationResult.Success() : ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var method = settings.Load(settings.Method, diagnostics);

        JObject? prefill = null;
        if (settings.Inputs is not null && !Engine.HasErrors(diagnostics))
        {
            var source = JsonSource.Load(settings.Inputs, diagnostics, messages: InputMessages.For(settings.Lang));
            prefill = source?.Root as JObject;
            if (source is not null && prefill is null)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCode.InputSchema, Severity.Error, "An input document is a JSON object.", settings.Inputs, 1, 1, string.Empty));
            }
        }

        if (DiagnosticPrinter.Print(diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        using var buffer = new MemoryStream();
        var written = InputWorkbook.WriteTemplate(method, prefill, settings.Lang, buffer, settings.Inputs);
        if (DiagnosticPrinter.Print(written, error))
        {
            return ExitCodes.Invalid;
        }

        OutputFile.Write(settings.Out, stream => buffer.WriteTo(stream));
        var what = prefill is null ? "input template" : "input workbook";
        output.WriteLine($"{method.Reference}: {what} ({settings.Lang}) written to {settings.Out}");
        return ExitCodes.Success;
    }
}
