using System.Globalization;

namespace RseRules.Cli;

/// <summary>
/// A one-line progress indicator on stderr (<c>\r</c> rewrites), only when stderr is the process's terminal: nothing
/// when it is redirected or when the command writes to another writer (tests).
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly TextWriter error;
    private readonly string label;
    private readonly int total;
    private int lastPercent = -1;
    private bool disposed;

    private ProgressLine(TextWriter error, string label, int total)
    {
        this.error = error;
        this.label = label;
        this.total = total;
    }

    /// <summary>A progress line, or null when stderr is not a terminal.</summary>
    public static ProgressLine? Create(TextWriter error, Terminal terminal, string label, int total) =>
        terminal.Error ? new ProgressLine(error, label, total) : null;

    /// <summary>Shows how many of the total are done (called serialized).</summary>
    public void Report(int done)
    {
        var percent = (int)(100L * done / total);
        if (percent == lastPercent || disposed)
        {
            return;
        }

        lastPercent = percent;
        const int width = 30;
        var filled = width * percent / 100;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {percent,3} % ({done:#,0}/{total:#,0})"));
        error.Flush();
    }

    /// <summary>Erases the line.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        error.Write("\r" + new string(' ', 80) + "\r");
        error.Flush();
    }
}
