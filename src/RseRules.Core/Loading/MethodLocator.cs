using System.Text.RegularExpressions;
using RseRules.Core.Diagnostics;

namespace RseRules.Core.Loading;

/// <summary>
/// Finds a method file from what a user typed: a <c>method.json</c> path, a folder holding one, or
/// <c>id@version</c> looked up as <c>&lt;methods&gt;/&lt;id&gt;/&lt;version&gt;/method.json</c>. The methods folder is
/// the one given, else <c>RSE_METHODS_DIR</c>, else the nearest <c>methods/</c> folder in the current folder or above,
/// else the one shipped beside the program (<see cref="Locate"/>).
/// </summary>
public static partial class MethodLocator
{
    /// <summary>The environment variable that names the methods folder.</summary>
    public const string MethodsDirVariable = "RSE_METHODS_DIR";

    /// <summary>Resolves a method reference to a file path, or reports why it cannot.</summary>
    public static string? Resolve(string reference, string? methodsDir, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (Directory.Exists(reference))
        {
            var file = Path.Combine(reference, "method.json");
            if (File.Exists(file))
            {
                return file;
            }

            diagnostics.Add(new Diagnostic(DiagnosticCode.FileNotFound, Severity.Error, $"Folder '{reference}' holds no method.json.", reference));
            return null;
        }

        if (File.Exists(reference))
        {
            return reference;
        }

        var match = Reference().Match(reference);
        if (!match.Success)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCode.FileNotFound, Severity.Error, $"'{reference}' is neither a method file, a method folder, nor an id@version reference.", reference));
            return null;
        }

        var dir = FindMethodsDir(methodsDir);
        if (dir is null)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCode.MethodNotFound, Severity.Error,
                $"No methods folder to look '{reference}' up in: pass --methods-dir, set {MethodsDirVariable}, or run from a folder that has methods/."));
            return null;
        }

        var path = Path.Combine(dir, match.Groups["id"].Value, match.Groups["version"].Value, "method.json");
        if (!File.Exists(path))
        {
            var versions = Directory.Exists(Path.Combine(dir, match.Groups["id"].Value))
                ? Directory.GetDirectories(Path.Combine(dir, match.Groups["id"].Value)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()
                : [];
            var known = versions.Length == 0 ? string.Empty : $" Known versions: {string.Join(", ", versions)}.";
            diagnostics.Add(new Diagnostic(DiagnosticCode.MethodNotFound, Severity.Error, $"Method '{reference}' not found ({Path.GetRelativePath(Environment.CurrentDirectory, path)} does not exist).{known}"));
            return null;
        }

        return Path.GetRelativePath(Environment.CurrentDirectory, path);
    }

    /// <summary>The methods folder (see <see cref="Locate"/>); null if none.</summary>
    public static string? FindMethodsDir(string? methodsDir) => Locate(methodsDir)?.Path;

    /// <summary>
    /// The methods folder and where it comes from: the one given (<c>--methods-dir</c>), else <c>RSE_METHODS_DIR</c>,
    /// else the nearest <c>methods/</c> folder in the current folder or above, else the one shipped beside the program
    /// (the installed tool carries the published methods); null if none.
    /// </summary>
    public static MethodsFolder? Locate(string? methodsDir)
    {
        if (!string.IsNullOrEmpty(methodsDir))
        {
            return new MethodsFolder(methodsDir, MethodsFolderSource.Option);
        }

        var env = Environment.GetEnvironmentVariable(MethodsDirVariable);
        if (!string.IsNullOrEmpty(env))
        {
            return new MethodsFolder(env, MethodsFolderSource.Environment);
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "methods");
            if (Directory.Exists(candidate))
            {
                return new MethodsFolder(candidate, MethodsFolderSource.Nearest);
            }
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "methods");
        return Directory.Exists(shipped) ? new MethodsFolder(shipped, MethodsFolderSource.Shipped) : null;
    }

    [GeneratedRegex(@"^(?<id>[a-z0-9]+(-[a-z0-9]+)*)@(?<version>\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$")]
    private static partial Regex Reference();
}
