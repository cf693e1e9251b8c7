namespace RseRules.Reporting;

/// <summary>
/// Finds a template set: a folder given by the user, else <c>&lt;templates&gt;/&lt;name&gt;</c> where the templates folder is
/// <c>RSE_TEMPLATES_DIR</c>, else the nearest <c>templates/</c> folder at or above the current folder, else the one
/// shipped beside the program.
/// </summary>
public static class TemplateLocator
{
    /// <summary>The environment variable that names the templates folder.</summary>
    public const string TemplatesDirVariable = "RSE_TEMPLATES_DIR";

    /// <summary>The set a method gets when it names none: it presents any method from its declarations.</summary>
    public const string DefaultSet = "default";

    /// <summary>The folder of a template set, or null when none is found.</summary>
    public static string? Find(string? explicitDirectory, string setName)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return Directory.Exists(explicitDirectory) ? explicitDirectory : null;
        }

        foreach (var root in Roots())
        {
            var candidate = Path.Combine(root, setName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static IEnumerable<string> Roots()
    {
        var env = Environment.GetEnvironmentVariable(TemplatesDirVariable);
        if (!string.IsNullOrEmpty(env))
        {
            yield return env;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates");
            if (Directory.Exists(candidate))
            {
                yield return candidate;
                break;
            }
        }

        yield return Path.Combine(AppContext.BaseDirectory, "templates");
    }
}
