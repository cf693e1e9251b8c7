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
/// (<see cref="CurrentPool"/>). It stops when idle for <see cref="Options.IdleTime"/>, after <see cref="Options.MaxRequests"/>
/// commands, when its heap is still above <see cref="Options.MaxHeapBytes"/> once the memory of the last command was
/// given back, or on <c>rse server stop</c>;
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

        /// <summary>How long after a command the process gives the memory it no longer uses back to the system.</summary>
        public TimeSpan TrimTime { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>How long a client may take to send its request once connected (a client sends it at once; while it
        /// is read, no other connection is).</summary>
        public TimeSpan RequestTime { get; init; } = TimeSpan.FromSeconds(2);

        /// <summary>What runs a command line (args, stdout, stderr, terminal → exit code): <see cref="CliApp.Run"/>; tests
        /// give commands of their own.</summary>
        public Func<string[], TextWriter, TextWriter, Terminal, int> Runner { get; init; } =
            (args, output, error, terminal) => CliApp.Run(args, output, error, console: null, terminal);
    }

    /// <summary>The stack of the thread commands run on: a process's main thread's (8 MiB on Linux).</summary>
    private const int CommandStack = 8 << 20;

    private readonly DateTime started = DateTime.UtcNow;
    private int served;
    private volatile bool stopping;

    /// <summary>Set once the socket listens (or the process found another live one there).</summary>
    internal ManualResetEventSlim Listening { get; } = new();

    /// <summary>The compiled methods of the resident process whose command runs on this thread (and the tasks it starts);
    /// null in a process that runs one command.</summary>
    internal static AsyncLocal<CompiledMethodPool?> CurrentPool { get; } = new();

    /// <summary>Runs until idle, stopped or worn out. False when the socket is another live process's (nothing to do).</summary>
    public bool Run(CancellationToken cancellation = default)
    {
        using var listener = Listen();
        Listening.Set();
        if (listener is null)
        {
            return false;
        }

        Remove(options.SocketPath + ".starting");
        using var pool = new CompiledMethodPool();
        Task? running = null;
        try
        {
            var accepting = listener.AcceptAsync(cancellation).AsTask();
            var idle = System.Diagnostics.Stopwatch.StartNew();
            var trimmed = true;
            while (true)
            {
                if (running is null)
                {
                    // Idle time counts only while no command runs; a few seconds in, the memory the last command used is
                    // given back to the system (a resident process should weigh little while it waits).
                    var trimAt = options.TrimTime < options.IdleTime ? options.TrimTime : options.IdleTime;
                    if (!trimmed && idle.Elapsed >= trimAt)
                    {
                        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                        trimmed = true;
                        if (GC.GetTotalMemory(forceFullCollection: false) > options.MaxHeapBytes)
                        {
                            // What the commands left alive is too much to keep: a new process starts small.
                            return true;
                        }
                    }

                    var left = (trimmed ? options.IdleTime : trimAt) - idle.Elapsed;
                    if (left <= TimeSpan.Zero && trimmed)
                    {
                        return true;
                    }

                    if (!accepting.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero, CancellationToken.None))
                    {
                        continue;
                    }
                }
                else
                {
                    Task.WhenAny(accepting, running).GetAwaiter().GetResult();
                }

                if (running is { IsCompleted: true })
                {
                    running = null;
                    idle.Restart();
                    trimmed = false;
                    if (stopping || served >= options.MaxRequests)
                    {
                        return true;
                    }
                }

                if (!accepting.IsCompleted)
                {
                    continue;
                }

                if (!accepting.IsCompletedSuccessfully)
                {
                    // Cancelled (rse server run stopped with Ctrl+C), or the socket failed: the command running ends first.
                    running?.Wait(CancellationToken.None);
                    return true;
                }

                var client = accepting.Result;
                accepting = listener.AcceptAsync(cancellation).AsTask();
                running = Serve(client, running, pool) ?? running;
                if (stopping && running is null)
                {
                    return true;
                }
            }
        }
        catch (AggregateException ex) when (ex.InnerException is OperationCanceledException or SocketException)
        {
            running?.Wait(CancellationToken.None);
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

    /// <summary>
    /// Serves one connection: answers a status or a stop at once, and starts a command on a thread of its own when none
    /// runs (the task of that command, which then owns the connection), or refuses it when one does (the client runs it
    /// itself: commands run side by side as they would without a resident process).
    /// </summary>
    private Task? Serve(Socket client, Task? running, CompiledMethodPool pool)
    {
        var handedOver = false;
        try
        {
            if (ResidentEndpoint.PeerUid(client) != options.Uid)
            {
                // Only the user's own processes: the folder is private, and the kernel says who connected.
                return null;
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
                return null;
            }

            if (request.Identity != options.Identity)
            {
                ResidentProtocol.WriteRefused(stream, "another build of rse or another environment");
                return null;
            }

            switch (request.Kind)
            {
                case RequestKind.Stop:
                    stopping = true;
                    ResidentProtocol.WriteExit(stream, ExitCodes.Success);
                    return null;
                case RequestKind.Status:
                    var sink = new FrameSink(stream);
                    sink.Output.Write(Status(running is { IsCompleted: false }, pool));
                    sink.Exit(ExitCodes.Success);
                    return null;
                default:
                    if (stopping || running is { IsCompleted: false })
                    {
                        ResidentProtocol.WriteRefused(stream, stopping ? "stopping" : "busy with another command");
                        return null;
                    }

                    handedOver = true;
                    return Start(client, request, pool);
            }
        }
        catch (IOException)
        {
            // The client went away.
            return null;
        }
        finally
        {
            if (!handedOver)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Runs a command on a thread of its own (the stack of a process's main thread), which owns the connection.</summary>
    private Task Start(Socket client, ResidentRequest request, CompiledMethodPool pool)
    {
        served++;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    using (client)
                    using (var stream = new NetworkStream(client, ownsSocket: false))
                    {
                        Execute(client, request, stream, pool);
                    }
                }
                catch (IOException)
                {
                    // The client went away.
                }
                finally
                {
                    done.SetResult();
                }
            },
            CommandStack)
        { Name = "rse command", IsBackground = true };
        thread.Start();
        return done.Task;
    }

    /// <summary>Runs a forwarded command in the client's folder and environment. When the client goes away (Ctrl+C), the
    /// command is interrupted: it runs to its end, but writes no output file (<see cref="OutputFile.Interruption"/>).</summary>
    private void Execute(Socket client, ResidentRequest request, Stream stream, CompiledMethodPool pool)
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
        using var gone = new CancellationTokenSource();
        using var watch = new CancellationTokenSource();
        var watching = WatchAsync(client, gone, watch.Token);
        var sink = new FrameSink(stream);
        OutputFile.Interruption.Value = gone.Token;
        CurrentPool.Value = pool;
        int code;
        try
        {
            code = options.Runner([.. request.Args], sink.Output, sink.Error, request.Terminal);
        }
        finally
        {
            OutputFile.Interruption.Value = default;
            CurrentPool.Value = null;
            watch.Cancel();
            watching.Wait(CancellationToken.None);
        }

        sink.Output.Flush();
        sink.Error.Flush();
        sink.Exit(code);
    }

    /// <summary>Cancels <paramref name="gone"/> when the client closes its end (it sends nothing after its request), until
    /// <paramref name="stop"/>.</summary>
    private static async Task WatchAsync(Socket client, CancellationTokenSource gone, CancellationToken stop)
    {
        var buffer = new byte[1];
        try
        {
            await client.ReceiveAsync(buffer, SocketFlags.None, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (SocketException)
        {
        }

        await gone.CancelAsync().ConfigureAwait(false);
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

    private string Status(bool busy, CompiledMethodPool pool) => string.Create(CultureInfo.InvariantCulture,
        $"rse resident process {Environment.ProcessId}, listening on {options.SocketPath}{(busy ? " (running a command)" : string.Empty)}\n"
        + $"since {started:yyyy-MM-dd HH:mm:ss} UTC, {served} command(s) run, {pool.Count} compiled method(s) kept, heap {GC.GetTotalMemory(false) / (1 << 20)} MiB\n"
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
