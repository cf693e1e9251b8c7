using System.ComponentModel;
using System.Globalization;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Uncertainty;
using RseRules.Core.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse sensitivity --method M --inputs F [--result R]</c>: the tornado of a numeric result — each distribution swung
/// to its min and max (or, without distributions, each scalar numeric input by ±10 %), ranked by the result's range.
/// </summary>
internal sealed class SensitivityCommand(TextWriter output, TextWriter error) : Command<SensitivityCommand.Settings>
{
    internal sealed class Settings : UncertaintySettings
    {
        [CommandOption("-r|--result <ID>")]
        [Description("The numeric result to rank by; required when the method has more than one.")]
        public string? Result { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Load(error) is not var (method, inputs))
        {
            return ExitCodes.Invalid;
        }

        using var _ = method;
        var analysis = Sensitivity.Analyze(method, inputs);
        var numeric = analysis.NumericResultIds;
        var resultId = settings.Result;
        if (resultId is null)
        {
            if (numeric.Count != 1)
            {
                error.WriteLine(numeric.Count == 0
                    ? $"rse: usage error: {method.Method.Reference} has no numeric result to rank by."
                    : $"rse: usage error: {method.Method.Reference} has {numeric.Count} numeric results: choose one with --result ({string.Join(", ", numeric)}).");
                return ExitCodes.Usage;
            }

            resultId = numeric[0];
        }
        else if (!numeric.Contains(resultId, StringComparer.Ordinal))
        {
            error.WriteLine($"rse: usage error: '{resultId}' is not a numeric result of {method.Method.Reference} ({string.Join(", ", numeric)}).");
            return ExitCodes.Usage;
        }

        string text;
        if (settings.Format == "json")
        {
            text = CanonicalJson.WriteIndented(UncertaintyJson.Sensitivity(analysis, resultId));
        }
        else
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            UncertaintyText.Sensitivity(analysis, resultId, settings.Lang, SimulateCommand.Plain(writer));
            text = writer.ToString();
        }

        settings.Write(text, output, () => $"{method.Method.Reference}: sensitivity of {resultId} over {analysis.Swings.Count} input(s) written to {settings.Out}");

        return ExitCodes.Success;
    }
}
