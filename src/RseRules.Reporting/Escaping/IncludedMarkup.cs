namespace RseRules.Reporting.Escaping;

/// <summary>
/// The output of an included template: escaped for the place where it was included, so it may be printed as is there —
/// and only there (the context it was rendered for must be the current one).
/// </summary>
internal sealed class IncludedMarkup(string text, IOutputContext renderedFor) : Markup(text)
{
    /// <summary>The output context the template was rendered for.</summary>
    public IOutputContext RenderedFor { get; } = renderedFor;
}
