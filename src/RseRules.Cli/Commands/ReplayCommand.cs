using System.ComponentModel;
using RseRules.Core.Evaluation;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse replay &lt;evaluation.json&gt;</c>: re-evaluates a saved record and checks that everything is identical —
/// the record's own hash, the method's and the inputs' hashes, every result, finding and trace value — and its signature,
/// if any (with <c>--trust</c>, a record not signed by a trusted key is refused). A difference is told cause first (the
/// inputs, method or engine that changed), then its effect in counts; <c>--verbose</c> lists every difference.
/// </summary>
internal sealed class ReplayCommand(TextWriter output, TextWriter error) : Command<ReplayCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandArgument(0, "<RECORD>")]
        [Description("An evaluation record written by rse evaluate --format json.")]
        public string Record { get; init; } = string.Empty;

        [CommandOption("-m|--method <METHOD>")]
        [Description("Use this method file or folder instead of looking up the record's id@version.")]
        public string? Method { get; init; }

        [CommandOption("--trust <PUBFILE>")]
        [Description("Accept only a record signed by this public key (rse keys new writes it; give it several times for several keys). Exit 3 otherwise.")]
        public string[] Trust { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var trusted = KeyFiles.ReadTrusted(settings.Trust, error);
        if (trusted is null)
        {
            return ExitCodes.Invalid;
        }

        var replay = Replayer.Replay(settings.Record, settings.Method, reference => settings.LoadAndCompile(reference, error));
        if (DiagnosticPrinter.Print(replay.Diagnostics, error) || !replay.Ran)
        {
            return ExitCodes.Invalid;
        }

        foreach (var note in replay.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        if (replay.Identical)
        {
            output.WriteLine($"{settings.Record}: replay identical (method, inputs, every result, finding and trace value; record hash verified)");
            return RecordReader.CheckSignature(replay.Signature, settings.Record, settings.Trust.Length > 0 ? trusted : null, output, error);
        }

        output.WriteLine($"{settings.Record}: replay DIFFERS:");
        ReplayText.WriteSummary(replay, settings.Verbose, output);
        RecordReader.CheckSignature(replay.Signature, settings.Record, settings.Trust.Length > 0 ? trusted : null, output, error);
        return ExitCodes.Mismatch;
    }
}
