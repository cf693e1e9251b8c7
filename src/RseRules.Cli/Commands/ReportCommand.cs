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
        [Description("html (default), md or pdf.")]
        [DefaultValue("html")]
        public string Format { get; init; } = "html";

        [CommandOption("-o|--out <FILE>")]
        [Description("The report file to write.")]
        public string Out { get; init; } = string.Empty;

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

            if (Format is not ("html" or "md" or "pdf"))
            {
                return ValidationResult.Error($"--format must be html, md or pdf, not '{Format}'.");
            }

            if (Date is not null && !DateOnly.TryParseExact(Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                return ValidationResult.Error($"--date must be YYYY-MM-DD, not '{Date}'.");
            }

            return Lang is "fr" or "en" ? ValidationResult.Success() : ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        ReportUncertainty? uncertainty = null;
        MethodDefinition? method;
        JObject? record;
        if (settings.Record is null)
        {
            (method, record) = Evaluate(settings, diagnostics, out uncertainty);
        }
        else
        {
            (method, record, var verified) = RecordReader.ReadVerified(settings.Record, settings.Method, settings, error);
            if (verified != ExitCodes.Success)
            {
                return verified;
            }
        }

        if (DiagnosticPrinter.Print(diagnostics, error) || method is null || record is null)
        {
            return ExitCodes.Invalid;
        }

        var set = method.ReportTemplate ?? "white-paper";
        var templates = TemplateLocator.Find(settings.Template, set);
        if (templates is null)
        {
            error.WriteLine(new Diagnostic(DiagnosticCode.TemplateNotFound, Severity.Error,
                settings.Template is null ? $"Template set '{set}' (declared by {method.Reference}) not found: pass --template or set {TemplateLocator.TemplatesDirVariable}." : $"Template folder '{settings.Template}' does not exist.",
                settings.Template).ToString());
            return ExitCodes.Invalid;
        }

        var format = settings.Format switch { "md" => ReportFormat.Markdown, "pdf" => ReportFormat.Pdf, _ => ReportFormat.Html };
        var options = ReportOptions.Default with { Language = settings.Lang, Format = format, TemplateDirectory = templates, Date = settings.Date };
        var rendered = ReportRenderer.Render(method, record, templates, options, uncertainty: uncertainty);
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

        output.WriteLine($"{method.Reference}: {settings.Format} report ({settings.Lang}) written to {settings.Out}");
        return ExitCodes.Success;
    }

    /// <summary>Iterations of the simulation a report runs when the inputs carry distributions (seed <see cref="ReportSeed"/>).</summary>
    internal const int ReportIterations = 10_000;

    /// <summary>The seed of that simulation: a report is reproducible.</summary>
    internal const ulong ReportSeed = 1;

    private (MethodDefinition? Method, JObject? Record) Evaluate(Settings settings, List<Diagnostic> diagnostics, out ReportUncertainty? uncertainty)
    {
        uncertainty = null;
        var compiled = settings.LoadAndCompile(settings.Method!, error);
        diagnostics.AddRange(compiled.Diagnostics);
        using var method = compiled.Method;
        if (method is null)
        {
            return (null, null);
        }

        var (result, evaluation) = Engine.Evaluate(method, settings.Inputs!);
        diagnostics.AddRange(evaluation);
        if (result is not { Success: true })
        {
            return (null, null);
        }

        if (result.Inputs.Uncertain.Count > 0)
        {
            // The report's uncertainty section: the same simulation every time (10,000 iterations, seed 1) and the tornado.
            uncertainty = new ReportUncertainty(
                Simulator.Run(method, result.Inputs, SimulationOptions.Default with { Iterations = ReportIterations, Seed = ReportSeed }),
                Sensitivity.Analyze(method, result.Inputs));
        }

        return (method.Method, EvaluationRecord.Build(result));
    }
}
