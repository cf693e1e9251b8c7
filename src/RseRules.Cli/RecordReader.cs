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
    public static (MethodDefinition? Method, JObject? Record, int ExitCode) ReadVerified(string recordPath, string? methodOverride, MethodSettings settings, TextWriter error, IReadOnlyList<string>? trust = null)
    {
        var trusted = KeyFiles.ReadTrusted(trust ?? [], error);
        if (trusted is null)
        {
            return (null, null, ExitCodes.Invalid);
        }

        var replay = Replayer.Replay(recordPath, methodOverride, reference => settings.LoadAndCompile(reference, error));
        if (DiagnosticPrinter.Print(replay.Diagnostics, error) || !replay.Ran || replay.Record is null || replay.Method is null)
        {
            return (null, null, ExitCodes.Invalid);
        }

        if (!replay.Identical)
        {
            error.WriteLine(new Diagnostic(DiagnosticCode.RecordMismatch, Severity.Error,
                $"The record does not match its replay in {replay.Differences.Count} place(s): it is not presented (rse replay {recordPath} shows the same).", recordPath));
            ReplayText.WriteSummary(replay, settings.Verbose, error);
            return (null, null, ExitCodes.Mismatch);
        }

        var signature = CheckSignature(replay.Signature, recordPath, trust is { Count: > 0 } ? trusted : null, error, error);
        return signature == ExitCodes.Success ? (replay.Method, replay.Record, ExitCodes.Success) : (null, null, signature);
    }

    /// <summary>
    /// Reports a record's signature: a valid one with its key id (on <paramref name="report"/>), an invalid one as an error
    /// (exit 3); with trusted keys, an unsigned record or one signed by another key is refused (exit 3).
    /// </summary>
    public static int CheckSignature(SignatureCheck signature, string recordPath, IReadOnlySet<string>? trusted, TextWriter report, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(error);
        switch (signature.Status)
        {
            case SignatureStatus.Invalid:
                error.WriteLine(new Diagnostic(DiagnosticCode.RecordSignatureInvalid, Severity.Error,
                    $"The record's signature{(signature.KeyId is null ? string.Empty : $" (key {signature.KeyId})")} does not verify: {signature.Problem}.", recordPath, Pointer: "/" + EvaluationRecord.SignatureProperty).ToString());
                return ExitCodes.Mismatch;
            case SignatureStatus.Unsigned when trusted is not null:
                error.WriteLine(new Diagnostic(DiagnosticCode.RecordUntrusted, Severity.Error,
                    "The record is not signed, and --trust asks for a record signed by a trusted key.", recordPath).ToString());
                return ExitCodes.Mismatch;
            case SignatureStatus.Valid when trusted is not null && !trusted.Contains(signature.KeyId!):
                error.WriteLine(new Diagnostic(DiagnosticCode.RecordUntrusted, Severity.Error,
                    $"The record is signed by key {signature.KeyId}, which is not among the trusted keys ({string.Join(", ", trusted.Order(StringComparer.Ordinal))}).", recordPath, Pointer: "/" + EvaluationRecord.SignatureProperty).ToString());
                return ExitCodes.Mismatch;
            case SignatureStatus.Valid:
                report.WriteLine($"signature: valid, key {signature.KeyId}{(trusted is null ? " (not checked against trusted keys: --trust)" : " (trusted)")}");
                return ExitCodes.Success;
            default:
                return ExitCodes.Success;
        }
    }
}
