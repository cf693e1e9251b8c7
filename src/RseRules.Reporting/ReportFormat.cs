namespace RseRules.Reporting;

/// <summary>Output formats of a report.</summary>
public enum ReportFormat
{
    /// <summary>One self-contained, print-ready HTML file.</summary>
    Html,

    /// <summary>GitHub-flavoured Markdown.</summary>
    Markdown,

    /// <summary>PDF printed from the HTML by a local headless Chromium.</summary>
    Pdf,
}
