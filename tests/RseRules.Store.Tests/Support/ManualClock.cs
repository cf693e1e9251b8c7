namespace RseRules.Store.Tests.Support;

/// <summary>A clock the test sets: every save and archive is dated by it.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private long ticks = now.UtcTicks;

    /// <summary>The time it gives.</summary>
    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock on.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
