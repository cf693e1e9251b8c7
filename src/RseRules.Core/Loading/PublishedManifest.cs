using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Loading;

/// <summary>
/// The manifest of published method versions, <c>&lt;methods&gt;/manifest.json</c>: <c>{ "published": { "id@version":
/// "sha256" } }</c>. A published version is immutable: loading one whose canonical content no longer has its published
/// hash is an error (<see cref="DiagnosticCode.PublishedVersionChanged"/>). A version absent from the manifest is a
/// draft. <c>rse publish</c> adds entries.
/// </summary>
public static class PublishedManifest
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The manifest that governs a method file (<c>&lt;methods&gt;/&lt;id&gt;/&lt;version&gt;/method.json</c>), if any.</summary>
    public static string? PathFor(string methodFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(methodFile));
        var methods = folder is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(folder));
        var path = methods is null ? null : Path.Combine(methods, FileName);
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>The published hashes in a manifest file (empty when it has none).</summary>
    public static IReadOnlyDictionary<string, string> Read(string manifestPath, ICollection<Diagnostic> diagnostics)
    {
        var source = JsonSource.Load(manifestPath, diagnostics);
        var published = source?.Root["published"] as JObject;
        return published?.Properties().Where(p => p.Value.Type == JTokenType.String).ToDictionary(p => p.Name, p => p.Value.Value<string>()!, StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Checks a loaded method against the manifest that governs it.</summary>
    public static void Check(MethodDefinition method, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var manifest = PathFor(method.Source.Path);
        if (manifest is null)
        {
            return;
        }

        if (Read(manifest, diagnostics).TryGetValue(method.Reference, out var published) && published != method.Sha256)
        {
            diagnostics.Add(method.Source.At(string.Empty, DiagnosticCode.PublishedVersionChanged,
                $"{method.Reference} was published with sha256 {published} ({Path.GetRelativePath(Environment.CurrentDirectory, manifest)}) but the file now has sha256 {method.Sha256}: published versions are immutable, publish the change as a new version."));
        }
    }

    /// <summary>Adds a method to its manifest (creating it beside the methods folder). Returns an error message or null.</summary>
    public static string? Publish(MethodDefinition method, string methodsDir)
    {
        ArgumentNullException.ThrowIfNull(method);
        var path = Path.Combine(methodsDir, FileName);
        var root = File.Exists(path) ? JObject.Parse(File.ReadAllText(path)) : new JObject { ["$comment"] = "Published method versions and the SHA-256 of their canonical JSON. Immutable: never edit an entry; publish a new version." };
        var published = root["published"] as JObject ?? [];
        if (published[method.Reference]?.Value<string>() is { } existing)
        {
            return existing == method.Sha256 ? null : $"{method.Reference} is already published with sha256 {existing}; the file has sha256 {method.Sha256}. Publish the change as a new version.";
        }

        published[method.Reference] = method.Sha256;
        root["published"] = new JObject(published.Properties().OrderBy(p => p.Name, StringComparer.Ordinal));
        var temp = path + ".tmp";
        File.WriteAllText(temp, CanonicalJson.WriteIndented(root));
        File.Move(temp, path, overwrite: true);
        return null;
    }
}
