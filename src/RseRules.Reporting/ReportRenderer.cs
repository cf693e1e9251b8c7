using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;
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
        var folder = Path.Combine(templateSet, options.Format == ReportFormat.Markdown ? "md" : "html");
        var main = Path.Combine(folder, "report.sbn");
        if (!File.Exists(main))
        {
            return Fail(new Diagnostic(DiagnosticCode.TemplateNotFound, Severity.Error, $"Template set '{templateSet}' has no {Path.GetRelativePath(templateSet, main)}.", templateSet));
        }

        var template = Template.Parse(File.ReadAllText(main), main);
        if (template.HasErrors)
        {
            return Fail([.. template.Messages.Select(m => ToDiagnostic(m.Span, m.Message, DiagnosticCode.TemplateSyntax))]);
        }

        var context = new TemplateContext
        {
            TemplateLoader = new FolderTemplateLoader(folder),
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 100_000,
            RecursiveLimit = 50,
            LimitToString = 0,
            NewLine = "\n",
            MemberRenamer = member => member.Name,
        };
        context.PushCulture(System.Globalization.CultureInfo.InvariantCulture);
        context.PushGlobal(ReportData.Build(method, record, options, deviations ?? [], uncertainty));
        try
        {
            var text = template.Render(context);
            return new RenderResult(text, []);
        }
        catch (ScriptParserRuntimeException ex)
        {
            return Fail([.. ex.ParserMessages.Select(m => ToDiagnostic(m.Span, m.Message, DiagnosticCode.TemplateSyntax))]);
        }
        catch (ScriptRuntimeException ex)
        {
            return Fail(ToDiagnostic(ex.Span, ex.OriginalMessage, DiagnosticCode.TemplateRuntime));
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
