using System.ComponentModel;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Uncertainty;
using RseRules.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse report</c>: evaluates (or reads a saved evaluation record) and renders the white-paper report through the
/// method's Scriban template set, as HTML, Markdown or PDF.
/// </summary>
internal sealed class ReportCommand(TextWriter output, TextWriter error) : Command<ReportCommand.Settings>
{
    internal sealed class Settings : EvaluationSourceSettings
    {
        [CommandOption("--lang <LANG>")]
        [Description("fr (default) or en.")]
        [DefaultValue("fr")]
        public string Lang { get; init; } = "fr";

        [CommandOption("-f|--format <FORMAT>")]
        [Description("html, md or pdf (default: from the extension of --out: .html/.htm, .md, .pdf).")]
        public string? Format { get; init; }

        [CommandOption("-o|--out <FILE>")]
        [Description("The report file to write; its extension gives the format when --format is absent.")]
        public string Out { get; init; } = string.Empty;

        /// <summary>The format asked for: --format, else the extension of --out (null when neither says; Validate refuses it).</summary>
        public string? EffectiveFormat => Format ?? FormatOf(Out);

        [CommandOption("--template <DIR>")]
        [Description("A template set folder to use instead of the method's.")]
        public string? Template { get; init; }

        [CommandOption("--date <YYYY-MM-DD>")]
        [Description("Date printed on the cover (default: today, UTC).")]
        public string? Date { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Out))
            {
                return ValidationResult.Error("--out is required.");
            }

            if (ValidateSource() is { } source)
            {
                return source;
            }

            if (Format is not (null or "html" or "md" or "pdf"))
            {
                return ValidationResult.Error($"--format must be html, md or pdf, not '{Format}'.");
            }

            var extension = Path.GetExtension(Out);
            var fromExtension = FormatOf(Out);
            if (fromExtension is null && (Format is null || extension.Length > 0))
            {
                return ValidationResult.Error(extension.Length == 0
                    ? "--out has no extension: name the file .html, .md or .pdf, or pass --format."
                    : $"--out ends with '{extension}', which is not a report format (.html, .htm, .md, .pdf).");
            }

            if (Format is not null && fromExtension is not null && Format != fromExtension)
            {
                return ValidationResult.Error($"--format {Format} contradicts --out {Path.GetFileName(Out)} (a .{fromExtension switch { "md" => "md", "pdf" => "pdf", _ => "html" }} file).");
            }

            if (Date is not null && !DateOnly.TryParseExact(Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                return ValidationResult.Error($"--date must be YYYY-MM-DD, not '{Date}'.");
            }

            return Lang is "fr" or "en" ? ValidationResult.Success() : ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }

        private static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => "html",
            ".md" => "md",
            ".pdf" => "pdf",
            _ => null,
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        ReportUncertainty? uncertainty = null;
        MethodDefinition? method;
        var records = new List<(string Name, JObject Record)>();
        if (settings.Record is not null)
        {
            (method, var record, var verified) = RecordReader.ReadVerified(settings.Record, settings.Method, settings, error, settings.Trust);
            if (verified != ExitCodes.Success)
            {
                return verified;
            }

            records.Add((Path.GetFileNameWithoutExtension(settings.Record), record!));
        }
        else
        {
            method = Evaluate(settings, diagnostics, records, out uncertainty);
        }

        if (DiagnosticPrinter.Print(diagnostics, error) || method is null || records.Count == 0)
        {
            return ExitCodes.Invalid;
        }

        var comparison = records.Count > 1;
        var format = settings.EffectiveFormat switch { "md" => ReportFormat.Markdown, "pdf" => ReportFormat.Pdf, _ => ReportFormat.Html };
        var set = method.ReportTemplate ?? TemplateLocator.DefaultSet;
        var templates = TemplateLocator.Find(settings.Template, set);
        if (templates is null)
        {
            error.WriteLine(new Diagnostic(DiagnosticCode.TemplateNotFound, Severity.Error,
                settings.Template is null ? $"Template set '{set}' (declared by {method.Reference}) not found: pass --template or set {TemplateLocator.TemplatesDirVariable}." : $"Template folder '{settings.Template}' does not exist.",
                settings.Template).ToString());
            return ExitCodes.Invalid;
        }

        if (comparison && !ReportRenderer.HasComparison(templates, format) && TemplateLocator.Find(null, TemplateLocator.DefaultSet) is { } defaults)
        {
            templates = defaults; // a set without a comparison template compares with the default set's
        }

        var options = ReportOptions.Default with { Language = settings.Lang, Format = format, TemplateDirectory = templates, Date = settings.Date };
        var rendered = comparison
            ? ReportRenderer.RenderComparison(method, [.. records.Select(r => new Scenario(r.Name, r.Record))], templates, options)
            : ReportRenderer.Render(method, records[0].Record, templates, options, uncertainty: uncertainty);
        if (DiagnosticPrinter.Print(rendered.Diagnostics, error) || rendered.Text is null)
        {
            return ExitCodes.Invalid;
        }

        if (format == ReportFormat.Pdf)
        {
            if (DiagnosticPrinter.Print(PdfPrinter.Print(rendered.Text, settings.Out), error))
            {
                return ExitCodes.Invalid;
            }
        }
        else
        {
            OutputFile.Write(settings.Out, rendered.Text);
        }

        var what = comparison ? $"comparison of {records.Count} scenarios" : "report";
        output.WriteLine($"{method.Reference}: {settings.EffectiveFormat} {what} ({settings.Lang}) written to {settings.Out}");
        return ExitCodes.Success;
    }

    /// <summary>Iterations of the simulation a report runs when the inputs carry distributions (seed <see cref="ReportSeed"/>).</summary>
    internal const int ReportIterations = 10_000;

    /// <summary>The seed of that simulation: a report is reproducible.</summary>
    internal const ulong ReportSeed = 1;

    /// <summary>Evaluates every --inputs document (the method compiled once); one with distributions, alone, gets the
    /// uncertainty section. Returns the method, or null when something failed (diagnostics say what).</summary>
    private MethodDefinition? Evaluate(Settings settings, List<Diagnostic> diagnostics, List<(string Name, JObject Record)> records, out ReportUncertainty? uncertainty)
    {
        uncertainty = null;
        var compiled = settings.LoadAndCompile(settings.Method!, error);
        diagnostics.AddRange(compiled.Diagnostics);
        using var method = compiled.Method;
        if (method is null)
        {
            return null;
        }

        var failed = false;
        foreach (var inputs in settings.Inputs)
        {
            var (result, evaluation) = Engine.Evaluate(method, inputs, settings.Lang);
            diagnostics.AddRange(evaluation);
            if (result is not { Success: true })
            {
                failed = true;
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(inputs);
            var taken = records.Count(r => r.Name == name || r.Name.StartsWith(name + " (", StringComparison.Ordinal));
            records.Add((taken == 0 ? name : $"{name} ({taken + 1})", EvaluationRecord.Build(result)));
            if (settings.Inputs.Length == 1 && result.Inputs.Uncertain.Count > 0)
            {
                // The report's uncertainty section: the same simulation every time (10,000 iterations, seed 1) and the tornado.
                uncertainty = new ReportUncertainty(
                    Simulator.Run(method, result.Inputs, SimulationOptions.Default with { Iterations = ReportIterations, Seed = ReportSeed }),
                    Sensitivity.Analyze(method, result.Inputs));
            }
        }

        return failed ? null : method.Method;
    }
}
