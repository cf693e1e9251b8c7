using System.Diagnostics;

namespace RseRules.Core.Compilation;

/// <summary>
/// Bounds one Roslyn compilation: a cancellation token that a watchdog cancels when the compilation has run longer than
/// its time limit or grown the managed heap by more than its memory limit (from the lowest the heap has been since it
/// started). Roslyn checks the token often, so a
/// compilation stops within moments of going over; the caller reports <see cref="Reason"/>.
/// </summary>
internal sealed class CompilationGuard : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource source = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan timeLimit;
    private readonly long memoryLimit;
    private readonly Timer watchdog;
    private int cancelled;
    private long lowestHeap = GC.GetTotalMemory(forceFullCollection: false);

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

    /// <summary>
    /// How far the heap has grown above the lowest it has been since the start. The heap is the process's: a collection
    /// during the compilation may free other work's garbage and bring it below its size at the start, which would hide
    /// the compilation's own growth if measured from the start; measured from its lowest point, what is allocated after
    /// the collection counts.
    /// </summary>
    private long Growth()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        long low;
        do
        {
            low = Volatile.Read(ref lowestHeap);
        }
        while (heap < low && Interlocked.CompareExchange(ref lowestHeap, heap, low) != low);

        return heap - Math.Min(heap, low);
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
        else if (Growth() > memoryLimit)
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
