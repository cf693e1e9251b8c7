namespace RseRules.Reporting;

/// <summary>How to render a report. Immutable; change with <c>with</c>.</summary>
public sealed record ReportOptions
{
    /// <summary>French, the reference language, as the default.</summary>
    public static ReportOptions Default { get; } = new();

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public string Language { get; init; } = "fr";

    /// <summary>Output format.</summary>
    public ReportFormat Format { get; init; } = ReportFormat.Html;

    /// <summary>A template set folder given by the user; null: the method's declared set.</summary>
    public string? TemplateDirectory { get; init; }

    /// <summary>The date printed on the cover (ISO yyyy-mm-dd); null: today (UTC). Set it for reproducible reports.</summary>
    public string? Date { get; init; }

    /// <summary>What a rendering may spend (time, memory, output size): a template may come from anyone.</summary>
    public Rendering.RenderLimits Limits { get; init; } = Rendering.RenderLimits.Default;
}
