using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// Options of the commands that work on one evaluation, computed now (<c>--method</c> and <c>--inputs</c>) or read from
/// a saved record (<c>--record</c>): <c>report</c> and <c>explain</c>.
/// </summary>
internal class EvaluationSourceSettings : MethodSettings
{
    [CommandOption("-m|--method <METHOD>")]
    [Description("Method file, folder or id@version (with --inputs; with --record, overrides where the recorded method is found).")]
    public string? Method { get; init; }

    [CommandOption("-i|--inputs <FILE>")]
    [Description("Input document to evaluate (rse report: give it several times to compare scenarios).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("-r|--record <FILE>")]
    [Description("A saved evaluation record (rse evaluate --format json) to use without recomputing.")]
    public string? Record { get; init; }

    [CommandOption("--trust <PUBFILE>")]
    [Description("With --record: accept only a record signed by this public key (rse keys new writes it; give it several times for several keys). Exit 3 otherwise.")]
    public string[] Trust { get; init; } = [];

    /// <summary>The either/or check shared by the commands; null when the options are consistent.</summary>
    protected ValidationResult? ValidateSource() =>
        (Record is null) == (Inputs.Length == 0) || (Inputs.Length > 0 && Method is null)
            ? ValidationResult.Error("Give either --method and --inputs, or --record.")
            : null;
}
