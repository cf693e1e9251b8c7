using System.Diagnostics;
using System.Net;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse serve</c>: unsafe or wrong options refused before anything listens (exit 2, one line); a real start
/// prints the address to open, and that address answers.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--listen", "0.0.0.0")]
    [InlineData("--listen", "192.168.1.10", "--token", "short")]
    public void Serve_BeyondLoopbackWithoutAStrongToken_RefusedWithExit2(params string[] options)
    {
        var result = Rse.Run(["serve", "--port", "0", .. options]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldStartWith("rse: error: ");
        result.Stderr.ShouldContain("token");
        result.Stderr.ShouldNotContain("   at "); // a sentence, not a stack trace
    }

    [Fact]
    public void Serve_MethodsFolderMissing_RefusedWithExit2()
    {
        var result = Rse.Run("serve", "--port", "0", "--methods-dir", Path.Combine(Path.GetTempPath(), "no-such-methods-" + Guid.NewGuid().ToString("N")));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("methods");
    }

    [Fact]
    public async Task Serve_RealProcess_PrintsTheAddressThatAnswers()
    {
        var store = Path.Combine(Path.GetTempPath(), "rse-serve-" + Guid.NewGuid().ToString("N") + ".db");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root };
        foreach (var arg in new[] { RseProcess.Dll, "serve", "--port", "0", "--store", store, "--methods-dir", Path.Combine(Repo.Root, "methods") })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("RseRules workbench: ", StringComparison.Ordinal));

            line.ShouldNotBeNull("rse serve ended without printing its address");
            var address = line["RseRules workbench: ".Length..];
            address.ShouldMatch(@"^http://127\.0\.0\.1:\d+/$");

            using var client = new HttpClient();
            var response = await client.GetAsync(address + "api/methods");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("\"reference\":\"rse-value@1.0.0\"");
            File.Exists(store).ShouldBeTrue(); // the store is created (migrated) at start
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            foreach (var file in new[] { store, store + "-wal", store + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
