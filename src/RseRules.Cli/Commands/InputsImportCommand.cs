using System.ComponentModel;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Spreadsheets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse inputs import F.xlsx --method M [--out F.json]</c>: a filled input workbook back to the JSON input document, validated
/// as a JSON document is; every error names its cell (<c>Coûts!C7: …</c>) and nothing is written when there is one.
/// </summary>
internal sealed class InputsImportCommand(TextWriter output, TextWriter error) : Command<InputsImportCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandArgument(0, "<WORKBOOK>")]
        [Description("The filled workbook (.xlsx), written by 'rse inputs template'.")]
        public string Workbook { get; init; } = string.Empty;

        [CommandOption("-m|--method <METHOD>")]
        [Description("Method file, folder, or id@version (the workbook's method, in this or another version with the same input layout).")]
        public string Method { get; init; } = string.Empty;

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the input document (JSON) to a file instead of stdout.")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Method) ? ValidationResult.Error("--method is required.") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var method = settings.Load(settings.Method, diagnostics);

        if (DiagnosticPrinter.Print(diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        if (!File.Exists(settings.Workbook))
        {
            DiagnosticPrinter.Print([new Diagnostic(DiagnosticCode.FileNotFound, Severity.Error, $"File '{settings.Workbook}' does not exist.", settings.Workbook)], error);
            return ExitCodes.Invalid;
        }

        WorkbookReadResult read;
        using (var stream = new FileStream(settings.Workbook, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            read = InputWorkbook.Read(method, stream, settings.Workbook);
        }

        if (DiagnosticPrinter.Print(read.Diagnostics, error) || read.Document is not { } document)
        {
            return ExitCodes.Invalid;
        }

        var text = CanonicalJson.WriteIndented(document);
        if (settings.Out is null)
        {
            output.Write(text);
        }
        else
        {
            OutputFile.Write(settings.Out, text);
            output.WriteLine($"{method.Reference}: input document read from {settings.Workbook} ({read.Cells.Count} cells), written to {settings.Out}");
        }

        return ExitCodes.Success;
    }
}
