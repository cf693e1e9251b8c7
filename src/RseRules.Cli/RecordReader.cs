using Newtonsoft.Json.Linq;
using RseRules.Cli.Commands;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;

namespace RseRules.Cli;

/// <summary>
/// Reads a saved evaluation record for a command that presents it (<c>report</c>, <c>explain</c>), and trusts it only once
/// it is verified: the record is replayed first, as <c>rse replay</c> does — its own hash, the method's and the inputs'
/// hashes, every result, finding and trace value recomputed and compared. A record with a recomputed hash but an edited
/// figure, or a forged trace, is caught there: exit 3, the differences on stderr, nothing written.
/// </summary>
internal static class RecordReader
{
    public static (MethodDefinition? Method, JObject? Record, int ExitCode) ReadVerified(string recordPath, string? methodOverride, MethodSettings settings, TextWriter error)
    {
        var replay = Replayer.Replay(recordPath, methodOverride, reference => settings.LoadAndCompile(reference, error));
        if (DiagnosticPrinter.Print(replay.Diagnostics, error) || !replay.Ran || replay.Record is null || replay.Method is null)
        {
            return (null, null, ExitCodes.Invalid);
        }

        if (!replay.Identical)
        {
            error.WriteLine(new Diagnostic(DiagnosticCode.RecordMismatch, Severity.Error,
                $"The record does not match its replay in {replay.Differences.Count} place(s): it is not presented (rse replay {recordPath} shows the same).", recordPath));
            ReplayText.WriteDifferences(replay, error);
            return (null, null, ExitCodes.Mismatch);
        }

        return (replay.Method, replay.Record, ExitCodes.Success);
    }
}
