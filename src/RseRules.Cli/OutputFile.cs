using System.Text;

namespace RseRules.Cli;

/// <summary>
/// Writes output files atomically: a temporary file beside the target (a name of its own, so that two writers, threads
/// or processes, never share one), flushed to disk, then renamed over the target. A run that fails before the rename,
/// however far it got, leaves the target as it was and no temporary file behind.
/// </summary>
internal static class OutputFile
{
    /// <summary>
    /// Cancelled when the command writing is interrupted (in the resident process: its client went away, Ctrl+C): an
    /// interrupted command writes no file, as a process killed before its rename would not have.
    /// </summary>
    internal static readonly AsyncLocal<CancellationToken> Interruption = new();

    /// <summary>Writes a text, UTF-8 without BOM.</summary>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>Writes what <paramref name="write"/> puts in the stream; if it throws, the target is left untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            Interruption.Value.ThrowIfCancellationRequested();
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
