namespace RseRules.Reporting.Escaping;

/// <summary>
/// Markup the engine produced (a chart's SVG), which a template prints as is — the only text that is not escaped. A
/// template cannot make one from a string: only the engine's functions return it.
/// </summary>
internal class Markup(string text)
{
    /// <summary>The markup.</summary>
    public string Text { get; } = text;

    /// <inheritdoc/>
    public override string ToString() => Text;
}
