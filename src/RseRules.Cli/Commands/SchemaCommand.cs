using System.ComponentModel;
using RseRules.Core;
using RseRules.Core.Json;
using RseRules.Core.Validation;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary><c>rse schema --method M [--out F]</c>: the JSON Schema of the method's input documents.</summary>
internal sealed class SchemaCommand(TextWriter output, TextWriter error) : Command<SchemaCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandOption("-m|--method <METHOD>")]
        [Description("Method file, folder, or id@version.")]
        public string Method { get; init; } = string.Empty;

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the schema to a file instead of stdout.")]
        public string? Out { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrEmpty(Method) ? Spectre.Console.ValidationResult.Error("--method is required.") : Spectre.Console.ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Core.Diagnostics.Diagnostic>();
        var method = settings.Load(settings.Method, diagnostics);

        if (DiagnosticPrinter.Print(diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        var text = CanonicalJson.WriteIndented(InputSchemaGenerator.Generate(method));
        if (settings.Out is null)
        {
            output.Write(text);
        }
        else
        {
            OutputFile.Write(settings.Out, text);
        }

        return Engine.HasErrors(diagnostics) ? ExitCodes.Invalid : ExitCodes.Success;
    }
}
