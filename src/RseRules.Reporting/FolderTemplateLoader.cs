using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RseRules.Reporting;

/// <summary>
/// Resolves <c>include "name"</c> to <c>name.sbn</c> inside one folder (and its subfolders) only: a template cannot
/// read a file outside its template set.
/// </summary>
internal sealed class FolderTemplateLoader(string root) : ITemplateLoader
{
    private readonly string root = Path.GetFullPath(root);

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        var name = templateName.EndsWith(".sbn", StringComparison.Ordinal) ? templateName : templateName + ".sbn";
        var full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ScriptRuntimeException(callerSpan, $"Template '{templateName}' is outside the template set.");
        }

        if (!File.Exists(full))
        {
            throw new ScriptRuntimeException(callerSpan, $"Template '{templateName}' not found in {root}.");
        }

        return full;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        new(File.ReadAllText(templatePath));
}
