using System.Collections;
using System.Diagnostics;
using System.Net.Sockets;

namespace RseRules.Cli.Resident;

/// <summary>
/// The first thing <c>rse</c> does: forward the command to the user's resident process when one runs for this build and
/// environment, and otherwise (no such process, <c>RSE_SERVER=off</c>, a platform without one, any failure before the
/// command started there) run it in this process — and start a resident process in the background for the next
/// commands. The commands forwarded are those that read methods (a resident process keeps them compiled); <c>serve</c>,
/// <c>server</c>, <c>cache</c>, <c>keys</c>, <c>--version</c> and <c>--help</c> always run here. This class is what
/// every command pays for before it runs: it touches neither the command line library nor the engine.
/// </summary>
internal static class ResidentClient
{
    /// <summary>The commands a resident process runs.</summary>
    private static readonly HashSet<string> Forwarded = new(StringComparer.Ordinal)
    {
        "evaluate", "validate", "test", "report", "replay", "explain", "diff", "simulate", "sensitivity", "methods", "schema",
        "publish", "new", "inputs",
    };

    /// <summary>The socket of a resident process to start once the command has run here (<see cref="StartPending"/>).</summary>
    private static string? pendingStart;

    /// <summary>How long a starting resident process keeps others from being started.</summary>
    private static readonly TimeSpan StartingTime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the command in the resident process: its exit code, once its output is written to this process's stdout and
    /// stderr; null when the command is to run here.
    /// </summary>
    public static int? TryRun(string[] args)
    {
        if (args.Length == 0 || !Forwarded.Contains(args[0]) || !ResidentEndpoint.Supported || ResidentEndpoint.Disabled(Environment.GetEnvironmentVariable)
            || Array.IndexOf(args, "--help") >= 0 || Array.IndexOf(args, "-h") >= 0)
        {
            return null;
        }

        try
        {
            if (ResidentEndpoint.Current() is not var (socketPath, identity, uid))
            {
                return null;
            }

            var terminal = new Terminal(!Console.IsOutputRedirected, !Console.IsErrorRedirected, 0);
            if (terminal.Output)
            {
                terminal = terminal with { Width = TerminalWidth() };
            }

            var request = new ResidentRequest(RequestKind.Run, identity, Environment.CurrentDirectory, Variables(), args, terminal);
            using var stdout = Console.OpenStandardOutput();
            using var stderr = Console.OpenStandardError();
            var outcome = Send(socketPath, uid, request, stdout, stderr);
            if (outcome.Connected is false)
            {
                // Started once this command is done, so as not to slow it down (two cores: the new process's start would
                // compete with this one's).
                pendingStart = socketPath;
            }

            return outcome.Code;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SocketException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a request to the process at <paramref name="socketPath"/> and copies its frames to the two streams.
    /// <c>Connected</c> is false when no process answers there; <c>Code</c> is null when the command is to run here
    /// (refused, or the connection lost before any output), else its exit code.
    /// </summary>
    internal static (bool Connected, int? Code) Send(string socketPath, uint uid, ResidentRequest request, Stream stdout, Stream stderr)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (SocketException)
        {
            return (false, null);
        }

        if (ResidentEndpoint.PeerUid(socket) != uid)
        {
            // Not the user's own process: tell it nothing.
            return (true, null);
        }

        using var stream = new NetworkStream(socket, ownsSocket: false);
        var received = false;
        try
        {
            ResidentProtocol.WriteRequest(stream, request);
            while (ResidentProtocol.ReadFrame(stream) is { } frame)
            {
                switch (frame.Kind)
                {
                    case FrameKind.Output or FrameKind.Error:
                        received = true;
                        if (!Copy(frame.Bytes, frame.Kind == FrameKind.Output ? stdout : stderr, stderr))
                        {
                            // This process's output is closed (`rse … | head -1`): as the command in a process of its own
                            // would, stop with the error (the resident process sees the connection go: no file written).
                            return (true, ExitCodes.Invalid);
                        }

                        break;
                    case FrameKind.Exit:
                        stdout.Flush();
                        stderr.Flush();
                        return (true, frame.Code);
                    default:
                        return (true, null);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or EndOfStreamException)
        {
            if (!received)
            {
                return (true, null);
            }
        }

        // The resident process stopped in the middle of the command (after some output): running it again here could
        // write twice, so say so.
        stdout.Flush();
        var message = "rse: internal error: the resident process stopped before the command ended (run it again, or with RSE_SERVER=off; a bug of rse: please report it).\n";
        stderr.Write(System.Text.Encoding.UTF8.GetBytes(message));
        stderr.Flush();
        return (true, ExitCodes.Usage);
    }

    /// <summary>Copies a frame's bytes to this process's stdout or stderr; false (the error said on stderr, if it can be)
    /// when that stream is closed.</summary>
    private static bool Copy(byte[] bytes, Stream to, Stream stderr)
    {
        try
        {
            to.Write(bytes);
            return true;
        }
        catch (IOException ex)
        {
            try
            {
                stderr.Write(System.Text.Encoding.UTF8.GetBytes($"rse: error RSE0005: {ex.Message}\n"));
            }
            catch (IOException)
            {
            }

            return false;
        }
    }

    /// <summary>Starts the resident process that <see cref="TryRun"/> found missing, if any: called when the command has run
    /// in this process.</summary>
    public static void StartPending()
    {
        if (Interlocked.Exchange(ref pendingStart, null) is { } socketPath)
        {
            Start(socketPath);
        }
    }

    /// <summary>Starts a resident process in the background (<c>rse server run --background</c>), unless one was started
    /// less than <see cref="StartingTime"/> ago. Its standard streams are pipes of its own, so that it never holds this
    /// command's terminal or pipes open.</summary>
    internal static void Start(string socketPath)
    {
        var starting = socketPath + ".starting";
        try
        {
            if (File.Exists(starting) && DateTime.UtcNow - File.GetLastWriteTimeUtc(starting) < StartingTime)
            {
                return;
            }

            File.WriteAllText(starting, string.Empty);
            var start = StartInfo("server", "run", "--background");
            using var process = Process.Start(start);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Not started: the next command tries again.
        }
    }

    /// <summary>How to run this very rse with other arguments: its executable, or <c>dotnet rse.dll</c>.</summary>
    internal static ProcessStartInfo StartInfo(params string[] args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ResidentClient).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static List<KeyValuePair<string, string>> Variables()
    {
        var variables = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            variables.Add(new((string)e.Key, (string?)e.Value ?? string.Empty));
        }

        return variables;
    }

    private static int TerminalWidth()
    {
        try
        {
            return Math.Clamp(Console.WindowWidth, 0, 10_000);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
