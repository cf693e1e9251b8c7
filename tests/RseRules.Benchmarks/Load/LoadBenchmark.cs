using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Benchmarks.Support;
using RseRules.Core;
using RseRules.Core.Json;
using RseRules.Core.Evaluation;
using RseRules.Web.Evaluation;

namespace RseRules.Benchmarks.Load;

/// <summary>
/// <c>-- --load</c>: the workbench's evaluate endpoint (<c>POST /api/methods/{id}/{version}/evaluate</c>) under N
/// concurrent clients for a fixed time, over real sockets, with two baselines measured in the same run: the HTTP floor
/// (the same clients fetching the workbench's style sheet through the same pipeline, no engine) and the engine ceiling
/// (what the endpoint runs — <c>EvaluationService.EvaluateWithoutRecord</c>, then the record's canonical text written from the evaluation as UTF-8 — on N threads of this
/// process, no HTTP). Every answer is checked: status 200 and the very bytes of the record the engine gives for the
/// document here. Prints a Markdown table and writes it to <c>BenchmarkDotNet.Artifacts/load/</c>; exit code 1 when a
/// request failed.
/// </summary>
public static class LoadBenchmark
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? EngineBuffer;

    /// <summary>The issue's targets for the evaluate endpoint under 16 clients.</summary>
    public const double TargetP95Milliseconds = 25;

    /// <inheritdoc cref="TargetP95Milliseconds"/>
    public const double TargetThroughput = 500;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = LoadOptions.Parse(args);
        var text = await File.ReadAllTextAsync(options.InputsPath).ConfigureAwait(false);
        var body = Encoding.UTF8.GetBytes(text);

        // The record the server must answer, computed here with the same engine.
        var methodPath = Path.Combine(options.MethodsDir, options.MethodId, options.MethodVersion, "method.json");
        var compiled = RseRules.Core.Engine.LoadAndCompile(methodPath, options.MethodsDir);
        using var method = compiled.Method ?? throw new InvalidOperationException($"{options.Method} does not compile: {string.Join("; ", compiled.Diagnostics)}");
        var outcome = EvaluationService.Evaluate(method, text, "request.json");
        var record = outcome.Record ?? throw new InvalidOperationException($"{options.InputsPath} is refused: {string.Join("; ", outcome.Errors)}");
        var expectedText = CanonicalJson.Write(record);
        var expected = Encoding.UTF8.GetBytes(expectedText);
        var decision = (record["results"] as JObject)?["decision"]?.ToString() ?? "(no decision result)";

        if (options.Phases)
        {
            LoadPhases.Run(method, text, output, options.Duration);
            return 0;
        }

        output.WriteLine($"// load: {options.Method}, {Path.GetFileName(options.InputsPath)} ({body.Length:N0} bytes) → record of {expected.Length:N0} bytes, decision {decision}");
        await using var server = await WorkbenchUnderTest.StartAsync(options, output).ConfigureAwait(false);
        output.WriteLine($"// server: {server.Description}, {server.Address}");

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var evaluate = new Uri($"api/methods/{Uri.EscapeDataString(options.MethodId)}/{Uri.EscapeDataString(options.MethodVersion)}/evaluate", UriKind.Relative);
        var asset = new Uri("assets/site.css", UriKind.Relative);
        var json = new MediaTypeHeaderValue("application/json");

        async Task<string?> Evaluate(CancellationToken ct)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = json;
            using var response = await http.PostAsync(evaluate, content, ct).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return response.StatusCode != HttpStatusCode.OK ? $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, 300))}"
                : answer.AsSpan().SequenceEqual(expected) ? null
                : $"200 with another body ({answer.Length} bytes, expected the record of {expected.Length})";
        }

        // The first answers, checked before any timing (a wrong set-up fails here, not after the run).
        var first = await Evaluate(CancellationToken.None).ConfigureAwait(false);
        if (first is not null)
        {
            output.WriteLine($"// the first evaluation failed: {first}");
            return 1;
        }

        var cssLength = (await http.GetByteArrayAsync(asset).ConfigureAwait(false)).Length;
        async Task<string?> Floor(CancellationToken ct)
        {
            using var response = await http.GetAsync(asset, ct).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK && answer.Length == cssLength ? null : $"{(int)response.StatusCode}, {answer.Length} bytes";
        }

        string? EngineCeiling()
        {
            // What the endpoint runs: the evaluation, then the record's text encoded into a (reused) byte buffer.
            var o = EvaluationService.EvaluateWithoutRecord(method, text, "request.json");
            using var record = EvaluationRecord.WriteText(o.Result!);
            var buffer = EngineBuffer ??= new ArrayBufferWriter<byte>(64 * 1024);
            buffer.ResetWrittenCount();
            record.WriteTo(buffer);
            return buffer.WrittenSpan.SequenceEqual(expected) ? null : "another record";
        }

        var warmup = TimeSpan.FromSeconds(options.Warmup);
        var duration = TimeSpan.FromSeconds(options.Duration);
        var started = DateTime.UtcNow;
        var loadBefore = LoadAverage();
        var rows = new List<LoadResult>();
        output.WriteLine($"// {options.Clients} clients, {options.Warmup} s warmup + {options.Duration} s measured per row; load average {loadBefore}");
        rows.Add(await LoadRunner.RunAsync($"POST evaluate ({options.Method}, HTTP)", options.Clients, warmup, duration, Evaluate, server.CpuTime).ConfigureAwait(false));
        output.WriteLine($"// {Describe(rows[^1])}");
        if (options.Baseline)
        {
            rows.Add(await LoadRunner.RunAsync("baseline: GET /assets/site.css (HTTP floor, no engine)", options.Clients, warmup, duration, Floor, server.CpuTime).ConfigureAwait(false));
            output.WriteLine($"// {Describe(rows[^1])}");
            rows.Add(await LoadRunner.RunThreadsAsync($"baseline: the endpoint's work (EvaluationService.EvaluateWithoutRecord, RecordText.WriteTo), {options.Clients} threads in the client process (no HTTP)", options.Clients, warmup, duration, EngineCeiling, () => null).ConfigureAwait(false));
            output.WriteLine($"// {Describe(rows[^1])}");
        }

        var report = Report(options, server, started, loadBefore, body.Length, expected.Length, decision, rows, args);
        output.WriteLine();
        output.Write(report);
        var folder = Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "load");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"load-{started:yyyyMMdd-HHmmss}.md");
        await File.WriteAllTextAsync(file, report).ConfigureAwait(false);
        output.WriteLine($"// written to {file}");
        return rows.Sum(r => r.Errors) > 0 ? 1 : 0;
    }

    private static string Describe(LoadResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Name}: {r.Samples.Length} ok, {r.Errors} errors, {r.Throughput:F0}/s, p95 {r.Percentile(95):F2} ms") +
        (r.FirstErrors.Count > 0 ? Environment.NewLine + "//   " + string.Join(Environment.NewLine + "//   ", r.FirstErrors) : string.Empty);

    private static string Report(LoadOptions options, WorkbenchUnderTest server, DateTime started, string loadBefore, int bodyBytes, int recordBytes, string decision, List<LoadResult> rows, IReadOnlyList<string> args)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"## Load: {options.Method} evaluate endpoint, {options.Clients} clients × {options.Duration} s");
        sb.AppendLine();
        sb.AppendLine(inv, $"- run: {started:yyyy-MM-dd HH:mm:ss} UTC, `-- {string.Join(' ', args)}`; {Environment.ProcessorCount} cores; load average before {loadBefore}");
        sb.AppendLine(inv, $"- server: {server.Description}; client: this process, one HttpClient (SocketsHttpHandler, {options.Clients} connections, HTTP/1.1), {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        sb.AppendLine(inv, $"- document: `{Path.GetFileName(options.InputsPath)}` ({bodyBytes:N0} bytes) → 200 with the evaluation record ({recordBytes:N0} bytes, decision `{decision}`), every answer compared byte for byte with the record computed in the client process");
        sb.AppendLine(inv, $"- {options.Warmup} s of load before each row's {options.Duration} s window (not recorded); closed loops, no pause; latency from before sending to the whole answer read; percentiles exact (nearest rank over every sample)");
        sb.AppendLine("- CPU ms / request: CPU time of the client process plus the server's (when it is a process of its own) over the window, divided by the requests answered; on 2 cores, 2,000 ms of CPU a second is the ceiling, so 2,000 ÷ that figure bounds the throughput");
        sb.AppendLine();
        sb.AppendLine("| row | requests | errors | per second | p50 ms | p90 ms | p95 ms | p99 ms | max ms | client CPU s | server CPU s | CPU ms / request | client KB alloc. / request | client gen 2 GCs | load avg (end) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var inProcessServer = server.InProcess || r.ServerCpu is null;
            var serverCpu = r.Name.StartsWith("baseline: EvaluationService", StringComparison.Ordinal) ? "–"
                : server.InProcess ? "(same process)" : r.ServerCpu is { } s ? s.TotalSeconds.ToString("F1", inv) : "?";
            var total = r.ClientCpu + (inProcessServer ? TimeSpan.Zero : r.ServerCpu!.Value);
            var perRequest = r.Samples.Length == 0 || (!server.InProcess && server.CpuTime() is null && !r.Name.StartsWith("baseline: EvaluationService", StringComparison.Ordinal))
                ? "?" : (total.TotalMilliseconds / r.Samples.Length).ToString("F2", inv);
            sb.AppendLine(inv, $"| {r.Name} | {r.Samples.Length:N0} | {r.Errors} | {r.Throughput:F0} | {r.Percentile(50):F2} | {r.Percentile(90):F2} | {r.Percentile(95):F2} | {r.Percentile(99):F2} | {r.Max:F2} | {r.ClientCpu.TotalSeconds:F1} | {serverCpu} | {perRequest} | {(r.Samples.Length == 0 ? 0 : r.ClientAllocated / 1024.0 / r.Samples.Length):F0} | {r.ClientGen2} | {r.LoadAverage} |");
        }

        var e = rows[0];
        sb.AppendLine();
        sb.AppendLine(inv, $"Targets (evaluate row): p95 ≤ {TargetP95Milliseconds} ms: {e.Percentile(95):F2} ms, **{(e.Percentile(95) <= TargetP95Milliseconds ? "met" : "not met")}**; ≥ {TargetThroughput} evaluations/s: {e.Throughput:F0}/s, **{(e.Throughput >= TargetThroughput ? "met" : "not met")}**; errors: {e.Errors}.");
        foreach (var r in rows.Where(r => r.FirstErrors.Count > 0))
        {
            sb.AppendLine(inv, $"First errors of {r.Name}: {string.Join(" | ", r.FirstErrors)}");
        }

        return sb.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
