using System.Net.Sockets;
using RseRules.Cli.Resident;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Resident;

/// <summary>
/// The resident process runs a forwarded command exactly as a process of its own would (same stdout, stderr and exit
/// code), in the client's working folder and environment, one request's never leaking into the next; it answers only its
/// user and its identity; it stops when asked, when idle, and leaves a live socket alone.
/// </summary>
[Collection(CurrentDirectoryDependent.Name)]
public sealed class ResidentServerTests
{
    private static readonly string Norm = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string Example = Path.Combine(Norm, "examples", "example.json");

    public static TheoryData<string[]> Commands => new()
    {
        { new[] { "evaluate", "--method", Norm, "--inputs", Example } },
        { new[] { "evaluate", "--method", Norm, "--inputs", Example, "--lang", "en", "--width", "90" } },
        { new[] { "evaluate", "--method", Norm, "--inputs", Example, "--format", "json" } },
        { new[] { "evaluate", "--method", Norm, "--inputs", Path.Combine(Repo.Root, "tests", "RseRules.Cli.Tests", "TestData", "inputs", "missing.json") } },
        { new[] { "evaluate", "--method", Norm, "--inputs", Path.Combine(Repo.Root, "tests", "RseRules.Cli.Tests", "TestData", "inputs", "schema-violation.json"), "--lang", "en" } },
        { new[] { "evaluate", "--method", Norm, "--inputs", Example, "--bogus" } },
        { new[] { "validate", Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0") } },
        { new[] { "test", Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0") } },
        { new[] { "explain", "--method", Norm, "--inputs", Example, "npvAdjusted", "--lang", "en" } },
        { new[] { "methods", "--methods-dir", Path.Combine(Repo.Root, "methods"), "--format", "json" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Send_Command_SameOutputsAndExitCodeAsInProcess(string[] args)
    {
        var expected = Rse.Run(args);
        using var harness = new ResidentHarness().Start();

        var forwarded = harness.Send(args);

        forwarded.Connected.ShouldBeTrue();
        forwarded.ExitCode.ShouldBe(expected.ExitCode, forwarded.ToString());
        forwarded.Stdout.ShouldBe(expected.Stdout);
        forwarded.Stderr.ShouldBe(expected.Stderr);
    }

    [Fact]
    public void Send_SameMethodTwice_CompiledOnceAndKept()
    {
        using var harness = new ResidentHarness().Start();
        var first = harness.Send(["evaluate", "--method", Norm, "--inputs", Example, "--format", "json"]);
        var second = harness.Send(["evaluate", "--method", Norm, "--inputs", Example, "--format", "json", "--verbose"]);

        first.ExitCode.ShouldBe(0, first.ToString());
        second.ExitCode.ShouldBe(0, second.ToString());
        second.Stdout.ShouldBe(first.Stdout);
        var status = harness.Send([], kind: RequestKind.Status).Stdout;
        status.ShouldContain("2 command(s) run");
        status.ShouldContain("1 compiled method(s) kept");
        ResidentServer.CurrentPool.Value.ShouldBeNull("the pool is the resident process's commands', no one else's");
    }

    [Fact]
    public void Send_RelativePaths_ReadAndWrittenInTheClientsFolder()
    {
        using var harness = new ResidentHarness().Start();
        var work = harness.Temp.File("work");
        Directory.CreateDirectory(work);
        File.Copy(Example, Path.Combine(work, "mon entreprise.json"));

        var forwarded = harness.Send(["evaluate", "--method", Norm, "--inputs", "mon entreprise.json", "--format", "json", "--out", "résultat.json"], work);

        forwarded.ExitCode.ShouldBe(0, forwarded.ToString());
        File.Exists(Path.Combine(work, "résultat.json")).ShouldBeTrue();
        Environment.CurrentDirectory.ShouldBe(work, "the server ran in the client's folder (the harness puts the test's back)");
    }

    [Fact]
    public void Send_EnvironmentOfEachRequest_NeverLeaksIntoTheNext()
    {
        using var harness = new ResidentHarness().Start();
        var methods = harness.Temp.CopyFolder(Path.Combine(Repo.Root, "tests", "methods"), "other-methods");
        var work = harness.Temp.File("empty");
        Directory.CreateDirectory(work);

        var with = harness.Send(["methods", "--format", "json"], work, new Dictionary<string, string?> { ["RSE_METHODS_DIR"] = methods });
        var without = harness.Send(["methods", "--format", "json"], work, new Dictionary<string, string?> { ["RSE_METHODS_DIR"] = null });

        with.ExitCode.ShouldBe(0, with.ToString());
        with.Stdout.ShouldContain("loan-vs-lease@1.0.0");
        with.Stdout.ShouldContain("\"source\": \"environment\"");
        without.ExitCode.ShouldBe(0, without.ToString());
        without.Stdout.ShouldNotContain("\"source\": \"environment\"");
        without.Stdout.ShouldNotContain(methods.Replace("\\", "\\\\", StringComparison.Ordinal));
        Environment.GetEnvironmentVariable("RSE_METHODS_DIR").ShouldBeNull();
    }

    [Fact]
    public void Send_TerminalOfTheClient_TableFitsItsWidth()
    {
        using var harness = new ResidentHarness().Start();
        string[] args = ["evaluate", "--method", Norm, "--inputs", Example, "--lang", "en"];

        var narrow = harness.Send(args, terminal: new Terminal(true, true, 72));
        var wide = harness.Send(args, terminal: new Terminal(true, true, 150));

        narrow.ExitCode.ShouldBe(0, narrow.ToString());
        narrow.Stdout.Split('\n').Max(l => l.TrimEnd('\r').Length).ShouldBeLessThanOrEqualTo(72);
        wide.Stdout.Split('\n').Max(l => l.TrimEnd('\r').Length).ShouldBeGreaterThan(72);
    }

    [Fact]
    public void Send_AnotherIdentity_RefusedTheClientRunsItItself()
    {
        using var harness = new ResidentHarness().Start();

        var forwarded = harness.Send(["evaluate", "--method", Norm, "--inputs", Example], identity: harness.Identity + "DOTNET_gcServer=0\n");

        forwarded.Connected.ShouldBeTrue();
        forwarded.ExitCode.ShouldBeNull();
        forwarded.Stdout.ShouldBeEmpty();
        harness.Send([], kind: RequestKind.Status).Stdout.ShouldContain("0 command(s) run");
    }

    [Fact]
    public void Send_ServerOfAnotherUser_NothingSent()
    {
        using var harness = new ResidentHarness().Start();

        // The client expects another user id than the kernel reports for the server: it sends nothing.
        var forwarded = harness.Send(["evaluate", "--method", Norm, "--inputs", Example], uid: harness.Uid + 1);

        forwarded.ShouldBe(new Forwarded(true, null, string.Empty, string.Empty));
        harness.Send([], kind: RequestKind.Status).Stdout.ShouldContain("0 command(s) run");
    }

    [Fact]
    public void Serve_ClientOfAnotherUser_NothingRun()
    {
        using var harness = new ResidentHarness(o => o with { Uid = o.Uid + 1 }).Start();

        var forwarded = harness.Send(["evaluate", "--method", Norm, "--inputs", Example]);

        forwarded.ShouldBe(new Forwarded(true, null, string.Empty, string.Empty));
    }

    [Fact]
    public void Serve_GarbageOrSilentClient_ServerGoesOn()
    {
        using var harness = new ResidentHarness(o => o with { RequestTime = TimeSpan.FromMilliseconds(300) }).Start();
        using (var garbage = Connect(harness.SocketPath))
        {
            garbage.Send("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        }

        using var silent = Connect(harness.SocketPath);
        var forwarded = harness.Send(["evaluate", "--method", Norm, "--inputs", Example, "--format", "json"]);

        forwarded.ExitCode.ShouldBe(0, "the silent client timed out, then this one was served");
    }

    [Fact]
    public void Run_Stop_ServerEndsAndRemovesItsSocket()
    {
        using var harness = new ResidentHarness().Start();

        harness.Send([], kind: RequestKind.Stop).ExitCode.ShouldBe(0);

        harness.Join(TimeSpan.FromSeconds(10)).ShouldBeTrue();
        harness.Ran.ShouldBe(true);
        File.Exists(harness.SocketPath).ShouldBeFalse();
        harness.Send(["methods"]).Connected.ShouldBeFalse();
    }

    [Fact]
    public void Run_Idle_ServerEnds()
    {
        using var harness = new ResidentHarness(o => o with { IdleTime = TimeSpan.FromMilliseconds(300) }).Start();

        harness.Join(TimeSpan.FromSeconds(10)).ShouldBeTrue();
        harness.Ran.ShouldBe(true);
        File.Exists(harness.SocketPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_IdleAfterACommand_MemoryGivenBackOnce()
    {
        using var release = new ManualResetEventSlim(initialState: true);
        using var harness = new ResidentHarness(o => o with { Runner = Blocking(release), TrimTime = TimeSpan.FromMilliseconds(200) }).Start();
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        await Task.Delay(600);
        GC.GetGCMemoryInfo(GCKind.FullBlocking).Index.ShouldBe(before, "nothing to give back before any command");

        harness.Send(["evaluate", "x"]).ExitCode.ShouldBe(0);
        await WaitUntil(() => GC.GetGCMemoryInfo(GCKind.FullBlocking).Index > before);
        var after = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        await Task.Delay(600);
        GC.GetGCMemoryInfo(GCKind.FullBlocking).Index.ShouldBe(after, "once per idle time, not in a loop");
    }

    [Fact]
    public void Run_MaxRequests_ServerEndsAfterTheLast()
    {
        using var harness = new ResidentHarness(o => o with { MaxRequests = 2 }).Start();

        harness.Send(["methods", "--format", "json"]).ExitCode.ShouldBe(0);
        harness.Send(["methods", "--format", "json"]).ExitCode.ShouldBe(0);

        harness.Join(TimeSpan.FromSeconds(10)).ShouldBeTrue();
    }

    [Fact]
    public void Run_StaleSocketFile_ReplacedAndServed()
    {
        // What a resident process that was killed leaves: a file at the socket's path that no process answers on.
        using var harness = new ResidentHarness();
        File.WriteAllText(harness.SocketPath, "left over");
        harness.Start();

        harness.Send(["methods", "--format", "json"]).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Run_SocketOfALiveServer_SecondServerLeavesIt()
    {
        using var first = new ResidentHarness().Start();
        var second = new ResidentServer(first.Options);

        second.Run().ShouldBeFalse();

        File.Exists(first.SocketPath).ShouldBeTrue();
        first.Send(["methods", "--format", "json"]).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Send_WhileACommandRuns_RefusedSoTheClientRunsItItself_StatusStillAnswers()
    {
        using var release = new ManualResetEventSlim();
        using var harness = new ResidentHarness(o => o with { Runner = Blocking(release) }).Start();

        var first = Task.Run(() => harness.Send(["evaluate", "slow"]));
        await WaitUntil(() => harness.Send([], kind: RequestKind.Status).Stdout.Contains("(running a command)", StringComparison.Ordinal));
        var second = harness.Send(["evaluate", "fast"]);
        var status = harness.Send([], kind: RequestKind.Status);
        release.Set();

        second.ShouldBe(new Forwarded(true, null, string.Empty, string.Empty), "busy: the second command runs in its own process, side by side");
        status.Stdout.ShouldContain("1 command(s) run");
        var done = await first;
        done.ExitCode.ShouldBe(0, done.ToString());
        done.Stdout.ShouldBe("ran evaluate slow\n");
        harness.Send(["evaluate", "after"]).Stdout.ShouldBe("ran evaluate after\n", "free again once the first ended");
    }

    [Fact]
    public async Task Send_StopWhileACommandRuns_TheCommandEndsThenTheServer()
    {
        using var release = new ManualResetEventSlim();
        using var harness = new ResidentHarness(o => o with { Runner = Blocking(release) }).Start();

        var first = Task.Run(() => harness.Send(["evaluate", "slow"]));
        await WaitUntil(() => harness.Send([], kind: RequestKind.Status).Stdout.Contains("(running a command)", StringComparison.Ordinal));
        harness.Send([], kind: RequestKind.Stop).ExitCode.ShouldBe(0);
        harness.Send(["evaluate", "refused"]).ExitCode.ShouldBeNull("stopping: no new command");
        release.Set();

        (await first).Stdout.ShouldBe("ran evaluate slow\n");
        harness.Join(TimeSpan.FromSeconds(10)).ShouldBeTrue();
    }

    [Fact]
    public async Task Send_ClientGoneMidCommand_NoOutputFileWritten()
    {
        // The command waits until its client is gone (Ctrl+C), then evaluates as rse would and tries to write its file.
        var written = new TaskCompletionSource<int>();
        var harness = new ResidentHarness(o => o with
        {
            Runner = (args, output, error, terminal) =>
            {
                for (var i = 0; i < 1000 && !OutputFile.Interruption.Value.IsCancellationRequested; i++)
                {
                    Thread.Sleep(10);
                }

                var code = CliApp.Run(args, output, error, console: null, terminal);
                written.SetResult(code);
                return code;
            },
        }).Start();
        using (harness)
        {
            var work = harness.Temp.File("work");
            Directory.CreateDirectory(work);
            var request = new ResidentRequest(RequestKind.Run, harness.Identity, work, [.. Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Select(e => new KeyValuePair<string, string>((string)e.Key, (string?)e.Value ?? string.Empty))],
                ["evaluate", "--method", Norm, "--inputs", Example, "--format", "json", "--out", "evaluation.json"], Terminal.None);
            using (var client = Connect(harness.SocketPath))
            using (var stream = new NetworkStream(client))
            {
                ResidentProtocol.WriteRequest(stream, request);
            }

            (await written.Task.WaitAsync(TimeSpan.FromMinutes(1))).ShouldBe(ExitCodes.Interrupted);
            File.Exists(Path.Combine(work, "evaluation.json")).ShouldBeFalse();
            Directory.GetFiles(work).ShouldBeEmpty("no temporary file left either");
        }
    }

    [Fact]
    public void Send_ThisProcesssOutputClosed_ExitOneWithTheError()
    {
        using var harness = new ResidentHarness().Start();
        var request = new ResidentRequest(RequestKind.Run, harness.Identity, Environment.CurrentDirectory, [], ["evaluate", "--method", Norm, "--inputs", Example, "--format", "json"], Terminal.None);
        using var stderr = new MemoryStream();

        var (connected, code) = ResidentClient.Send(harness.SocketPath, harness.Uid, request, new ClosedStream(), stderr);

        (connected, code).ShouldBe((true, (int?)ExitCodes.Invalid), "as `rse evaluate … | head -1` in a process of its own");
        System.Text.Encoding.UTF8.GetString(stderr.ToArray()).ShouldBe("rse: error RSE0005: Broken pipe\n");
    }

    /// <summary>A command that prints what it ran once <paramref name="release"/> is set.</summary>
    private static Func<string[], TextWriter, TextWriter, Terminal, int> Blocking(ManualResetEventSlim release) => (args, output, _, _) =>
    {
        if (args[^1] == "slow")
        {
            release.Wait(TimeSpan.FromMinutes(1)).ShouldBeTrue();
        }

        output.Write("ran " + string.Join(' ', args) + "\n");
        return 0;
    };

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().ShouldBeTrue();
    }

    private static Socket Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>A stdout whose reader has gone.</summary>
    private sealed class ClosedStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");
    }
}
