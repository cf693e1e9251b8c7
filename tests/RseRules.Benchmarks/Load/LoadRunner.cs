using System.Diagnostics;

namespace RseRules.Benchmarks.Load;

/// <summary>What one scenario measured: every latency sample of the measured window, in Stopwatch ticks.</summary>
/// <param name="Name">The row's name.</param>
/// <param name="Samples">Latencies of the requests started in the window and answered correctly.</param>
/// <param name="Errors">Requests started in the window that failed (status, body, exception).</param>
/// <param name="Window">The measured window.</param>
/// <param name="ClientCpu">CPU time of this process during the window.</param>
/// <param name="ServerCpu">CPU time of the server process during the window (null: in this process, or unknown).</param>
/// <param name="LoadAverage">/proc/loadavg at the end of the window.</param>
/// <param name="FirstErrors">The first few errors, as text.</param>
/// <param name="ClientAllocated">Bytes allocated in this process during the window.</param>
/// <param name="ClientGen2">Gen 2 collections in this process during the window.</param>
public sealed record LoadResult(string Name, long[] Samples, long Errors, TimeSpan Window, TimeSpan ClientCpu, TimeSpan? ServerCpu, string LoadAverage, IReadOnlyList<string> FirstErrors, long ClientAllocated, int ClientGen2)
{
    /// <summary>Requests answered correctly per second of the window.</summary>
    public double Throughput => Samples.Length / Window.TotalSeconds;

    /// <summary>The exact percentile (nearest rank on the sorted samples), in milliseconds.</summary>
    public double Percentile(double p)
    {
        if (Samples.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * Samples.Length);
        return Milliseconds(Samples[Math.Clamp(rank - 1, 0, Samples.Length - 1)]);
    }

    /// <summary>The longest sample, in milliseconds.</summary>
    public double Max => Samples.Length == 0 ? double.NaN : Milliseconds(Samples[^1]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// Closed-loop clients: each runs one operation after another with no pause, from the start of the warmup to the end
/// of the measured window. An operation started in the window is recorded (its latency, or an error); those started
/// during the warmup are not. Latency is Stopwatch time from before the request is sent to after its whole answer has
/// been read and checked.
/// </summary>
public static class LoadRunner
{
    private const int KeptErrors = 5;

    /// <summary>Runs <paramref name="operation"/> on <paramref name="clients"/> concurrent asynchronous loops.</summary>
    /// <param name="operation">One request; returns null when the answer is right, else what was wrong.</param>
    public static Task<LoadResult> RunAsync(string name, int clients, TimeSpan warmup, TimeSpan duration, Func<CancellationToken, Task<string?>> operation, Func<TimeSpan?> serverCpu) =>
        RunCoreAsync(name, clients, warmup, duration, serverCpu, (loop, until) => Task.Run(() => LoopAsync(operation, loop, until)));

    /// <summary>Runs a synchronous <paramref name="operation"/> on <paramref name="clients"/> dedicated threads.</summary>
    public static Task<LoadResult> RunThreadsAsync(string name, int clients, TimeSpan warmup, TimeSpan duration, Func<string?> operation, Func<TimeSpan?> serverCpu) =>
        RunCoreAsync(name, clients, warmup, duration, serverCpu, (loop, until) =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    LoopAsync(_ => Task.FromResult(operation()), loop, until).GetAwaiter().GetResult();
                    done.SetResult();
                }
#pragma warning disable CA1031 // the thread's failure is handed to the awaiting task
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    done.SetException(ex);
                }
            })
            { IsBackground = true, Name = "load client" };
            thread.Start();
            return done.Task;
        });

    private static async Task<LoadResult> RunCoreAsync(string name, int clients, TimeSpan warmup, TimeSpan duration, Func<TimeSpan?> serverCpu, Func<Loop, long, Task> start)
    {
        var now = Stopwatch.GetTimestamp();
        var measureFrom = now + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, clients).Select(_ => new Loop(measureFrom)).ToArray();
        var tasks = loops.Select(l => start(l, measureUntil)).ToArray();

        // CPU times at the edges of the measured window.
        using var self = Process.GetCurrentProcess();
        await Task.Delay(warmup).ConfigureAwait(false);
        self.Refresh();
        var client0 = self.TotalProcessorTime;
        var server0 = serverCpu();
        var allocated0 = GC.GetTotalAllocatedBytes();
        var gen2 = GC.CollectionCount(2);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureUntil);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait).ConfigureAwait(false);
        }

        self.Refresh();
        var client1 = self.TotalProcessorTime;
        var server1 = serverCpu();
        var allocated = GC.GetTotalAllocatedBytes() - allocated0;
        gen2 = GC.CollectionCount(2) - gen2;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var samples = loops.SelectMany(l => l.Samples).ToArray();
        Array.Sort(samples);
        return new LoadResult(
            name,
            samples,
            loops.Sum(l => l.Errors),
            duration,
            client1 - client0,
            server1 - server0,
            load,
            [.. loops.SelectMany(l => l.FirstErrors).Take(KeptErrors)],
            allocated,
            gen2);
    }

    private static async Task LoopAsync(Func<CancellationToken, Task<string?>> operation, Loop loop, long until)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= until)
            {
                return;
            }

            string? error;
            try
            {
                error = await operation(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // any failure of a request is counted as an error, not thrown
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex.GetType().Name + ": " + ex.Message;
            }

            var ended = Stopwatch.GetTimestamp();
            if (started < loop.MeasureFrom)
            {
                continue;
            }

            if (error is null)
            {
                loop.Samples.Add(ended - started);
            }
            else
            {
                loop.Errors++;
                if (loop.FirstErrors.Count < KeptErrors)
                {
                    loop.FirstErrors.Add(error);
                }
            }
        }
    }

    private sealed class Loop(long measureFrom)
    {
        public long MeasureFrom { get; } = measureFrom;

        public List<long> Samples { get; } = new(capacity: 1 << 16);

        public long Errors { get; set; }

        public List<string> FirstErrors { get; } = [];
    }
}
