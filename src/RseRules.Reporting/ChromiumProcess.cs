using System.ComponentModel;
using System.Diagnostics;

namespace RseRules.Reporting;

/// <summary>
/// One headless Chromium started for one print, its DevTools protocol on a pipe (<c>--remote-debugging-pipe</c>: it
/// reads commands from descriptor 3 and writes replies to descriptor 4, here our standard input and output), so that no
/// debugging port is opened for other local processes to use, and Chromium ends by itself if this process dies. Its
/// standard error is kept for diagnostics; the whole process tree is killed when disposed (a hung Chromium, or a program
/// that only pretends to be one, leaves nothing running).
/// </summary>
internal sealed class ChromiumProcess : IDisposable
{
    /// <summary>Moves the pipe onto descriptors 3 and 4, then becomes Chromium (same process: nothing is left between).</summary>
    private const string PipeShell = "exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null";

    private const int KeptLines = 20;

    private readonly Process process;
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> errorLines = new();

    private ChromiumProcess(Process process) => this.process = process;

    /// <summary>Where DevTools commands are written (Chromium's descriptor 3).</summary>
    public Stream Commands => process.StandardInput.BaseStream;

    /// <summary>Where DevTools replies and events are read (Chromium's descriptor 4).</summary>
    public Stream Replies => process.StandardOutput.BaseStream;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => exited.Task;

    /// <summary>The exit code (only once the process has exited).</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts <paramref name="executable"/> with <paramref name="arguments"/> and <c>--remote-debugging-pipe</c>, through
    /// <c>/bin/sh</c> (which only sets the descriptors up and <c>exec</c>s it), its temporary files under
    /// <paramref name="temporaryDirectory"/>.
    /// </summary>
    /// <exception cref="Win32Exception">The shell could not be started.</exception>
    public static ChromiumProcess Start(string executable, IEnumerable<string> arguments, string temporaryDirectory)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (IEnumerable<string>)["-c", PipeShell, executable, .. arguments, "--remote-debugging-pipe"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TMPDIR"] = temporaryDirectory;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var chromium = new ChromiumProcess(process);
        process.ErrorDataReceived += (_, e) => chromium.OnErrorLine(e.Data);
        process.Exited += (_, _) => chromium.exited.TrySetResult();
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginErrorReadLine();
        return chromium;
    }

    /// <summary>
    /// The line of Chromium's standard error that best explains a failure (its first <c>ERROR</c> line, else its last
    /// line, D-Bus complaints left out), or null. Waits a moment for the end of that output: it can come after the
    /// process has exited.
    /// </summary>
    public string? Detail()
    {
        errorClosed.Task.Wait(TimeSpan.FromSeconds(1));
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
        if (line is null)
        {
            errorClosed.TrySetResult();
            return;
        }

        if (string.IsNullOrWhiteSpace(line))
        {
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
