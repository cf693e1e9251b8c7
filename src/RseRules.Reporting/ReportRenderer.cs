using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;
using RseRules.Reporting.Rendering;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RseRules.Reporting;

/// <summary>
/// Renders an evaluation record through a Scriban template set: <c>&lt;set&gt;/html/report.sbn</c> or
/// <c>&lt;set&gt;/md/report.sbn</c>, which include their partials (one per section) from the same folder. A template
/// error comes back as a diagnostic with the template file, line and column, and no text: never a half-written report.
/// </summary>
public static class ReportRenderer
{
    /// <summary>Renders HTML or Markdown (a PDF is printed from the HTML by <see cref="PdfPrinter"/>).</summary>
    /// <param name="method">The method the record was evaluated with (labels, formulas, parameters).</param>
    /// <param name="record">The evaluation record (see <c>EvaluationRecord</c>).</param>
    /// <param name="templateSet">The template set folder.</param>
    /// <param name="options">Language, format, date.</param>
    /// <param name="deviations">Statements of how the method deviates from the published norm (empty when it does not).</param>
    /// <param name="uncertainty">The simulation and sensitivity of a document with distributions (templates see it as
    /// <c>simulation</c>, null when absent).</param>
    public static RenderResult Render(MethodDefinition method, JObject record, string templateSet, ReportOptions options, IReadOnlyList<string>? deviations = null, ReportUncertainty? uncertainty = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        return Load(templateSet, "report.sbn", options, out var loader, out var main, out var source)
            ?? Render(method, record, source!, main!, loader!, options, deviations, uncertainty);
    }

    /// <summary>
    /// Renders a comparison of several evaluations of one method (scenarios) through the set's <c>compare.sbn</c>
    /// (see <see cref="HasComparison"/>): headline results side by side with their differences, decisions, curves overlaid,
    /// what changed in the inputs.
    /// </summary>
    /// <param name="method">The method every scenario was evaluated with.</param>
    /// <param name="scenarios">Two or more named evaluation records.</param>
    /// <param name="templateSet">The template set folder.</param>
    /// <param name="options">Language, format, date.</param>
    public static RenderResult RenderComparison(MethodDefinition method, IReadOnlyList<Scenario> scenarios, string templateSet, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("A comparison needs scenarios.", nameof(scenarios));
        }

