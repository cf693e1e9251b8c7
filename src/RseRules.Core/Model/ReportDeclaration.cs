namespace RseRules.Core.Model;

/// <summary>
/// What a method wants a report to show first (its <c>report</c> member): read by <c>rse report</c> and by the template
/// sets (the default set presents any method from it and from the declarations). Every member is optional.
/// </summary>
public sealed record ReportDeclaration
{
    /// <summary>The template set (a folder of <c>templates/</c>); null: the default set.</summary>
    public string? Template { get; init; }

    /// <summary>The report's title; null: the method's title.</summary>
    public LocalizedText? Title { get; init; }

    /// <summary>JSON pointer of the text input naming what a document is about (printed on the cover), or null.</summary>
    public string? Subject { get; init; }

    /// <summary>The result stating the recommendation, or null.</summary>
    public string? Decision { get; init; }

    /// <summary>The results shown in the summary, in order (empty: the default set picks the first numeric ones).</summary>
    public IReadOnlyList<string> Headline { get; init; } = [];

    /// <summary>Charts over results.</summary>
    public IReadOnlyList<ReportChart> Charts { get; init; } = [];

    /// <summary>The order of the default set's body sections (empty: its own order).</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];

    /// <summary>JSON pointer of the <c>report</c> member in the method file.</summary>
    public string Pointer { get; init; } = "/report";
}
