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
internal sealed class SimulateCommand(TextWriter output, TextWriter error) : Command<SimulateCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandOption("-m|--method <METHOD>")]
        [Description("Method file, folder, or id@version.")]
        public string Method { get; init; } = string.Empty;

        [CommandOption("-i|--inputs <FILE>")]
        [Description("Input document (JSON) with distributions.")]
        public string Inputs { get; init; } = string.Empty;

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

        [CommandOption("-f|--format <FORMAT>")]
        [Description("table (default) or json.")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the output to a file instead of stdout.")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Method) || string.IsNullOrEmpty(Inputs))
            {
                return ValidationResult.Error("--method and --inputs are required.");
            }

            if (Iterations is < 1 or > 100_000_000)
            {
                return ValidationResult.Error($"--iterations must be between 1 and 100,000,000, not {Iterations}.");
            }

            if (Threads is < 1)
            {
                return ValidationResult.Error($"--threads must be at least 1, not {Threads}.");
            }

            return Format is "table" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format must be table or json, not '{Format}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var compiled = settings.LoadAndCompile(settings.Method, error);
        using var method = compiled.Method;
        if (DiagnosticPrinter.Print(compiled.Diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        var inputs = InputValidator.Load(method.Method, settings.Inputs);

        // The warning that a plain evaluation takes the mode does not apply: the simulation samples them.
        if (DiagnosticPrinter.Print(inputs.Diagnostics.Where(d => d.Code != DiagnosticCode.UncertainInputsAtMode), error) || inputs.Value is null)
        {
            return ExitCodes.Invalid;
        }

        using var progress = ProgressLine.Create(error, "simulating", settings.Iterations);
        var result = Simulator.Run(method, inputs.Value, new SimulationOptions
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
            UncertaintyText.Simulation(result, settings.Inputs, Plain(writer));
            text = writer.ToString();
        }

        if (settings.Out is null)
        {
            output.Write(text);
        }
        else
        {
            OutputFile.Write(settings.Out, text);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method.Method.Reference}: {result.Iterations:#,0} iterations (seed {result.Seed}), {result.Failed:#,0} failed; simulation written to {settings.Out}"));
        }

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
