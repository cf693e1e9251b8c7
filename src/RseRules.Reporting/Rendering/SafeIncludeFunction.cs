using RseRules.Reporting.Escaping;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RseRules.Reporting.Rendering;

/// <summary>
/// <c>include "name"</c>: renders a template of the set (found by <see cref="FolderTemplateLoader"/>) starting in the
/// output context of the place it is included at, and returns its output as <see cref="IncludedMarkup"/>, which is
/// written as is there — its values were escaped as it rendered. Scriban's own include returns a string, which escaping
/// by default would escape a second time.
/// </summary>
internal sealed class SafeIncludeFunction(ReportTemplateContext owner) : IScriptCustomFunction
{
    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    public Type ReturnType => typeof(object);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        var caller = callerContext ?? context.CurrentNode;
        var span = caller?.Span ?? context.CurrentSpan;
        if (arguments.Count == 0 || arguments[0] is not string name || name.Length == 0)
        {
            throw new ScriptRuntimeException(span, "include needs the name of a template of the set: include \"_section\".");
        }

        var path = context.GetTemplatePathFromName(name, caller) ?? throw new ScriptRuntimeException(span, $"Template '{name}' not found.");
        var template = context.GetOrCreateTemplate(path, caller);
        var at = owner.CurrentContext();
        owner.PendingInclude = at.Clone();
        var text = context.RenderTemplate(template, arguments, caller);
        owner.PendingInclude = null;
        return new IncludedMarkup(text, at.Clone());
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));

    public ScriptParameterInfo GetParameterInfo(int index) =>
        index == 0 ? new ScriptParameterInfo(typeof(string), "template_name") : new ScriptParameterInfo(typeof(object), "value");

}
