namespace RseRules.Reporting.Rendering;

/// <summary>
/// What one rendering may spend, whatever its template does: a template may come from anyone, and a report that cannot
/// be rendered within these bounds ends with a located error (RSE8002) and writes nothing. Immutable; change with
/// <c>with</c>.
/// </summary>
public sealed record RenderLimits
{
    /// <summary>The limits of <c>rse report</c>.</summary>
    public static RenderLimits Default { get; } = new();

    /// <summary>Wall-clock time of one rendering (a safety net far above any real report, which renders in well under a second).</summary>
    public TimeSpan Time { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Bytes the rendering thread may allocate (garbage included) while rendering.</summary>
    public long AllocatedBytes { get; init; } = 1L << 30;

    /// <summary>Characters of output, and of any one text a template builds (Scriban's <c>LimitToString</c>).</summary>
    public int OutputCharacters { get; init; } = 8_000_000;

    /// <summary>Iterations of one loop (Scriban's <c>LoopLimit</c>, which also bounds the built-in functions that walk a list).</summary>
    public int LoopIterations { get; init; } = 100_000;

    /// <summary>Depth of nested includes and template function calls.</summary>
    public int Recursion { get; init; } = 50;

    /// <summary>Size of one template file, in bytes.</summary>
    public long TemplateFileBytes { get; init; } = 1 << 20;
}
