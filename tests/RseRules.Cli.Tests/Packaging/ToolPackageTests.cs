using System.Diagnostics;
using Newtonsoft.Json.Linq;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Packaging;

/// <summary>
/// The tool as a user gets it: <c>dotnet pack</c> (of the build these tests run against), <c>dotnet tool install</c>
/// into a temporary tool path, then <c>rse</c> run from an empty folder with no methods or templates anywhere above it
/// and no <c>RSE_METHODS_DIR</c>/<c>RSE_TEMPLATES_DIR</c>: it must find the methods and templates it carries.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose()
    {
        // Whatever happened, the resident process the installed tool may have started is stopped.
        var rse = temp.File("tools", OperatingSystem.IsWindows() ? "rse.exe" : "rse");
        if (File.Exists(rse) && Directory.Exists(temp.File("run")))
        {
            Run(temp.Path, rse, "server", "stop").GetAwaiter().GetResult();
        }

        temp.Dispose();
    }

    [Fact]
    public async Task InstalledTool_FromAnEmptyFolder_VersionEvaluateAndReportWork()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var pack = await Run(Repo.Root, "dotnet", "pack", Path.Combine(Repo.Root, "src", "RseRules.Cli"), "--no-build", "-c", configuration, "-o", temp.File("pkg"));
        pack.ExitCode.ShouldBe(0, pack.Output);
        var install = await Run(temp.Path, "dotnet", "tool", "install", "--tool-path", temp.File("tools"), "--add-source", temp.File("pkg"), "RseRules.Cli");
        install.ExitCode.ShouldBe(0, install.Output);

        // An empty folder under the temp folder: no methods/ or templates/ in it or above it (checked, not assumed).
        var work = temp.File("work");
        Directory.CreateDirectory(work);
        for (var dir = new DirectoryInfo(work); dir is not null; dir = dir.Parent)
        {
            Directory.Exists(Path.Combine(dir.FullName, "methods")).ShouldBeFalse(dir.FullName);
            Directory.Exists(Path.Combine(dir.FullName, "templates")).ShouldBeFalse(dir.FullName);
        }

        File.Copy(Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0", "examples", "example.json"), Path.Combine(work, "example.json"));
        var rse = temp.File("tools", OperatingSystem.IsWindows() ? "rse.exe" : "rse");

        var version = await Run(work, rse, "--version");
        version.ExitCode.ShouldBe(0, version.Output);
        version.Stdout.ShouldStartWith("rse ");

        var methods = await Run(work, rse, "methods", "--format", "json");
        methods.ExitCode.ShouldBe(0, methods.Output);
        var listing = JObject.Parse(methods.Stdout);
        listing["source"]!.Value<string>().ShouldBe("shipped");
        listing["methods"]!.Select(m => m["reference"]!.Value<string>()).ShouldContain("rse-value@1.1.0");

        var evaluate = await Run(work, rse, "evaluate", "--method", "rse-value@1.1.0", "--inputs", "example.json", "--format", "json", "--out", "evaluation.json");
        evaluate.ExitCode.ShouldBe(0, evaluate.Output);
        var installed = JObject.Parse(File.ReadAllText(Path.Combine(work, "evaluation.json")));

        // The same record as the build in the repository gives (same method hash, same results, same record hash).
        var expected = Rse.Run("evaluate", "--method", Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0"), "--inputs", Path.Combine(work, "example.json"), "--format", "json");
        expected.ExitCode.ShouldBe(0, expected.ToString());
        installed["recordSha256"]!.Value<string>().ShouldBe(JObject.Parse(expected.Stdout)["recordSha256"]!.Value<string>());

        var report = await Run(work, rse, "report", "--method", "rse-value@1.1.0", "--inputs", "example.json", "--lang", "en", "--out", "report.html");
        report.ExitCode.ShouldBe(0, report.Output);
        var html = File.ReadAllText(Path.Combine(work, "report.html"));
        html.ShouldContain("<html");
        html.ShouldContain(JObject.Parse(File.ReadAllText(Path.Combine(work, "example.json")))["organization"]!["name"]!.Value<string>()!);

        // The installed tool started its resident process; once it listens, the same evaluation is forwarded to it and
        // gives the same record.
        var watch = Stopwatch.StartNew();
        Outcome status;
        while (!(status = await Run(work, rse, "server", "status")).Stdout.Contains("listening on", StringComparison.Ordinal) && watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(250);
        }

        status.Stdout.ShouldContain("listening on", Case.Sensitive, status.Output);
        var forwarded = await Run(work, rse, "evaluate", "--method", "rse-value@1.1.0", "--inputs", "example.json", "--format", "json");
        forwarded.ExitCode.ShouldBe(0, forwarded.Output);
        JObject.Parse(forwarded.Stdout)["recordSha256"]!.Value<string>().ShouldBe(installed["recordSha256"]!.Value<string>());
        Served((await Run(work, rse, "server", "status")).Stdout).ShouldBe(Served(status.Stdout) + 1, "the evaluation was forwarded");
        (await Run(work, rse, "server", "stop")).Stdout.ShouldContain("stopped");
    }

    private static int Served(string status) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(status, @"(\d+) command\(s\) run").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    private async Task<Outcome> Run(string workingDirectory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("RSE_METHODS_DIR");
        start.Environment.Remove("RSE_TEMPLATES_DIR");
        start.Environment["RSE_CACHE_DIR"] = temp.File("cache");

        // The resident process the installed tool starts lives in this test's runtime folder, and is stopped at the end.
        Directory.CreateDirectory(temp.File("run"));
        start.Environment["XDG_RUNTIME_DIR"] = temp.File("run");
        start.Environment.Remove("RSE_SERVER");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
