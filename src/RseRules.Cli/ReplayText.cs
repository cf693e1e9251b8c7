using System.Globalization;
using RseRules.Core.Evaluation;

namespace RseRules.Cli;

/// <summary>
/// How the differences of a replay are printed (by <c>rse replay</c>, and by the commands that verify a record first): the
/// cause first — the inputs that differ (pointer, the value evaluated → the value in the record now), a changed method,
/// base or engine, an edited record — then how many results and trace entries it affects; every difference only when
/// asked (<c>--verbose</c>).
/// </summary>
internal static class ReplayText
{
    public static void WriteSummary(ReplayResult replay, bool verbose, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(writer);
        var causes = replay.CauseDifferences;
        if (replay.InputChanges.Count > 0)
        {
            writer.WriteLine(Count(replay.InputChanges.Count, "input differs", "inputs differ") + " from those the record was evaluated with (evaluated → in the record now):");
            foreach (var c in replay.InputChanges)
            {
                writer.WriteLine($"  {c.What}: {c.Recorded} → {c.Recomputed}");
            }
        }

        foreach (var d in causes)
        {
            var why = d.What switch
            {
                "record hash" => "record hash differs: the record was changed after it was written (its recordSha256 is not its hash)",
                "inputs sha256" when replay.InputChanges.Count == 0 => "the inputs differ from those the record was evaluated with",
                "inputs sha256" => null, // listed above, pointer by pointer
                var w when w.StartsWith("method sha256", StringComparison.Ordinal) => "the method changed: " + w,
                var w => w + " changed",
            };
            if (why is not null)
            {
                writer.WriteLine($"{why}: {d.Recorded} → {d.Recomputed}");
            }
        }

        if (replay.RecordedEngine != EvaluationRecord.EngineVersion)
        {
            writer.WriteLine($"engine changed: recorded with {replay.RecordedEngine ?? "(unknown)"}, replayed with {EvaluationRecord.EngineVersion}");
        }

        var results = replay.ResultDifferences.Count;
        var trace = replay.TraceDifferences.Count;
        if (results + trace > 0 || replay.FindingsDiffer)
        {
            var total = replay.Method?.Results.Count;
            var traceTotal = (replay.Record?["trace"] as Newtonsoft.Json.Linq.JArray)?.Count;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"effect: {results}{(total is null ? string.Empty : $" of {total}")} result(s), {trace}{(traceTotal is null ? string.Empty : $" of {traceTotal}")} trace entr{(trace == 1 ? "y" : "ies")}{(replay.FindingsDiffer ? ", the findings" : string.Empty)} differ"));
        }

        if (verbose)
        {
            writer.WriteLine("every difference:");
            WriteDifferences(replay, writer);
        }
        else if (replay.Differences.Count > 0)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({replay.Differences.Count} difference(s) in all: --verbose lists them)"));
        }
    }

    public static void WriteDifferences(ReplayResult replay, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var d in replay.Differences)
        {
            writer.WriteLine($"  {d.What}");
            writer.WriteLine($"    recorded:   {d.Recorded}");
            writer.WriteLine($"    recomputed: {d.Recomputed}");
        }
    }

    private static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
