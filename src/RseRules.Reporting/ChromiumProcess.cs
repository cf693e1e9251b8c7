using System.ComponentModel;
using System.Diagnostics;

namespace RseRules.Reporting;

/// <summary>
/// One headless Chromium started for one print: its DevTools endpoint read from its standard error, the rest of that
/// output kept for diagnostics, and the whole process tree killed when disposed (a hung Chromium, or a program that only
/// pretends to be one, leaves nothing running).
/// </summary>
internal sealed class ChromiumProcess : IDisposable
{
    private const string ListeningPrefix = "DevTools listening on ";
    private const int KeptLines = 20;

    private readonly Process process;
    private readonly TaskCompletionSource<string?> endpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> errorLines = new();

    private ChromiumProcess(Process process) => this.process = process;

    /// <summary>
    /// The browser's DevTools WebSocket URL once Chromium prints it; null if Chromium exits first. Never faults.
    /// </summary>
    public Task<string?> Endpoint => endpoint.Task;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code (only once <see cref="HasExited"/>).</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts <paramref name="executable"/> with <paramref name="arguments"/>, its temporary files under
    /// <paramref name="temporaryDirectory"/>.
    /// </summary>
    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static ChromiumProcess Start(string executable, IEnumerable<string> arguments, string temporaryDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TMPDIR"] = temporaryDirectory;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var chromium = new ChromiumProcess(process);
        process.ErrorDataReceived += (_, e) => chromium.OnErrorLine(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => chromium.endpoint.TrySetResult(null);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.StandardInput.Close();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return chromium;
    }

    /// <summary>
    /// The line of Chromium's standard error that best explains a failure (its first <c>ERROR</c> line, else its last
    /// line, D-Bus complaints left out), or null.
    /// </summary>
    public string? Detail()
    {
        string[] lines;
        lock (errorLines)
        {
            lines = [.. errorLines];
        }

        // Chromium always complains about D-Bus (harmless): those lines explain nothing.
        var telling = lines.Where(l => !l.Contains("dbus", StringComparison.OrdinalIgnoreCase)).ToList();
        return telling.FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal)) ?? telling.LastOrDefault();
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; true if it has.</summary>
    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    /// <summary>Kills the process and all its descendants, then releases it.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // A descendant could not be killed (it exited meanwhile, or is not ours to kill).
        }

        process.Dispose();
    }

    private void OnErrorLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
        {
            endpoint.TrySetResult(line[ListeningPrefix.Length..].Trim());
            return;
        }

        lock (errorLines)
        {
            errorLines.Enqueue(line.Trim());
            if (errorLines.Count > KeptLines)
            {
                errorLines.Dequeue();
            }
        }
    }
}
