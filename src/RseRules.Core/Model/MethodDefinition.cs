using RseRules.Core.Json;

namespace RseRules.Core.Model;

/// <summary>A method as loaded from its file. Immutable.</summary>
public sealed record MethodDefinition
{
    /// <summary>Version of the method file format: 1, or 2 for a method that uses enum, record or collection indicators,
    /// record or collection parameters, <c>Scales</c> in formulas or <c>forEach</c> over other values than a collection
    /// input (see methods/README.md, "Format versions").</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>Method identifier (<c>rse-value</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Semantic version (<c>1.0.0</c>).</summary>
    public required string Version { get; init; }

    /// <summary>Title in French and English.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Description in French and English.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>The base method of an overlay (reserved).</summary>
    public string? Extends { get; init; }

    /// <summary>For an overlay: the SHA-256 its base must have (<c>baseSha256</c>), or null when the base is not pinned.</summary>
    public string? BaseSha256 { get; init; }

    /// <summary>For an overlay: narrower bounds for base inputs (<c>tighten</c>), by input id.</summary>
    public IReadOnlyDictionary<string, BoundsTightening> Tightenings { get; init; } = new Dictionary<string, BoundsTightening>();

    /// <summary>For an overlay: base results it no longer exposes (<c>removeResults</c>).</summary>
    public IReadOnlyList<ResultRemoval> RemovedResults { get; init; } = [];

    /// <summary>Named scales.</summary>
    public IReadOnlyList<ScaleDefinition> Scales { get; init; } = [];

    /// <summary>Constants.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];

    /// <summary>Top-level properties of the input document.</summary>
    public IReadOnlyList<Declaration> Inputs { get; init; } = [];

    /// <summary>Computed values.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; init; } = [];

    /// <summary>Findings and input checks.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];

    /// <summary>What an evaluation exposes, in order.</summary>
    public IReadOnlyList<ResultDefinition> Results { get; init; } = [];

    /// <summary>What a report shows first (the <c>report</c> member), or null.</summary>
    public ReportDeclaration? Report { get; init; }

    /// <summary>The report template set the method names, or null (the default set).</summary>
    public string? ReportTemplate => Report?.Template;

    /// <summary>An overlay's relabellings: id of a base indicator, input or parameter → new label.</summary>
    public IReadOnlyDictionary<string, LocalizedText> Labels { get; init; } = new Dictionary<string, LocalizedText>();

    /// <summary>For an overlay: the methods it extends, nearest first, with their hashes.</summary>
    public IReadOnlyList<MethodReference> Bases { get; init; } = [];

    /// <summary>For an overlay: every way it deviates from its bases, in French and English.</summary>
    public IReadOnlyList<LocalizedText> Deviations { get; init; } = [];

    /// <summary>The file it was read from (for an overlay: its own file, with its base mounted under <c>base:</c>).</summary>
    public required JsonSource Source { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the canonical JSON of the method file.</summary>
    public required string Sha256 { get; init; }

    /// <summary><c>id@version</c>.</summary>
    public string Reference => Id + "@" + Version;

    /// <summary>The folder that holds the method file.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Source.Path)) ?? ".";
}
