using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using RseRules.Benchmarks.Load;
using RseRules.Benchmarks.Support;

namespace RseRules.Benchmarks.Live;

/// <summary>
/// <c>-- --live [--iterations 200] [--warmup 10] [--rse path/to/rse.dll | --url http://host:port/]</c>: the evaluate
/// page's live panel in a real browser (Debian's Chromium driven by Playwright, headless). For each method's example
/// form, it changes one number as a user would (Playwright's <c>fill</c>: the value set, one <c>input</c> event), waits
/// until the panel has been replaced (<c>#panel</c>'s <c>data-updates</c> goes up) and records three times:
/// <list type="bullet">
/// <item>the round trip workbench.js measures itself (<c>data-round-trip</c>: request sent → panel replaced, the
/// 250 ms debounce excluded);</item>
/// <item>the user-perceived time measured in the page (the <c>input</c> event → panel replaced: debounce + round trip);</item>
/// <item>the same seen from the test side (Stopwatch around the fill and the wait, Playwright's protocol included).</item>
/// </list>
/// The workbench is the one of <c>--load</c> (<see cref="WorkbenchUnderTest"/>) on a methods folder holding the
/// repository's methods and the loan-vs-lease test method. Prints a Markdown table, writes it to
/// <c>BenchmarkDotNet.Artifacts/live/</c>; exit code 1 when an update failed (<c>data-error</c>) or timed out.
/// </summary>
public static class LiveBenchmark
{
    /// <summary>The argument that selects the mode.</summary>
    public const string Argument = "--live";

    /// <summary>The requirement: the panel's round trip in the browser, p95.</summary>
    public const double TargetP95Milliseconds = 100;

    /// <summary>workbench.js's debounce (ms after the last input event).</summary>
    public const int Debounce = 250;

    // Installed once per page: the time of the last input event and of each panel update (both performance.now()),
    // and a promise that resolves when the panel's update count passes a value or an error is set.
    private const string Probe = """
        () => {
          const panel = document.getElementById('panel');
          const s = window.__rseLive = { lastInput: 0, updatedAt: 0, waiters: [] };
          document.addEventListener('input', () => { s.lastInput = performance.now(); }, true);
          new MutationObserver(() => {
            s.updatedAt = performance.now();
            for (const w of s.waiters.splice(0)) w();
          }).observe(panel, { attributes: true, attributeFilter: ['data-updates', 'data-error'] });
          window.__rseLiveWait = (after) => new Promise((resolve) => {
            const check = () => {
              const updates = Number(panel.dataset.updates || '0');
              if (updates > after || panel.dataset.error) {
                const live = performance.getEntriesByType('resource').filter((e) => e.name.includes('handler=Live')).pop();
                performance.clearResourceTimings();
                resolve({ updates, roundTrip: Number(panel.dataset.roundTrip || '-1'), error: panel.dataset.error || null,
                          perceived: s.updatedAt - s.lastInput,
                          fetch: live ? live.responseEnd - live.startTime : -1,
                          wait: live ? live.responseStart - live.requestStart : -1 });
              } else {
                s.waiters.push(check);
              }
            };
            check();
          });
          return Number(panel.dataset.updates || '0');
        }
        """;

    private static readonly Scenario[] Scenarios =
    [
        new("rse-value@1.0.0", "methods/rse-value/1.0.0/evaluate?example=example&lang=fr", "example", "/hourlyCost", ["46", "45"]),
        new("loan-vs-lease@1.0.0", "methods/loan-vs-lease/1.0.0/evaluate?example=delivery-van&lang=fr", "delivery-van", "/assetPrice", ["30001", "30000"]),
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var (iterations, warmup, load) = Parse(args);
        var methods = load.Url is null ? BuildMethodsFolder() : null;
        try
        {
            if (methods is not null)
            {
                load = load with { MethodsDir = methods };
            }

            var loadBefore = LoadAverage();
            var started = DateTime.UtcNow;
            await using var server = await WorkbenchUnderTest.StartAsync(load, output).ConfigureAwait(false);
            output.WriteLine($"// server: {server.Description}, {server.Address}");
            using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath(),
                Headless = true,
                Args = ["--no-sandbox"],
            }).ConfigureAwait(false);
            output.WriteLine($"// browser: {ChromiumPath()} {browser.Version}, headless; {iterations} updates per method after {warmup} warm-up");

