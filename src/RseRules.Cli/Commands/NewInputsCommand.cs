using System.ComponentModel;
using Newtonsoft.Json.Linq;
using RseRules.Core.Authoring;
using RseRules.Core.Json;
using RseRules.Core.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse new inputs --method M --out F.json</c>: a starter input document that validates and evaluates — the method's
/// example (completed, trimmed to its declarations) when it ships one, else neutral figures; with <c>--from-catalogue</c>,
/// the collections that declare a catalogue hold its items — with <c>"$schema"</c>
/// naming the method's input schema, written beside it (<c>&lt;id&gt;-&lt;version&gt;.inputs.schema.json</c>) for editor
/// completion. Exit 0 when written and sound, 1 when the method is invalid or the starter does not pass its checks
/// (written all the same, the diagnostics say what to fill in), 2 on usage errors (an existing file without --force).
/// </summary>
internal sealed class NewInputsCommand(TextWriter output, TextWriter error) : Command<NewInputsCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandOption("-m|--method <METHOD>")]
        [Description("Method file, folder, or id@version.")]
        public string Method { get; init; } = string.Empty;

        [CommandOption("-o|--out <FILE>")]
        [Description("The input document to write (.json); its schema is written beside it.")]
        public string Out { get; init; } = string.Empty;

        [CommandOption("--no-example")]
        [Description("Ignore the method's examples: neutral figures (zero within bounds, first enum value, one item per collection...).")]
        public bool NoExample { get; init; }

        [CommandOption("--from-catalogue")]
        [Description("Start the collections that declare a catalogue (the norm's stakes, usages, risks...) with the catalogue's items; their other fields neutral.")]
        public bool FromCatalogue { get; init; }

        [CommandOption("--lang <LANG>")]
        [Description("Language of the texts taken from a catalogue: fr (default) or en.")]
        [DefaultValue("fr")]
        public string Lang { get; init; } = "fr";

        [CommandOption("--force")]
        [Description("Overwrite --out (and the schema beside it) if it exists.")]
        public bool Force { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Method) || string.IsNullOrEmpty(Out))
            {
                return ValidationResult.Error("--method and --out are required.");
            }

            if (Lang is not ("fr" or "en"))
            {
                return ValidationResult.Error($"--lang must be fr or en, not '{Lang}'.");
            }

            return string.Equals(Path.GetExtension(Out), ".json", StringComparison.OrdinalIgnoreCase)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--out must name a .json file, not '{Out}'.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (File.Exists(settings.Out) && !settings.Force)
        {
            error.WriteLine($"rse: usage error: {settings.Out} exists; pass --force to overwrite it.");
            return ExitCodes.Usage;
        }

        var compiled = settings.LoadAndCompile(settings.Method, error);
        using var method = compiled.Method;
        if (DiagnosticPrinter.Print(compiled.Diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        var catalogues = StarterInputs.Catalogues(method.Method);
        if (settings.FromCatalogue && catalogues.Count == 0)
        {
            error.WriteLine($"rse: error RSE0004: {method.Method.Reference} declares no catalogue: no collection input names a catalogue parameter (\"catalogue\", format 2); leave --from-catalogue out for the example's or neutral values.");
            return ExitCodes.Invalid;
        }

        var starter = StarterInputs.Create(method, useExamples: !settings.NoExample, displayPath: settings.Out, catalogueLanguage: settings.FromCatalogue ? settings.Lang : null);
        var schemaName = $"{method.Method.Id}-{method.Method.Version}.inputs.schema.json";
        var schemaPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Out))!, schemaName);
        var document = new JObject { ["$schema"] = "./" + schemaName };
        foreach (var p in starter.Document.Properties())
        {
            document.Add(p.Name, p.Value.DeepClone());
        }

        OutputFile.Write(schemaPath, CanonicalJson.WriteIndented(InputSchemaGenerator.Generate(method.Method)));
        OutputFile.Write(settings.Out, CanonicalJson.WriteIndented(document));
        var from = starter.Origin is null ? "neutral figures" : "the values of " + Path.GetRelativePath(Environment.CurrentDirectory, starter.Origin);
        if (settings.FromCatalogue)
        {
            from = string.Join(", ", catalogues.Select(c => $"{c.Input.Id} from catalogue {c.Catalogue.Id}")) + "; the rest: " + from;
        }

        output.WriteLine($"Wrote {settings.Out} ({from}) and its schema {Path.GetRelativePath(Environment.CurrentDirectory, schemaPath)}.");
        if (DiagnosticPrinter.Print(starter.Diagnostics, error))
        {
            error.WriteLine($"rse: error: the starter document does not pass {method.Method.Reference}'s checks: fill in the values above.");
            return ExitCodes.Invalid;
        }

        return ExitCodes.Success;
    }
}
