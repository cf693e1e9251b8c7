using System.Collections;
using System.Text;
using RseRules.Cli.Resident;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Resident;

/// <summary>
/// A resident process served by a thread of the test process, on a socket of its own in a private temp folder, and a
/// client to send it command lines. The server makes the process's environment and working folder each request's: tests
/// that use this belong to <see cref="CurrentDirectoryDependent"/>, and the harness puts both back when disposed.
/// </summary>
internal sealed class ResidentHarness : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly Dictionary<string, string> environment = Snapshot();
    private readonly string directory = Environment.CurrentDirectory;
    private readonly CancellationTokenSource stop = new();
    private Thread? thread;

    public ResidentHarness(Func<ResidentServer.Options, ResidentServer.Options>? configure = null)
    {
        var folder = temp.File("run");
        (ResidentEndpoint.Supported && ResidentEndpoint.MakePrivate(folder)).ShouldBeTrue("the resident process needs Linux");
        Uid = ResidentEndpoint.EffectiveUid();
        Identity = ResidentEndpoint.CurrentIdentity();
        var options = new ResidentServer.Options(ResidentEndpoint.SocketPath(folder, Identity), Identity, Uid);
        Options = configure is null ? options : configure(options);
    }

    public ResidentServer.Options Options { get; }

    public string Identity { get; }

    public uint Uid { get; }

    public string SocketPath => Options.SocketPath;

    /// <summary>What <see cref="ResidentServer.Run"/> returned, once it has.</summary>
    public bool? Ran { get; private set; }

    public TempFolder Temp => temp;

    public ResidentHarness Start()
    {
        var server = new ResidentServer(Options);
        thread = new Thread(() => Ran = server.Run(stop.Token)) { IsBackground = true, Name = "resident server under test" };
        thread.Start();
        server.Listening.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the server listens");
        return this;
    }

    /// <summary>Waits for the server's thread to end (true) for at most <paramref name="timeout"/>.</summary>
    public bool Join(TimeSpan timeout) => thread is null || thread.Join(timeout);

    /// <summary>Sends a command line as the client does, with the test process's environment (changed by
    /// <paramref name="set"/>: a null value removes the variable) and a working folder.</summary>
    public Forwarded Send(string[] args, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? set = null,
        RequestKind kind = RequestKind.Run, string? identity = null, uint? uid = null, Terminal? terminal = null)
    {
        var variables = new Dictionary<string, string>(environment);
        foreach (var (name, value) in set ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        var request = new ResidentRequest(kind, identity ?? Identity, workingDirectory ?? directory, [.. variables], args, terminal ?? Terminal.None);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var (connected, code) = ResidentClient.Send(SocketPath, uid ?? Uid, request, stdout, stderr);
        return new Forwarded(connected, code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    public void Dispose()
    {
        stop.Cancel();
        Join(TimeSpan.FromSeconds(30)).ShouldBeTrue("the server stops when cancelled");
        stop.Dispose();
        Environment.CurrentDirectory = directory;
        var now = Snapshot();
        foreach (var name in now.Keys.Where(n => !environment.ContainsKey(n)))
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var (name, value) in environment.Where(e => !now.TryGetValue(e.Key, out var v) || v != e.Value))
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        temp.Dispose();
    }

    private static Dictionary<string, string> Snapshot()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            variables[(string)e.Key] = (string?)e.Value ?? string.Empty;
        }

        return variables;
    }
}

/// <summary>What a command sent to the resident process gave: whether a process answered, the exit code (null: to run
/// in the client), and the outputs.</summary>
internal sealed record Forwarded(bool Connected, int? ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"connected {Connected}, exit {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
