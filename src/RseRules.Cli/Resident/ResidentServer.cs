using System.Collections;
using System.Globalization;
using System.Net.Sockets;
using RseRules.Core.Compilation;

namespace RseRules.Cli.Resident;

/// <summary>
/// The resident process (<c>rse server run</c>): it listens on the user's socket of its identity
/// (<see cref="ResidentEndpoint"/>) and runs the commands clients forward to it, one at a time, each in the client's
/// working folder and environment, its output and exit code sent back as they come. It keeps what a short-lived process
/// pays for at every start: the runtime's compiled code, the schemas read, and the compiled methods
/// (<see cref="Pool"/>). It stops when idle for <see cref="Options.IdleTime"/>, after <see cref="Options.MaxRequests"/>
/// commands, when its heap stays above <see cref="Options.MaxHeapBytes"/> after a command, or on <c>rse server stop</c>;
/// the next command starts a new one.
/// </summary>
internal sealed class ResidentServer(ResidentServer.Options options)
{
    /// <summary>How a resident process lives.</summary>
    internal sealed record Options(string SocketPath, string Identity, uint Uid)
    {
        public TimeSpan IdleTime { get; init; } = TimeSpan.FromMinutes(10);

        public int MaxRequests { get; init; } = 1000;

        public long MaxHeapBytes { get; init; } = 1L << 30;

        /// <summary>How long a client may take to send its request once connected.</summary>
        public TimeSpan RequestTime { get; init; } = TimeSpan.FromSeconds(10);
    }

    private readonly DateTime started = DateTime.UtcNow;
    private int served;

    /// <summary>Set once the socket listens (or the process found another live one there).</summary>
    internal ManualResetEventSlim Listening { get; } = new();

    /// <summary>The compiled methods of the resident process (null in a process that runs one command).</summary>
    internal static CompiledMethodPool? Pool { get; private set; }

    /// <summary>Runs until idle, stopped or worn out. False when the socket is another live process's (nothing to do).</summary>
    public bool Run(CancellationToken cancellation = default)
    {
        using var listener = Listen();
        Listening.Set();
        if (listener is null)
        {
            return false;
        }

        Pool ??= new CompiledMethodPool();
        Remove(options.SocketPath + ".starting");
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                    idle.CancelAfter(options.IdleTime);
                    client = listener.AcceptAsync(idle.Token).AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                using (client)
                {
                    if (!Serve(client))
                    {
                        return true;
                    }
                }

                if (served >= options.MaxRequests || GC.GetTotalMemory(forceFullCollection: false) > options.MaxHeapBytes)
                {
                    return true;
                }
            }

            return true;
        }
        finally
        {
            Remove(options.SocketPath);
        }
    }

    /// <summary>Binds the socket; a socket file that no process answers on any more is removed first. Null when a live
    /// process already listens there.</summary>
    private Socket? Listen()
    {
        if (File.Exists(options.SocketPath))
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(options.SocketPath));
                return null;
            }
            catch (SocketException)
            {
                Remove(options.SocketPath);
            }
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(options.SocketPath));
            listener.Listen(64);
            if (ResidentEndpoint.Supported)
            {
                // The folder is the user's alone already; the socket too.
                File.SetUnixFileMode(options.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return listener;
        }
        catch (SocketException)
        {
            // Another process bound it first.
            listener.Dispose();
            return null;
        }
    }

    /// <summary>Serves one connection; false when asked to stop.</summary>
    private bool Serve(Socket client)
    {
        if (ResidentEndpoint.PeerUid(client) != options.Uid)
        {
            // Only the user's own processes: the folder is private, and the kernel says who connected.
            return true;
        }

        using var stream = new NetworkStream(client, ownsSocket: false);
        ResidentRequest request;
        try
        {
            client.ReceiveTimeout = (int)options.RequestTime.TotalMilliseconds;
            request = ResidentProtocol.ReadRequest(stream);
            client.ReceiveTimeout = 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or EndOfStreamException or SocketException)
        {
            return true;
        }

        try
        {
            if (request.Identity != options.Identity)
            {
                ResidentProtocol.WriteRefused(stream, "another build of rse or another environment");
                return true;
            }

            switch (request.Kind)
            {
                case RequestKind.Stop:
                    ResidentProtocol.WriteExit(stream, ExitCodes.Success);
                    return false;
                case RequestKind.Status:
                    var sink = new FrameSink(stream);
                    sink.Output.Write(Status());
                    sink.Exit(ExitCodes.Success);
                    return true;
                default:
                    Execute(request, stream);
                    return true;
            }
        }
        catch (IOException)
        {
            // The client went away.
            return true;
        }
    }

    private void Execute(ResidentRequest request, Stream stream)
    {
        try
        {
            Environment.CurrentDirectory = request.WorkingDirectory;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or System.Security.SecurityException)
        {
            ResidentProtocol.WriteRefused(stream, "cannot enter the working folder: " + ex.Message);
            return;
        }

        ApplyEnvironment(request.Environment);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        served++;
        var sink = new FrameSink(stream);
        var code = CliApp.Run([.. request.Args], sink.Output, sink.Error, console: null, request.Terminal);
        sink.Output.Flush();
        sink.Error.Flush();
        sink.Exit(code);
    }

    /// <summary>Makes the process's environment the client's: its variables set, the others removed.</summary>
    private static void ApplyEnvironment(IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            if (name.Length > 0 && !name.Contains('=', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal) && !value.Contains('\0', StringComparison.Ordinal))
            {
                wanted[name] = value;
            }
        }

        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (!wanted.ContainsKey((string)entry.Key))
            {
                Environment.SetEnvironmentVariable((string)entry.Key, null);
            }
        }

        foreach (var (name, value) in wanted)
        {
            if (Environment.GetEnvironmentVariable(name) != value)
            {
                Environment.SetEnvironmentVariable(name, value.Length == 0 ? null : value);
            }
        }
    }

    private string Status() => string.Create(CultureInfo.InvariantCulture,
        $"rse resident process {Environment.ProcessId}, listening on {options.SocketPath}\n"
        + $"since {started:yyyy-MM-dd HH:mm:ss} UTC, {served} command(s) run, {Pool?.Count ?? 0} compiled method(s) kept, heap {GC.GetTotalMemory(false) / (1 << 20)} MiB\n"
        + $"stops after {options.IdleTime.TotalMinutes:0} minute(s) idle\n");

    private static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
