using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace RseRules.Store.Migrations;

/// <summary>The migrations of each provider, read from the assembly's embedded <c>Migrations/&lt;Provider&gt;/*.sql</c>.</summary>
internal static partial class MigrationSet
{
    private const string Prefix = "RseRules.Store.Migrations.";

    /// <summary>The folder of each provider's migrations.</summary>
    public static string FolderOf(string provider) => provider switch
    {
        EvaluationStores.Sqlite => "Sqlite",
        EvaluationStores.PostgreSql => "PostgreSql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };

    /// <summary>The migrations of <paramref name="provider"/>, by version.</summary>
    /// <exception cref="InvalidOperationException">The embedded files are misnamed or not numbered 1, 2, 3, ... (a bug of the build).</exception>
    public static IReadOnlyList<Migration> For(string provider) => Read(typeof(MigrationSet).Assembly, FolderOf(provider));

    /// <summary>The migrations embedded in <paramref name="assembly"/> under <paramref name="folder"/>.</summary>
    internal static IReadOnlyList<Migration> Read(Assembly assembly, string folder)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = resource[Prefix.Length..].Replace('\\', '/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !string.Equals(rest[..slash], folder, StringComparison.Ordinal))
            {
                continue;
            }

            var file = rest[(slash + 1)..];
            var match = FileName().Match(file);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration file '{folder}/{file}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"The {folder} migrations are not numbered 1, 2, 3, ... without gaps or duplicates: {string.Join(", ", migrations.Select(m => m.Version))}.");
            }
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException($"No {folder} migration is embedded.");
    }

    [GeneratedRegex("^([0-9]{4})_([a-z0-9_]+)\\.sql$")]
    private static partial Regex FileName();
}