            var results = new List<ScenarioResult>();
            foreach (var scenario in Scenarios)
            {
                results.Add(await MeasureAsync(browser, server.Address, scenario, iterations, warmup, output).ConfigureAwait(false));
            }

            var report = Report(results, server.Description, browser.Version, iterations, warmup, started, loadBefore, LoadAverage());
            output.WriteLine();
            output.Write(report);
            var folder = Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "live");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"live-{started:yyyyMMdd-HHmmss}.md");
            await File.WriteAllTextAsync(file, report).ConfigureAwait(false);
            output.WriteLine($"// written to {file}");
            return results.All(r => r.Errors.Count == 0) ? 0 : 1;
        }
        finally
        {
            if (methods is not null)
            {
                Directory.Delete(methods, recursive: true);
            }
        }
    }

    private static async Task<ScenarioResult> MeasureAsync(IBrowser browser, Uri address, Scenario scenario, int iterations, int warmup, TextWriter output)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "fr-FR",
        }).ConfigureAwait(false);
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        var response = await page.GotoAsync(new Uri(address, scenario.Path).ToString()).ConfigureAwait(false);
        if (response is null || !response.Ok)
        {
            throw new InvalidOperationException($"{scenario.Path}: {(response is null ? "no answer" : response.Status.ToString(CultureInfo.InvariantCulture))}.");
        }

        var field = page.Locator($"#evaluation [name=\"{scenario.Field}\"]");
        if (await field.CountAsync().ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException($"{scenario.Method}: no single field named {scenario.Field} in the form.");
        }

        var updates = await page.EvaluateAsync<int>(Probe).ConfigureAwait(false);
        var roundTrips = new List<double>();
        var perceived = new List<double>();
        var testSide = new List<double>();
        var fetches = new List<double>();
        var waits = new List<double>();
        var errors = new List<string>();
        for (var i = 0; i < warmup + iterations; i++)
        {
            var value = scenario.Values[i % scenario.Values.Length];
            var clock = Stopwatch.StartNew();
            await field.FillAsync(value).ConfigureAwait(false);
            JsonElement seen;
            try
            {
                seen = await page.EvaluateAsync<JsonElement>("after => window.__rseLiveWait(after)", updates).WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                errors.Add($"update {i}: {e.Message}");
                break; // the page's state is unknown: stop this method
            }

            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (seen.GetProperty("error").ValueKind == JsonValueKind.String)
            {
                errors.Add($"update {i}: data-error {seen.GetProperty("error").GetString()}");
                break; // the error stays set: every later wait would return at once
            }

            var now = seen.GetProperty("updates").GetInt32();
            if (now != updates + 1)
            {
                errors.Add($"update {i}: data-updates went from {updates} to {now}");
            }

            updates = now;
            if (i >= warmup)
            {
                roundTrips.Add(seen.GetProperty("roundTrip").GetDouble());
                perceived.Add(seen.GetProperty("perceived").GetDouble());
                testSide.Add(elapsed);
                if (seen.GetProperty("fetch").GetDouble() is >= 0 and var fetch && seen.GetProperty("wait").GetDouble() is >= 0 and var wait)
                {
                    fetches.Add(fetch);
                    waits.Add(wait);
                }
            }
        }

        var stale = await page.Locator("#panel").GetAttributeAsync("class").ConfigureAwait(false);
        output.WriteLine($"// {scenario.Method}: {roundTrips.Count} updates measured, {errors.Count} errors; panel class at the end: '{stale}'");
        foreach (var e in errors.Take(5))
        {
            output.WriteLine("//   " + e);
        }

        return new ScenarioResult(scenario, [.. roundTrips], [.. perceived], [.. testSide], [.. fetches], [.. waits], errors);
    }

    private static string Report(IReadOnlyList<ScenarioResult> results, string server, string browserVersion, int iterations, int warmup, DateTime started, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Live panel in the browser, {started:yyyy-MM-dd HH:mm} UTC; server {server}; Chromium {browserVersion} headless (Playwright);");
        sb.AppendLine(inv, $"{iterations} updates per method after {warmup} warm-up, one at a time; {Environment.ProcessorCount} cores; load average {loadBefore} → {loadAfter}.");
        sb.AppendLine();
        sb.AppendLine("| method (field changed) | row | updates | errors | p50 ms | p90 ms | p95 ms | p99 ms | max ms |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var name = $"{r.Scenario.Method} ({r.Scenario.Example}, `{r.Scenario.Field}`)";
            Row(sb, name, "**round trip** (request sent → panel replaced; `data-round-trip`, debounce excluded)", r.RoundTrips, r.Errors.Count);
            Row(sb, name, "… of which the fetch (request start → last byte of the answer; Resource Timing)", r.Fetches, r.Errors.Count);
            Row(sb, name, "… of which waiting for the server (request sent → first byte; Resource Timing)", r.Waits, r.Errors.Count);
            Row(sb, name, $"perceived (last `input` event → panel replaced, in the page: {Debounce} ms debounce + round trip)", r.Perceived, r.Errors.Count);
            Row(sb, name, "perceived, test side (Stopwatch: Playwright `fill` → update seen, protocol included)", r.TestSide, r.Errors.Count);
        }

        sb.AppendLine();
        foreach (var r in results)
        {
            var p95 = Percentile(r.RoundTrips, 95);
            sb.AppendLine(inv, $"- {r.Scenario.Method}: round trip p95 {p95:F0} ms — target ≤ {TargetP95Milliseconds:F0} ms **{(r.Errors.Count == 0 && p95 <= TargetP95Milliseconds ? "met" : "not met")}**.");
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, string row, double[] samples, int errors)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"| {name} | {row} | {samples.Length} | {errors} | {Percentile(samples, 50):F0} | {Percentile(samples, 90):F0} | {Percentile(samples, 95):F0} | {Percentile(samples, 99):F0} | {Percentile(samples, 100):F0} |");
    }

    /// <summary>The exact percentile: nearest rank over every sample, sorted (100 = the maximum).</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static (int Iterations, int Warmup, LoadOptions Load) Parse(IReadOnlyList<string> args)
    {
        int iterations = 200, warmup = 10;
        var load = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case Argument:
                    break;
                case "--iterations":
                    iterations = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmup = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--rse":
                    load = load with { Rse = Path.GetFullPath(Next()) };
                    break;
                case "--url":
                    load = load with { Url = new Uri(Next().TrimEnd('/') + "/") };
                    break;
                default:
                    throw new ArgumentException($"Unknown option of --live: {args[i]}");
            }
        }

        if (iterations < 1 || warmup < 0 || (load.Url is not null && load.Rse is not null))
        {
            throw new ArgumentException("--iterations must be at least 1, --warmup not negative; --url and --rse exclude each other.");
        }

        return (iterations, warmup, load);
    }

    /// <summary>The repository's methods and the loan-vs-lease test method in one temporary folder (the server's).</summary>
    private static string BuildMethodsFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"rse-bench-live-methods-{Environment.ProcessId}");
        Copy(Norm.MethodsDir, dir);
        Copy(Path.Combine(Norm.Root, "tests", "methods", "loan-vs-lease"), Path.Combine(dir, "loan-vs-lease"));
        return dir;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var sub in Directory.GetDirectories(from))
        {
            Copy(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }

    /// <summary>Debian's Chromium (or RSE_CHROMIUM); never a downloaded browser.</summary>
    private static string ChromiumPath()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("RSE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Chromium is not installed (apt-get install chromium, or set RSE_CHROMIUM).");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private sealed record Scenario(string Method, string Path, string Example, string Field, string[] Values);

    private sealed record ScenarioResult(Scenario Scenario, double[] RoundTrips, double[] Perceived, double[] TestSide, double[] Fetches, double[] Waits, IReadOnlyList<string> Errors);
}
