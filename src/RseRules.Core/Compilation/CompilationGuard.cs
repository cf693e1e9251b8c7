using System.Diagnostics;

namespace RseRules.Core.Compilation;

/// <summary>
/// Bounds one Roslyn compilation: a cancellation token that a watchdog cancels when the compilation has run longer than
/// its time limit or grown the managed heap by more than its memory limit. Roslyn checks the token often, so a
/// compilation stops within moments of going over; the caller reports <see cref="Reason"/>.
/// </summary>
internal sealed class CompilationGuard : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource source = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly long heapAtStart = GC.GetTotalMemory(forceFullCollection: false);
    private readonly TimeSpan timeLimit;
    private readonly long memoryLimit;
    private readonly Timer watchdog;
    private int cancelled;
    private long peakHeap;

    public CompilationGuard(TimeSpan timeLimit, long memoryLimit)
    {
        this.timeLimit = timeLimit;
        this.memoryLimit = memoryLimit;
        var first = timeLimit < Period ? timeLimit : Period;
        watchdog = new Timer(_ => Watch(), null, first, Period);
    }

    /// <summary>Checks the limits now (between the compiler's phases), throwing when one is passed.</summary>
    public void ThrowIfOver()
    {
        Watch();
        source.Token.ThrowIfCancellationRequested();
    }

    /// <summary>Cancelled when a limit is passed.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Which limit was passed.</summary>
    public string Reason { get; private set; } = string.Empty;

    public void Dispose()
    {
        watchdog.Dispose();
        source.Dispose();
    }

    /// <summary>The largest heap seen so far (a reading just after a collection may be below the start).</summary>
    private long Peak()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        do
        {
            seen = Volatile.Read(ref peakHeap);
        }
        while (heap > seen && Interlocked.CompareExchange(ref peakHeap, heap, seen) != seen);

        return Math.Max(heap, seen);
    }

    private void Watch()
    {
        if (Volatile.Read(ref cancelled) != 0)
        {
            return;
        }

        string? reason = null;
        if (clock.Elapsed > timeLimit)
        {
            reason = $"Compiling the method took longer than its limit of {timeLimit.TotalSeconds:0} s.";
        }
        else if (Peak() - heapAtStart > memoryLimit)
        {
            reason = $"Compiling the method needed more memory than its limit of {memoryLimit / (1 << 20):N0} MiB.";
        }

        if (reason is not null && Interlocked.Exchange(ref cancelled, 1) == 0)
        {
            Reason = reason;
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The compilation ended meanwhile.
            }
        }
    }
}
