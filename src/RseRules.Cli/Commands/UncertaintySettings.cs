using System.ComponentModel;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>What <c>rse simulate</c> and <c>rse sensitivity</c> share: the method, the document, the output, and loading both.</summary>
internal class UncertaintySettings : MethodSettings
{
    [CommandOption("-m|--method <METHOD>")]
    [Description("Method file, folder, or id@version.")]
    public string Method { get; init; } = string.Empty;

    [CommandOption("-i|--inputs <FILE>")]
    [Description("Input document (JSON); its numbers may be distributions.")]
    public string Inputs { get; init; } = string.Empty;

    [CommandOption("-f|--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("-o|--out <FILE>")]
    [Description("Write the output to a file instead of stdout.")]
    public string? Out { get; init; }

    [CommandOption("--lang <LANG>")]
    [Description("Language of the table's labels and numbers: fr (default) or en.")]
    [DefaultValue("fr")]
    public string Lang { get; init; } = "fr";

    public override ValidationResult Validate()
    {
        if (Lang is not ("fr" or "en"))
        {
            return ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
        }

        if (string.IsNullOrEmpty(Method) || string.IsNullOrEmpty(Inputs))
        {
            return ValidationResult.Error("--method and --inputs are required.");
        }

        return Format is "table" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format must be table or json, not '{Format}'.");
    }

    /// <summary>
    /// Loads and compiles the method and validates the document; null, with the diagnostics printed, when either is
    /// invalid. The warning that a plain evaluation takes the mode does not apply here: these commands sample or swing them.
    /// </summary>
    public (CompiledMethod Method, InputDocument Inputs)? Load(TextWriter error)
    {
        var compiled = LoadAndCompile(Method, error);
        if (DiagnosticPrinter.Print(compiled.Diagnostics, error) || compiled.Method is null)
        {
            compiled.Method?.Dispose();
            return null;
        }

        var inputs = InputValidator.Load(compiled.Method.Method, Inputs);
        if (DiagnosticPrinter.Print(inputs.Diagnostics.Where(d => d.Code != DiagnosticCode.UncertainInputsAtMode), error) || inputs.Value is null)
        {
            compiled.Method.Dispose();
            return null;
        }

        return (compiled.Method, inputs.Value);
    }

    /// <summary>Writes the output to stdout, or to <see cref="Out"/> and then <paramref name="written"/> on stdout.</summary>
    public void Write(string text, TextWriter output, Func<string> written)
    {
        if (Out is null)
        {
            output.Write(text);
        }
        else
        {
            OutputFile.Write(Out, text);
            output.WriteLine(written());
        }
    }
}
