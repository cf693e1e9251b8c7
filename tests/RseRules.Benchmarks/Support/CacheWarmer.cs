using System.Diagnostics;
using System.Reflection;
using RseRules.Core.Compilation;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// Writes the norm's compiled-method cache entry from another process, started with the same engine assembly as the
/// calling one (the cache key holds the engine's build id), so that the calling process loads it without having
/// JIT-compiled any of the compile path. The child runs this assembly's <see cref="Program"/> with <c>--warm-cache</c>.
/// </summary>
public static class CacheWarmer
{
    /// <summary>The argument that makes <see cref="Program"/> warm a cache folder and exit.</summary>
    public const string Argument = "--warm-cache";

    /// <summary>Warms <paramref name="dir"/> in a child process; throws when it did not write an entry.</summary>
    public static void WarmInChildProcess(string dir)
    {
        var entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly.");
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "exec", "--runtimeconfig", Path.ChangeExtension(entry, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(entry, ".deps.json"),
            typeof(Program).Assembly.Location, Argument, dir,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + host);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !Directory.EnumerateFiles(dir, "*.rsec").Any())
        {
            throw new InvalidOperationException($"Warming the cache in a child process failed (exit {process.ExitCode}): {stdout.Result}{stderr}");
        }
    }

    /// <summary>In the child: compile the norm into the cache folder.</summary>
    public static int Warm(string dir)
    {
        var result = MethodCompiler.Compile(Norm.LoadMethod(), CompileOptions.Default with { CacheDirectory = dir });
        result.Method?.Dispose();
        if (result.CacheEntry is null)
        {
            Console.Error.WriteLine("No cache entry written: " + string.Join("; ", result.Diagnostics));
            return 1;
        }

        Console.WriteLine(result.CacheEntry);
        return 0;
    }
}
