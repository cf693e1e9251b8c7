using System.Diagnostics;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Resident;

/// <summary>
/// The resident process as users meet it, with real processes: the first command that reads a method runs in its own
/// process and starts a resident one in the background; the next ones are forwarded to it and print exactly what a
/// process of their own prints; <c>rse server status</c> and <c>stop</c> see it and stop it. Each test has its own
/// runtime folder (<c>XDG_RUNTIME_DIR</c>), hence its own resident process, stopped at the end.
/// </summary>
public sealed class ResidentProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string Norm = Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0");
    private static readonly string Example = Path.Combine(Norm, "examples", "example.json");

    private readonly TempFolder temp = new();
    private readonly Dictionary<string, string?> resident;

    public ResidentProcessTests()
    {
        resident = new() { ["RSE_SERVER"] = null, ["XDG_RUNTIME_DIR"] = temp.File("run") };
        Directory.CreateDirectory(temp.File("run"));
    }

    public void Dispose()
    {
        // Whatever happened, no resident process is left behind.
        Run(resident, "server", "stop").GetAwaiter().GetResult();
        temp.Dispose();
    }

    [Fact]
    public async Task Evaluate_FirstRunsHereAndStartsTheResidentProcess_NextForwardedWithTheSameOutput()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string[] evaluate = ["evaluate", "--method", Norm, "--inputs", Example, "--lang", "en"];
        var alone = await Run(new Dictionary<string, string?>(), evaluate);
        alone.ExitCode.ShouldBe(0, alone.ToString());

        var first = await Run(resident, evaluate);
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Stdout.ShouldBe(alone.Stdout);

        var status = await WaitForStatus("listening on");
        status.ShouldContain("0 command(s) run", Case.Sensitive, "the first command ran in its own process");

        var second = await Run(resident, evaluate);
        second.ExitCode.ShouldBe(0, second.ToString());
        second.Stdout.ShouldBe(alone.Stdout);
        second.Stderr.ShouldBe(alone.Stderr);
        (await Run(resident, "server", "status")).Stdout.ShouldContain("1 command(s) run");

        // An error too: same diagnostics on stderr, same exit code.
        string[] broken = ["evaluate", "--method", Norm, "--inputs", Path.Combine(Repo.Root, "tests", "RseRules.Cli.Tests", "TestData", "inputs", "schema-violation.json")];
        var brokenAlone = await Run(new Dictionary<string, string?>(), broken);
        var brokenForwarded = await Run(resident, broken);
        brokenForwarded.ExitCode.ShouldBe(brokenAlone.ExitCode);
        brokenForwarded.ExitCode.ShouldBe(1);
        brokenForwarded.Stderr.ShouldBe(brokenAlone.Stderr);
        (await Run(resident, "server", "status")).Stdout.ShouldContain("2 command(s) run");

        (await Run(resident, "server", "stop")).Stdout.ShouldContain("stopped");
        (await Run(resident, "server", "status")).Stdout.ShouldContain("no resident process");
    }

    [Fact]
    public async Task ServerRun_Foreground_ServesUntilStopped()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var server = Process.Start(RseProcess.StartInfo(temp.Path, resident, "server", "run", "--idle-minutes", "5"))!;
        var announced = await server.StandardOutput.ReadLineAsync().WaitAsync(Timeout);
        announced.ShouldNotBeNull().ShouldContain("listening on " + temp.File("run", "rse"));

        var evaluated = await Run(resident, "evaluate", "--method", Norm, "--inputs", Example, "--format", "json");
        evaluated.ExitCode.ShouldBe(0, evaluated.ToString());
        (await Run(resident, "server", "status")).Stdout.ShouldContain($"process {server.Id},");

        (await Run(resident, "server", "stop")).ExitCode.ShouldBe(0);
        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        server.ExitCode.ShouldBe(0);

        var second = Process.Start(RseProcess.StartInfo(temp.Path, resident, "server", "run", "--idle-minutes", "0"))!;
        await second.WaitForExitAsync().WaitAsync(Timeout);
        second.ExitCode.ShouldBe(2, "--idle-minutes 0 is a usage error");
    }

    [Fact]
    public async Task ServerStatus_UnderAnotherNiceOrLimit_AnotherResidentProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        (await Run(Shell("true", "server", "start"), Timeout)).ExitCode.ShouldBe(0);
        (await Run(Shell("true", "server", "status"), Timeout)).Stdout.ShouldContain("listening on");
        (await Run(Shell("renice -n 5 -p $$ >/dev/null", "server", "status"), Timeout)).Stdout.ShouldContain("no resident process", Case.Sensitive, "a niced command would run at the resident process's priority");
        (await Run(Shell("ulimit -S -t 100000", "server", "status"), Timeout)).Stdout.ShouldContain("no resident process", Case.Sensitive, "a limited command would run with the resident process's limits");
        (await Run(Shell("true", "server", "stop"), Timeout)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Evaluate_UnderAnotherUmask_FilesGetThatUmasksPermissions()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A resident process started under umask 022, then a command run under 077: its file is the user's alone, as it
        // would be from a process of its own (another umask, another resident process).
        (await Run(Umask("022", "server", "start"), Timeout)).ExitCode.ShouldBe(0);
        var run = await Run(Umask("077", "evaluate", "--method", Norm, "--inputs", Example, "--format", "json", "--out", "private.json"), Timeout);
        run.ExitCode.ShouldBe(0, run.ToString());
        File.GetUnixFileMode(temp.File("private.json")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var shared = await Run(Umask("022", "evaluate", "--method", Norm, "--inputs", Example, "--format", "json", "--out", "shared.json"), Timeout);
        shared.ExitCode.ShouldBe(0, shared.ToString());
        File.GetUnixFileMode(temp.File("shared.json")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        (await Run(Umask("077", "server", "stop"), Timeout)).ExitCode.ShouldBe(0);
    }

    /// <summary>rse run by <c>sh</c> under a umask.</summary>
    private ProcessStartInfo Umask(string mask, params string[] args) => Shell("umask " + mask, args);

    /// <summary>rse run by <c>sh</c> after a shell command (<c>umask</c>, <c>ulimit</c>, <c>renice</c>).</summary>
    private ProcessStartInfo Shell(string before, params string[] args)
    {
        var inner = RseProcess.StartInfo(temp.Path, resident, args);
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = temp.Path };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{before} && exec \"$0\" \"$@\"");
        start.ArgumentList.Add(inner.FileName);
        foreach (var arg in inner.ArgumentList)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in inner.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static Task<ProcessRun> Run(ProcessStartInfo start, TimeSpan timeout) => RseProcess.RunAsync(start, timeout);

    private async Task<string> WaitForStatus(string expected)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var status = await Run(resident, "server", "status");
            if (status.Stdout.Contains(expected, StringComparison.Ordinal) || watch.Elapsed > Timeout)
            {
                status.Stdout.ShouldContain(expected);
                return status.Stdout;
            }

            await Task.Delay(200);
        }
    }

    private Task<ProcessRun> Run(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RseProcess.RunAsync(RseProcess.StartInfo(temp.Path, environment, args), Timeout);
}
