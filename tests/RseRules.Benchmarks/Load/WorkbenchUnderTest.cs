using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RseRules.Benchmarks.Support;
using RseRules.Web.Hosting;

namespace RseRules.Benchmarks.Load;

/// <summary>
/// The workbench the load is sent to: started in this process on Kestrel (loopback, port 0, a temporary SQLite
/// store), started as <c>dotnet rse.dll serve --port 0</c> in a process of its own (its address read from the line it
/// prints), or one already running at a URL.
/// </summary>
public sealed partial class WorkbenchUnderTest : IAsyncDisposable
{
    private readonly WebApplication? app;
    private readonly Process? process;
    private readonly string? store;

    private WorkbenchUnderTest(Uri address, string description, WebApplication? app, Process? process, string? store)
    {
        Address = address;
        Description = description;
        this.app = app;
        this.process = process;
        this.store = store;
    }

    /// <summary>The base address, ending with a slash.</summary>
    public Uri Address { get; }

    /// <summary>Where it runs, for the report.</summary>
    public string Description { get; }

    /// <summary>Whether the server shares this process (its CPU time is the process's).</summary>
    public bool InProcess => app is not null;

    /// <summary>The server process's CPU time (all threads), when it is a child process or this one; null for a URL.</summary>
    public TimeSpan? CpuTime()
    {
        if (process is not null)
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }

        return app is null ? null : Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>Starts (or names) the workbench the options say.</summary>
    public static async Task<WorkbenchUnderTest> StartAsync(LoadOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Url is not null)
        {
            return new WorkbenchUnderTest(options.Url, $"external server at {options.Url}", null, null, null);
        }

        var store = Path.Combine(Path.GetTempPath(), $"rse-bench-load-{Environment.ProcessId}.db");
        var templates = Path.Combine(Norm.Root, "templates");
        if (options.Rse is not null)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { options.Rse, "serve", "--port", "0", "--methods-dir", options.MethodsDir, "--store", store, "--templates-dir", templates })
            {
                start.ArgumentList.Add(a);
            }

            // The workbench's access token, if this shell has one, would make every request a 401.
            start.Environment.Remove("RSE_WORKBENCH_TOKEN");
            var child = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            child.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    log.WriteLine("rse serve (stderr): " + e.Data);
                }
            };
            child.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"rse serve exited ({(child.WaitForExit(5000) ? child.ExitCode : -1)}) before printing its address.");
                if (AddressLine().Match(line) is { Success: true } m)
                {
                    // Keep reading its output so that it never blocks on a full pipe.
                    _ = Task.Run(async () =>
                    {
                        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
                        {
                        }
                    });
                    return new WorkbenchUnderTest(new Uri(m.Groups[1].Value), $"`dotnet {Path.GetFileName(options.Rse)} serve --port 0` (pid {child.Id}, a process of its own)", null, child, store);
                }
            }
        }

        var app = Workbench.Create(
        [
            $"--Workbench:MethodsDir={options.MethodsDir}",
            "--Workbench:Port=0",
            "--Workbench:Listen=127.0.0.1",
            $"--Workbench:Store={store}",
            $"--Workbench:TemplatesDir={templates}",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        ]);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WorkbenchUnderTest(new Uri(address.TrimEnd('/') + "/"), "in this process (`Workbench.Create`, Kestrel on 127.0.0.1, port 0)", app, null, store);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }

            process.Dispose();
        }

        if (store is not null)
        {
            foreach (var file in new[] { store, store + "-wal", store + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [GeneratedRegex(@"RseRules workbench: (http://\S+)")]
    private static partial Regex AddressLine();
}
