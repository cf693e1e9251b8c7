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
/// <c>rse simulate --method M --inputs F</c>: Monte Carlo simulation of the document's distributions — each numeric
/// result's mean, standard deviation, percentiles and P(≥ 0), each text result's frequencies. Same seed, same output.
/// </summary>
internal sealed class SimulateCommand(TextWriter output, TextWriter error, Terminal terminal) : Command<SimulateCommand.Settings>
{
    internal sealed class Settings : UncertaintySettings
    {
        [CommandOption("-n|--iterations <N>")]
        [Description("Number of iterations (default 10,000).")]
        [DefaultValue(10_000)]
        public int Iterations { get; init; } = 10_000;

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the random streams (default 1); printed in the output.")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        [CommandOption("--threads <N>")]
        [Description("Most threads to use (default: every core); the output does not depend on it.")]
        public int? Threads { get; init; }

        public override ValidationResult Validate()
        {
            var common = base.Validate();
            if (!common.Successful)
            {
                return common;
            }

            if (Iterations is < 1 or > 100_000_000)
            {
                return ValidationResult.Error($"--iterations must be between 1 and 100,000,000, not {Iterations}.");
            }

            if (Threads is < 1)
            {
                return ValidationResult.Error($"--threads must be at least 1, not {Threads}.");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Load(error) is not var (method, inputs))
        {
            return ExitCodes.Invalid;
        }

        using var _ = method;

        using var progress = ProgressLine.Create(error, terminal, "simulating", settings.Iterations);
        var result = Simulator.Run(method, inputs, new SimulationOptions
        {
            Iterations = settings.Iterations,
            Seed = settings.Seed,
            MaxDegreeOfParallelism = settings.Threads ?? -1,
            Progress = progress is null ? null : new Action<int>(progress.Report),
        });
        progress?.Dispose();

        string text;
        if (settings.Format == "json")
        {
            text = CanonicalJson.WriteIndented(UncertaintyJson.Simulation(result));
        }
        else
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            UncertaintyText.Simulation(result, settings.Inputs, settings.Lang, Plain(writer));
            text = writer.ToString();
        }

        settings.Write(text, output, () => string.Create(CultureInfo.InvariantCulture,
            $"{method.Method.Reference}: {result.Iterations:#,0} iterations (seed {result.Seed}), {result.Failed:#,0} failed; simulation written to {settings.Out}"));

        return ExitCodes.Success;
    }

    /// <summary>A console that writes plain text (no colour, no width limit) into a writer.</summary>
    internal static IAnsiConsole Plain(TextWriter writer)
    {
        var plain = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        plain.Profile.Width = 240;
        return plain;
    }
}
