using Newtonsoft.Json.Linq;
using RseRules.Core.Model;
using RseRules.Reporting;
using RseRules.Web.Hosting;

namespace RseRules.Web.Evaluation;

/// <summary>
/// Where the workbench finds template sets: the configured templates folder, else as <c>rse report</c> finds it
/// (RSE_TEMPLATES_DIR, the nearest templates/ folder, the one beside the program).
/// </summary>
public sealed class ReportSets(WorkbenchOptions options)
{
    /// <summary>The set a method's reports use (its own, else the default set), or null when none is found.</summary>
    public string? For(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Find(method.ReportTemplate ?? TemplateLocator.DefaultSet) ?? Find(TemplateLocator.DefaultSet);
    }

    /// <summary>The set whose <c>panel.sbn</c> the live panel uses: the method's when it has one, else the default set.</summary>
    public string? PanelFor(MethodDefinition method) =>
        For(method) is { } set && ReportRenderer.HasPanel(set) ? set : Find(TemplateLocator.DefaultSet);

    /// <summary>The set for comparisons: the method's when it has <c>compare.sbn</c>, else the default set.</summary>
    public string? ComparisonFor(MethodDefinition method, ReportFormat format) =>
        For(method) is { } set && ReportRenderer.HasComparison(set, format) ? set : Find(TemplateLocator.DefaultSet);

    /// <summary>
    /// The live panel of a record as HTML (the set <see cref="PanelFor"/> gives), or a located error in its place when a
    /// template fails; null when no template set is found. Undated: a panel shows no date.
    /// </summary>
    public string? Panel(MethodDefinition method, JObject record, string language, ReportUncertainty? uncertainty = null)
    {
        if (PanelFor(method) is not { } set)
        {
            return null;
        }

        var rendered = ReportRenderer.RenderPanel(method, record, set, ReportOptions.Default with { Language = language, Date = "2000-01-01" }, uncertainty);
        return rendered.Text ?? "<p class=\"alert error\">" + System.Net.WebUtility.HtmlEncode(string.Join(" ", rendered.Diagnostics)) + "</p>";
    }

    private string? Find(string name) =>
        options.TemplatesDir is { Length: > 0 } root
            ? (Directory.Exists(Path.Combine(root, name)) ? Path.Combine(root, name) : null)
            : TemplateLocator.Find(null, name);
}
