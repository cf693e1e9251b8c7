using RseRules.Core.Evaluation;

namespace RseRules.Cli;

/// <summary>How the differences of a replay are printed (by <c>rse replay</c>, and by the commands that verify a record first).</summary>
internal static class ReplayText
{
    public static void WriteDifferences(ReplayResult replay, TextWriter writer)
    {
        foreach (var d in replay.Differences)
        {
            writer.WriteLine($"  {d.What}");
            writer.WriteLine($"    recorded:   {d.Recorded}");
            writer.WriteLine($"    recomputed: {d.Recomputed}");
        }
    }
}