        return Load(templateSet, "compare.sbn", options, out var loader, out var main, out var source)
            ?? RenderSource(() => ReportData.BuildComparison(method, scenarios, options), source!, main!, loader!, options);
    }

    /// <summary>
    /// Renders an HTML fragment of an evaluation through the set's <c>html/panel.sbn</c> (see <see cref="HasPanel"/>): what
    /// the workbench shows beside its form as the user types (decision, headline results, charts, findings, and the
    /// simulation when there is one). It sees what a report sees; no Content-Security-Policy is added (the page has one).
    /// </summary>
    /// <param name="method">The method the record was evaluated with.</param>
    /// <param name="record">The evaluation record.</param>
    /// <param name="templateSet">The template set folder.</param>
    /// <param name="options">Language and date (the format is HTML).</param>
    /// <param name="uncertainty">A simulation and sensitivity to show, or null.</param>
    public static RenderResult RenderPanel(MethodDefinition method, JObject record, string templateSet, ReportOptions options, ReportUncertainty? uncertainty = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        options = options with { Format = ReportFormat.Html };
        return Load(templateSet, "panel.sbn", options, out var loader, out var main, out var source)
            ?? RenderSource(() => ReportData.Build(method, record, options, [], uncertainty), source!, main!, loader!, options, fragment: true);
    }

    /// <summary>Whether a template set has a workbench panel (<c>html/panel.sbn</c>).</summary>
    public static bool HasPanel(string templateSet)
    {
        ArgumentNullException.ThrowIfNull(templateSet);
        return File.Exists(Path.Combine(templateSet, "html", "panel.sbn"));
    }

    /// <summary>Whether a template set has a comparison template (<c>compare.sbn</c>) for a format.</summary>
    public static bool HasComparison(string templateSet, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(templateSet);
        return File.Exists(Path.Combine(templateSet, format == ReportFormat.Markdown ? "md" : "html", "compare.sbn"));
    }

    /// <summary>Finds and reads a set's main template; a failed result when it cannot.</summary>
    private static RenderResult? Load(string templateSet, string name, ReportOptions options, out FolderTemplateLoader? loader, out string? main, out string? source)
    {
        var limits = options.Limits;
        var folder = Path.Combine(templateSet, options.Format == ReportFormat.Markdown ? "md" : "html");
        (loader, main, source) = (null, null, null);
        try
        {
            loader = new FolderTemplateLoader(folder, limits.TemplateFileBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(new Diagnostic(DiagnosticCode.TemplateNotFound, Severity.Error, $"Template set '{templateSet}' cannot be read: {ex.Message}", templateSet));
        }

        // The main template passes the same checks as the partials: a real file of the set, not a link out of it.
        main = loader.Resolve(name, out var problem);
        if (main is null)
        {
            return Fail(new Diagnostic(DiagnosticCode.TemplateNotFound, Severity.Error,
                $"Template set '{templateSet}': {problem!.Replace("{name}", Path.GetRelativePath(templateSet, Path.Combine(folder, name)), StringComparison.Ordinal)}", templateSet));
        }

        try
        {
            source = FolderTemplateLoader.ReadText(main, limits.TemplateFileBytes);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DecoderFallbackException)
        {
            return Fail(new Diagnostic(DiagnosticCode.TemplateNotFound, Severity.Error, $"Template '{main}' cannot be read: {ex.Message}", main));
        }
    }

    /// <summary>Renders a main template given as text (its partials still come from <paramref name="loader"/>'s set); the
    /// fuzzing harness's entry point.</summary>
    internal static RenderResult Render(MethodDefinition method, JObject record, string source, string main, FolderTemplateLoader loader, ReportOptions options,
        IReadOnlyList<string>? deviations = null, ReportUncertainty? uncertainty = null) =>
        RenderSource(() => ReportData.Build(method, record, options, deviations ?? [], uncertainty), source, main, loader, options);

    private static RenderResult RenderSource(Func<ScriptObject> data, string source, string main, FolderTemplateLoader loader, ReportOptions options, bool fragment = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits;
        var template = Template.Parse(source, main);
        if (template.HasErrors)
        {
            return Fail([.. template.Messages.Select(m => ToDiagnostic(m.Span, m.Message, DiagnosticCode.TemplateSyntax))]);
        }

        var context = new ReportTemplateContext(options.Format, limits) { TemplateLoader = loader };
        context.PushCulture(System.Globalization.CultureInfo.InvariantCulture);
        context.PushGlobal(data());
        try
        {
            var text = template.Render(context);
            context.CheckBounds(template.Page?.Span ?? default);
            return new RenderResult(options.Format == ReportFormat.Markdown || fragment ? text : ContentSecurityPolicy.Inject(text), []);
        }
        catch (ScriptParserRuntimeException ex)
        {
            return Fail([.. ex.ParserMessages.Select(m => ToDiagnostic(m.Span, m.Message, DiagnosticCode.TemplateSyntax))]);
        }
        catch (ScriptRuntimeException ex)
        {
            return Fail(ToDiagnostic(ex.Span, ex.OriginalMessage, DiagnosticCode.TemplateRuntime));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InsufficientExecutionStackException or FormatException or OverflowException)
        {
            // What Scriban raises outside a node (its string limits, a stack too deep to go on): still the template's fault.
            return Fail(new Diagnostic(DiagnosticCode.TemplateRuntime, Severity.Error, $"The template failed: {ex.Message}", main));
        }
    }

    private static RenderResult Fail(params Diagnostic[] diagnostics) => new(null, diagnostics);

    private static Diagnostic ToDiagnostic(SourceSpan span, string message, DiagnosticCode code)
    {
        var file = string.IsNullOrEmpty(span.FileName) ? null : Path.GetRelativePath(Environment.CurrentDirectory, span.FileName);
        if (file is not null && file.StartsWith("..", StringComparison.Ordinal))
        {
            file = span.FileName; // outside the current folder: the full path reads better than ../../..
        }

        return new Diagnostic(code, Severity.Error, message, file, span.Start.Line + 1, span.Start.Column + 1);
    }
}
