using System.Security.Cryptography;
using System.Text;
using RseRules.Core.Compilation;

namespace RseRules.Core.Loading;

/// <summary>
/// The method files that passed the method schema before, remembered in the compiled-method cache folder
/// (<c>schema-passed/&lt;key&gt;</c>, an empty file) so that loading one again skips the schema: reading the method
/// schema into NJsonSchema and validating against it cost 0.25–0.3 s of a warm <c>rse evaluate</c>'s 0.6 s (benchmarks'
/// README, "Start-up"). The key is the SHA-256 of the schema's own bytes and of the file's text: a changed file, or an
/// engine with another schema, misses. Only the schema step is skipped — reading, the semantic checks and the
/// published-hash check run every time — and a file that failed the schema is never remembered. The folder has the
/// cache's trust model (<see cref="CompiledMethodCache"/>): whoever can write into it can already make the engine run
/// their code, so the default folders are the user's own. Any I/O problem is a plain miss.
/// </summary>
internal static class SchemaPasses
{
    /// <summary>The sub-folder of the cache folder.</summary>
    public const string Folder = "schema-passed";

    private static readonly Lazy<byte[]> SchemaDigest = new(() =>
    {
        using var stream = typeof(SchemaPasses).Assembly.GetManifestResourceStream("RseRules.Core.method.schema.json")
            ?? throw new InvalidOperationException("Embedded method schema is missing from the build.");
        return SHA256.HashData(stream);
    });

    /// <summary>Whether <paramref name="text"/> passed the method schema before (false without a cache folder).</summary>
    public static bool Seen(string? directory, string text)
    {
        if (directory is null)
        {
            return false;
        }

        try
        {
            return File.Exists(Path.Combine(directory, Folder, Key(text)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Remembers that <paramref name="text"/> passed the method schema (nothing without a cache folder).</summary>
    public static void Remember(string? directory, string text)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            var folder = Path.Combine(directory, Folder);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, Key(text));
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, []);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A cache that cannot be written is a cache that misses next time.
        }
    }

    /// <summary>The entry's name: SHA-256 of the schema's digest and the file's UTF-8 text, lower-case hex.</summary>
    internal static string Key(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var all = new byte[SchemaDigest.Value.Length + bytes.Length];
        SchemaDigest.Value.CopyTo(all, 0);
        bytes.CopyTo(all, SchemaDigest.Value.Length);
        return Convert.ToHexStringLower(SHA256.HashData(all));
    }
}
