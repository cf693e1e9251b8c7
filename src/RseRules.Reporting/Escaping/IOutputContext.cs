namespace RseRules.Reporting.Escaping;

/// <summary>
/// Where the next character of a report's output falls, for one output language (HTML, Markdown): fed every character
/// the template writes, it escapes each value for the exact place it is printed at — the contextual auto-escaping of
/// Go's <c>html/template</c>, done as the output is produced. A value that cannot be printed safely where it stands (in a
/// script, in a tag's name) is refused with a message rather than written.
/// </summary>
internal interface IOutputContext
{
    /// <summary>Advances over text that was written to the output as is (template text, escaped values, markup).</summary>
    void Feed(string text, int start, int count);

    /// <summary>The value escaped for the current position, or null with <paramref name="refusal"/> saying why it cannot
    /// be printed there.</summary>
    string? Escape(string value, out string? refusal);

    /// <summary>Whether markup the engine produced (a chart's SVG) may be written at the current position.</summary>
    bool AcceptsMarkup(out string? refusal);

    /// <summary>A copy of the current state (an included template starts where it is included).</summary>
    IOutputContext Clone();

    /// <summary>Whether two contexts are at the same kind of position (same state, whatever came before).</summary>
    bool SameState(IOutputContext other);
}
