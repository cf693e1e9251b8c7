using System.Diagnostics;
using System.Globalization;

namespace RseRules.Cli.Tests.TestSupport;

/// <summary>What one run of the real <c>rse</c> process did: its exit code, outputs, time and peak memory.</summary>
internal sealed record ProcessRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, long PeakRssBytes, bool TimedOut)
{
    /// <summary>Whether the process ended by itself with one of rse's documented exit codes (never a signal: 128 + n).</summary>
    public bool ExitedCleanly => !TimedOut && ExitCode is >= 0 and <= 3;

    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (killed: timeout)" : string.Empty)}, {Elapsed.TotalSeconds:0.0} s, peak RSS {PeakRssBytes / (1 << 20)} MiB\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the built CLI (<c>dotnet src/RseRules.Cli/bin/&lt;configuration&gt;/net10.0/rse.dll</c>) as a child process, with a
/// time limit (the child is killed past it) and, on Linux, its peak resident memory read from <c>/proc/&lt;pid&gt;/status</c>
/// (VmHWM) while it runs.
/// </summary>
internal static class RseProcess
{
    /// <summary>The built CLI: src/RseRules.Cli/bin/&lt;configuration of these tests&gt;/net10.0/rse.dll, else the copy beside the tests.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var built = Path.Combine(Repo.Root, "src", "RseRules.Cli", "bin", configuration, "net10.0", "rse.dll");
            return File.Exists(built) ? built : Path.Combine(AppContext.BaseDirectory, "rse.dll");
        }
    }

    /// <summary>How to start the built CLI: <c>dotnet rse.dll args</c>, in a folder, with variables set (null: removed).
    /// The resident process is off (<c>RSE_SERVER=off</c>) unless <paramref name="environment"/> says otherwise: each run
    /// is the process measured, and none is left behind.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        }

        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["RSE_SERVER"] = "off";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static async Task<ProcessRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args) =>
        await RunAsync(StartInfo(workingDirectory, environment?.ToDictionary(e => e.Key, e => (string?)e.Value), args), timeout);

    public static async Task<ProcessRun> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        var timedOut = false;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakRss(process.Id));
            if (watch.Elapsed > timeout)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                break;
            }

            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(50));
        }

        await process.WaitForExitAsync();
        return new ProcessRun(process.ExitCode, await stdout, await stderr, watch.Elapsed, peak, timedOut);
    }

    /// <summary>The peak resident set of a running process (VmHWM), in bytes; 0 where /proc is not available or it ended.</summary>
    private static long PeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
