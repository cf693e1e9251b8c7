using System.Runtime.InteropServices;

namespace RseRules.Benchmarks.Support;

/// <summary>The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): time the thread ran, not time it waited for a core.</summary>
internal static class NativeMethods
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether thread CPU time can be read here.</summary>
    public static bool HasThreadCpuTime { get; } = OperatingSystem.IsLinux() && TryThreadCpuTime(out _);

    /// <summary>The calling thread's CPU time in nanoseconds.</summary>
    public static long ThreadCpuNanoseconds() => TryThreadCpuTime(out var ns) ? ns : throw new PlatformNotSupportedException("clock_gettime failed.");

    private static bool TryThreadCpuTime(out long nanoseconds)
    {
        try
        {
            if (clock_gettime(ClockThreadCpuTimeId, out var ts) == 0)
            {
                nanoseconds = (ts.Seconds * 1_000_000_000) + ts.Nanoseconds;
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        nanoseconds = 0;
        return false;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int clock_gettime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
