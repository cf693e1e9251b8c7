using System.Runtime.CompilerServices;
using RseRules.Core.Compilation;

namespace RseRules.Tests.Shared;

/// <summary>
/// Linked into every test project (tests/Shared). The tests compile methods many times with the default options, which use the compiled-method cache: before any test
/// runs, <c>RSE_CACHE_DIR</c> points this test run (this process, and any process it starts) at a cache folder of its
/// own under the temp folder, deleted when the run ends, so that tests never read or write the user's cache and never
/// depend on what an earlier run left. Tests of the cache itself use folders of their own through
/// <see cref="CompileOptions.CacheDirectory"/>.
/// </summary>
internal static class TestCacheDirectory
{
    private static readonly string Prefix = "rse-" + typeof(TestCacheDirectory).Assembly.GetName().Name!.ToLowerInvariant() + "-cache-";

    /// <summary>This test run's cache folder.</summary>
    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N"));

#pragma warning disable CA2255 // A module initializer is the one hook that runs before any test of the assembly.
    [ModuleInitializer]
    internal static void Initialize()
#pragma warning restore CA2255
    {
        Environment.SetEnvironmentVariable(CompileOptions.CacheDirectoryVariable, Path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(Path);

        // Folders of earlier runs whose process was ended before it could delete its own (the test host may be killed).
        foreach (var old in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
        {
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(old) > TimeSpan.FromHours(1))
            {
                Delete(old);
            }
        }
    }

    private static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}
