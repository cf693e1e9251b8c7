using System.ComponentModel;
using System.Globalization;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Spreadsheets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse evaluate --method M --inputs F</c>: the results as a table or as the JSON evaluation record. With a folder as
/// <c>--inputs</c>, every <c>*.json</c> document in it (sorted by name) is evaluated and summarized in CSV and JSON.
/// </summary>
internal sealed class EvaluateCommand(IAnsiConsole console, TextWriter output, TextWriter error, Terminal terminal) : Command<EvaluateCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandOption("-m|--method <METHOD>")]
        [Description("Method file, folder, or id@version.")]
        public string Method { get; init; } = string.Empty;

        [CommandOption("-i|--inputs <FILE>")]
        [Description("Input document (JSON), or a folder: every *.json in it, summarized in CSV and JSON.")]
        public string Inputs { get; init; } = string.Empty;

        [CommandOption("--columns <IDS>")]
        [Description("Folder of inputs: the result ids to put in the summary, comma-separated (default: every scalar result).")]
        public string? Columns { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("table (default for one document), json (the evaluation record) or xlsx (the record as an Excel workbook: results, findings, hashes and the inputs; needs --out). Folder of inputs: csv (default), json or table (a row per document).")]
        public string? Format { get; init; }

        [CommandOption("--width <COLUMNS>")]
        [Description("Width of the table (default: the terminal's; when the output is not a terminal, COLUMNS, else 100).")]
        public int? Width { get; init; }

        [CommandOption("--csv-culture <CULTURE>")]
        [Description("Folder of inputs: the CSV's culture, fr (; and decimal comma), en (, and decimal point) or invariant (, and point, codes rather than labels). Default: --lang's.")]
        public string? CsvCulture { get; init; }

        [CommandOption("--subject <POINTER>")]
        [Description("Folder of inputs: JSON pointer of the text naming each document's subject (e.g. /organization/name), a column after the file name. Default: the method's report.subject.")]
        public string? Subject { get; init; }

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the output to a file instead of stdout (folder of inputs: <out>.csv and <out>.json).")]
        public string? Out { get; init; }

        [CommandOption("--lang <LANG>")]
        [Description("Language of labels and findings: fr (default) or en.")]
        [DefaultValue("fr")]
        public string Lang { get; init; } = "fr";

        [CommandOption("--sign <KEYFILE>")]
        [Description("With --format json: sign the record with this private key (rse keys new): a signature member over its recordSha256.")]
        public string? Sign { get; init; }

        public override ValidationResult Validate()
        {
            if (Sign is not null && (Format != "json" || Directory.Exists(Inputs)))
            {
                return ValidationResult.Error("--sign signs one evaluation record: it needs --format json and one input document.");
            }

            if (string.IsNullOrEmpty(Method) || string.IsNullOrEmpty(Inputs))
            {
                return ValidationResult.Error("--method and --inputs are required.");
            }

            if (Columns is not null && !Directory.Exists(Inputs))
            {
                return ValidationResult.Error("--columns applies to a folder of inputs only.");
            }

            var folder = Directory.Exists(Inputs);
            if (Format is not (null or "table" or "json" or "xlsx" or "csv") || (Format == "csv" && !folder))
            {
                return ValidationResult.Error($"--format must be table, json or xlsx, not '{Format}' (a folder of inputs also takes csv).");
            }

            if ((CsvCulture is not null || Subject is not null) && !folder)
            {
                return ValidationResult.Error("--csv-culture and --subject apply to a folder of inputs only.");
            }

            if (CsvCulture is not (null or "fr" or "en" or "invariant"))
            {
                return ValidationResult.Error($"--csv-culture must be fr, en or invariant, not '{CsvCulture}'.");
            }

            if (Subject is { } subject && !subject.StartsWith('/'))
            {
                return ValidationResult.Error($"--subject must be a JSON pointer into the input document (e.g. /organization/name), not '{subject}'.");
            }

            if (Width is < 20 or > 1000)
            {
                return ValidationResult.Error("--width must be between 20 and 1000.");
            }

            if (Format == "xlsx" && (Out is null || Directory.Exists(Inputs) || !string.Equals(Path.GetExtension(Out), ".xlsx", StringComparison.OrdinalIgnoreCase)))
            {
                return ValidationResult.Error("--format xlsx writes one evaluation to an --out file ending in .xlsx.");
            }

            return Lang is "fr" or "en" ? ValidationResult.Success() : ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var compiled = settings.LoadAndCompile(settings.Method, error);
        using var method = compiled.Method;
        if (DiagnosticPrinter.Print(compiled.Diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        if (Directory.Exists(settings.Inputs))
        {
            var culture = (settings.CsvCulture ?? settings.Lang) switch { "en" => Core.Batch.CsvCulture.English, "invariant" => Core.Batch.CsvCulture.Invariant, _ => Core.Batch.CsvCulture.French };
            var options = new BatchOptions(settings.Lang, culture, settings.Subject, ResultTable.Width(settings.Width, console, Redirected(settings.Out)));
            return BatchEvaluation.Run(method, settings.Inputs, settings.Columns, settings.Format ?? "csv", settings.Out, options, console, output, error);
        }

        var (result, diagnostics) = Engine.Evaluate(method, settings.Inputs, settings.Lang);
        if (DiagnosticPrinter.Print(diagnostics, error) || result is null)
        {
            return ExitCodes.Invalid;
        }

        if (settings.Format == "json")
        {
            string text;
            if (settings.Sign is not null)
            {
                using var key = KeyFiles.ReadPrivate(settings.Sign, error);
                if (key is null)
                {
                    return ExitCodes.Invalid;
                }

                var record = EvaluationRecord.Build(result);
                RecordSignature.Sign(record, key);
                text = CanonicalJson.WriteIndented(record);
            }
            else
            {
                text = EvaluationRecord.ToText(result);
            }

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

        if (settings.Format == "xlsx")
        {
            using var buffer = new MemoryStream();
            var written = RecordWorkbook.Write(result.Method.Method, EvaluationRecord.Build(result), settings.Lang, buffer);
            if (DiagnosticPrinter.Print(written, error))
            {
                return ExitCodes.Invalid;
            }

            OutputFile.Write(settings.Out!, stream => buffer.WriteTo(stream));
            output.WriteLine($"{result.Method.Method.Reference}: {result.Results.Count} results, {result.Findings.Count} finding(s); evaluation workbook ({settings.Lang}) written to {settings.Out}");
            return ExitCodes.Success;
        }

        var width = ResultTable.Width(settings.Width, console, Redirected(settings.Out));
        if (settings.Out is not null)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            ResultTable.Write(result, settings.Lang, width, BatchEvaluation.FileConsole(writer));
            OutputFile.Write(settings.Out, writer.ToString());
        }
        else
        {
            ResultTable.Write(result, settings.Lang, width, console);
        }

        return ExitCodes.Success;
    }

    /// <summary>Whether the table goes anywhere but a terminal: a file, a pipe, or a writer other than the console's.</summary>
    private bool Redirected(string? outFile) => outFile is not null || !terminal.Output;
}
