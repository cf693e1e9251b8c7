using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Loading;
using RseRules.Core.Model;

namespace RseRules.Web.Catalog;

/// <summary>
/// The methods the workbench serves: every <c>&lt;id&gt;/&lt;version&gt;/method.json</c> of the methods folder, read
/// and validated as the command line reads them, compiled once on first use. A request names a method by id and
/// version; both are looked up among the files found, never turned into a path: the web never reads or compiles a
/// method a visitor sent.
/// </summary>
public sealed class MethodCatalog : IDisposable
{
    private readonly string methodsDir;
    private readonly ConcurrentDictionary<string, Lazy<CompileResult>> compiled = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private IReadOnlyList<CatalogEntry>? entries;

    /// <param name="methodsDir">The methods folder (as <c>--methods-dir</c>).</param>
    public MethodCatalog(string methodsDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(methodsDir);
        this.methodsDir = Path.GetFullPath(methodsDir);
    }

    /// <summary>The methods folder.</summary>
    public string MethodsDir => methodsDir;

    /// <summary>Every method version found, by id then version (semantic order).</summary>
    public IReadOnlyList<CatalogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return entries ??= Scan();
            }
        }
    }

    /// <summary>The entry of <c>id@version</c>, or null.</summary>
    public CatalogEntry? Find(string id, string version) =>
        Entries.FirstOrDefault(e => e.Id == id && e.Version == version);

    /// <summary>The entry of an <c>id@version</c> reference, or null.</summary>
    public CatalogEntry? Find(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? null : Find(reference[..at], reference[(at + 1)..]);
    }

    /// <summary>The compiled method of an entry (compiled once; the compiled-method cache is used as by the CLI).</summary>
    public CompileResult Compile(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return compiled.GetOrAdd(entry.Reference, _ => new Lazy<CompileResult>(() => Engine.LoadAndCompile(entry.Path, methodsDir), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var lazy in compiled.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Method?.Dispose();
        }
    }

    private List<CatalogEntry> Scan()
    {
        var published = ReadManifest();
        var list = new List<CatalogEntry>();
        if (!Directory.Exists(methodsDir))
        {
            return list;
        }

        foreach (var idDir in Directory.GetDirectories(methodsDir).Order(StringComparer.Ordinal))
        {
            var changelogPath = Path.Combine(idDir, "CHANGELOG.md");
            var changelog = File.Exists(changelogPath) ? File.ReadAllText(changelogPath) : null;
            foreach (var versionDir in Directory.GetDirectories(idDir))
            {
                var file = Path.Combine(versionDir, "method.json");
                if (!File.Exists(file))
                {
                    continue;
                }

                var loaded = MethodLoader.Load(file);
                var method = loaded.Value;
                var reference = method?.Reference ?? $"{Path.GetFileName(idDir)}@{Path.GetFileName(versionDir)}";
                var examples = Directory.Exists(Path.Combine(versionDir, "examples"))
                    ? Directory.GetFiles(Path.Combine(versionDir, "examples"), "*.json").Order(StringComparer.Ordinal).ToArray()
                    : [];
                list.Add(new CatalogEntry(
                    method?.Id ?? Path.GetFileName(idDir),
                    method?.Version ?? Path.GetFileName(versionDir),
                    file,
                    method,
                    loaded.Diagnostics,
                    published.TryGetValue(reference, out var sha) && method is not null && sha == method.Sha256,
                    changelog,
                    examples));
            }
        }

        return [.. list.OrderBy(e => e.Id, StringComparer.Ordinal).ThenBy(e => SemanticVersion(e.Version))];
    }

    private Dictionary<string, string> ReadManifest()
    {
        var path = Path.Combine(methodsDir, "manifest.json");
        try
        {
            return File.Exists(path) && JObject.Parse(File.ReadAllText(path))["published"] is JObject published
                ? published.Properties().Where(p => p.Value.Type == JTokenType.String).ToDictionary(p => p.Name, p => p.Value.Value<string>()!, StringComparer.Ordinal)
                : [];
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return [];
        }
    }

    private static (int, int, int, string) SemanticVersion(string version)
    {
        var core = version.Split('-', 2);
        var parts = core[0].Split('.');
        static int At(string[] p, int i) => i < p.Length && int.TryParse(p[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (At(parts, 0), At(parts, 1), At(parts, 2), core.Length > 1 ? core[1] : "~");
    }
}

/// <summary>A method version of the catalogue.</summary>
/// <param name="Id">Method id.</param>
/// <param name="Version">Version.</param>
/// <param name="Path">Its method.json.</param>
/// <param name="Method">The method as loaded, or null when it does not load (see <paramref name="Diagnostics"/>).</param>
/// <param name="Diagnostics">What loading it reported.</param>
/// <param name="Published">Whether methods/manifest.json records this version with its current hash.</param>
/// <param name="Changelog">The method's CHANGELOG.md (Markdown), or null.</param>
/// <param name="Examples">Example input documents shipped with it.</param>
public sealed record CatalogEntry(string Id, string Version, string Path, MethodDefinition? Method, IReadOnlyList<Diagnostic> Diagnostics, bool Published, string? Changelog, IReadOnlyList<string> Examples)
{
    /// <summary><c>id@version</c>.</summary>
    public string Reference => Id + "@" + Version;
}
