using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using RseRules.Core.Authoring;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse new method --extends id@version --id x [--version v] [--out dir]</c>: the skeleton of an overlay that validates
/// as is — <c>method.json</c> with <c>extends</c>, the base's pinned hash (<c>baseSha256</c>) and empty overlay sections,
/// a README.md that says what each section may hold (with ids of the base), a starter example and a test case folder.
/// The folder defaults to <c>&lt;id&gt;/&lt;version&gt;</c> beside the base's id folder, where the overlay finds its base.
/// Exit 0 when written and valid, 1 when the base is invalid or the skeleton does not validate, 2 on usage errors
/// (a non-empty folder, a malformed id or version).
/// </summary>
internal sealed partial class NewMethodCommand(TextWriter output, TextWriter error) : Command<NewMethodCommand.Settings>
{
    internal sealed partial class Settings : MethodSettings
    {
        [CommandOption("--extends <BASE>")]
        [Description("The base method: id@version, folder or file.")]
        public string Extends { get; init; } = string.Empty;

        [CommandOption("--id <ID>")]
        [Description("The overlay's id, lower-case kebab (acme-rse).")]
        public string Id { get; init; } = string.Empty;

        [CommandOption("--version <VERSION>")]
        [Description("The overlay's version (default 1.0.0).")]
        [DefaultValue("1.0.0")]
        public string Version { get; init; } = "1.0.0";

        [CommandOption("-o|--out <DIR>")]
        [Description("The folder to write (default: <id>/<version> beside the base's id folder). Must be empty or absent.")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Extends) || string.IsNullOrEmpty(Id))
            {
                return ValidationResult.Error("--extends and --id are required.");
            }

            if (!IdPattern().IsMatch(Id))
            {
                return ValidationResult.Error($"--id must be lower-case kebab (letters, digits, '-'), not '{Id}'.");
            }

            return VersionPattern().IsMatch(Version) ? ValidationResult.Success() : ValidationResult.Error($"--version must be MAJOR.MINOR.PATCH, not '{Version}'.");
        }

        [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
        private static partial Regex IdPattern();

        [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
        private static partial Regex VersionPattern();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var @base = settings.Load(settings.Extends, diagnostics);
        if (DiagnosticPrinter.Print(diagnostics, error) || @base is null)
        {
            return ExitCodes.Invalid;
        }

        var dir = Path.GetFullPath(settings.Out ?? Path.Combine(@base.Directory, "..", "..", settings.Id, settings.Version));
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            error.WriteLine($"rse: usage error: {dir} is not empty; choose another --out or --version.");
            return ExitCodes.Usage;
        }

        var file = Path.Combine(dir, "method.json");
        var method = new JObject();
        var schema = Path.GetFullPath(Path.Combine(@base.Directory, "..", "..", "schema", "method.schema.json"));
        if (File.Exists(schema))
        {
            method["$schema"] = Path.GetRelativePath(dir, schema).Replace('\\', '/');
        }

        method["formatVersion"] = 1;
        method["id"] = settings.Id;
        method["version"] = settings.Version;
        method["title"] = new JObject { ["fr"] = @base.Title.Fr + " — variante " + settings.Id, ["en"] = @base.Title.En + " — " + settings.Id + " variant" };
        method["description"] = new JObject
        {
            ["fr"] = $"Surcouche de {@base.Reference} : décrire ici ce qui change et pourquoi.",
            ["en"] = $"Overlay of {@base.Reference}: say here what changes and why.",
        };
        method["extends"] = @base.Reference;
        method["baseSha256"] = @base.Sha256;
        method["parameters"] = new JArray();
        method["inputs"] = new JArray();
        method["tighten"] = new JObject();
        method["indicators"] = new JArray();
        method["rules"] = new JArray();
        method["removeResults"] = new JArray();
        method["labels"] = new JObject();
        OutputFile.Write(file, CanonicalJson.WriteIndented(method));
        OutputFile.Write(Path.Combine(dir, "README.md"), Readme(settings.Id, @base));

        var compiled = settings.LoadAndCompile(file, error);
        using var overlay = compiled.Method;
        if (DiagnosticPrinter.Print(compiled.Diagnostics, error) || overlay is null)
        {
            error.WriteLine($"rse: error: the skeleton in {dir} does not validate (see above).");
            return ExitCodes.Invalid;
        }

        var starter = StarterInputs.Create(overlay, displayPath: Path.Combine(dir, "examples", "example.json"));
        OutputFile.Write(Path.Combine(dir, "examples", "example.json"), CanonicalJson.WriteIndented(starter.Document));
        var test = new JObject
        {
            ["$schema"] = File.Exists(schema) ? Path.GetRelativePath(Path.Combine(dir, "tests"), Path.Combine(Path.GetDirectoryName(schema)!, "test-case.schema.json")).Replace('\\', '/') : null,
            ["description"] = "The starter example: accepted by the overlay. Add to 'expected' the figures the overlay must give, each from an independent computation (by hand, a spreadsheet, a reference script), never from rse's output.",
            ["inputs"] = "../examples/example.json",
            ["expected"] = new JObject(),
        };
        if (!File.Exists(schema))
        {
            test.Remove("$schema");
        }

        OutputFile.Write(Path.Combine(dir, "tests", "example.json"), CanonicalJson.WriteIndented(test));
        output.WriteLine($"Wrote the overlay {settings.Id}@{settings.Version} of {@base.Reference} in {Path.GetRelativePath(Environment.CurrentDirectory, dir)}: method.json, README.md, examples/example.json, tests/example.json.");
        if (DiagnosticPrinter.Print(starter.Diagnostics, error))
        {
            error.WriteLine("rse: error: the starter example does not pass the overlay's checks: fill in the values above.");
            return ExitCodes.Invalid;
        }

        return ExitCodes.Success;
    }

    /// <summary>What each overlay section may hold, with examples drawn from the base's own ids.</summary>
    private static string Readme(string id, MethodDefinition @base)
    {
        string First<T>(IReadOnlyList<T> items, Func<T, string> name, string none) => items.Count > 0 ? name(items[0]) : none;
        var parameter = @base.Parameters.Count > 0 ? @base.Parameters[0] : null;
        var numberInput = @base.Inputs.FirstOrDefault(i => i.Type.Kind is TypeKind.Number or TypeKind.Integer);
        var indicator = First(@base.Indicators, i => i.Id, "anIndicator");
        var rule = First(@base.Rules, r => r.Id, "A_RULE");
        var result = First(@base.Results, r => r.Id, "aResult");
        var sb = new StringBuilder();
        sb.Append("# ").Append(id).Append(" — overlay of ").Append(@base.Reference).Append("\n\n");
        sb.Append("`method.json` extends `").Append(@base.Reference).Append("` and pins its SHA-256 (`baseSha256`): if the base file\n")
          .Append("ever changes, loading fails with RSE3011 instead of silently computing something else. Every change\n")
          .Append("below is listed in the evaluation record's deviations (French and English). Fill in the sections you\n")
          .Append("need and delete none: empty sections change nothing. The format is documented in methods/README.md\n")
          .Append("(\"Versions, publication and overlays\").\n\n");
        sb.Append("| Section | What it may hold |\n|---|---|\n");
        sb.Append("| `parameters` | a base parameter with a new `value` and its `source` (same type), e.g. `")
          .Append(parameter is null ? "{ \"id\": \"aParameter\", \"type\": \"number\", \"value\": 1, \"source\": \"…\" }" : $"{{ \"id\": \"{parameter.Id}\", \"type\": \"{parameter.Type.Kind.ToString().ToLowerInvariant()}\", \"value\": {CanonicalJson.Write(parameter.Value)}, \"source\": \"…\" }}")
          .Append("`; or a new parameter |\n");
        sb.Append("| `inputs` | new inputs only (a base input cannot be redeclared) |\n");
        sb.Append("| `tighten` | narrower bounds for base inputs: `min` up, `max`, `maxLength`, `maxItems` down, `minItems` up, enum `values` removed; `of` for elements, `fields` for fields, e.g. `")
          .Append(numberInput is null ? "{ \"anInput\": { \"min\": 1 } }" : $"{{ \"{numberInput.Id}\": {{ \"{(numberInput.Type.Max is null ? "max" : "min")}\": {CanonicalJson.Write(new JValue(numberInput.Type.Max is null ? (numberInput.Type.Min ?? 0) + 1000 : numberInput.Type.Min ?? 0))} }} }}")
          .Append("`; loosening is an error (RSE3013) |\n");
        sb.Append("| `indicators` | new indicators, or `\"replaces\": true` to replace a base formula (e.g. `").Append(indicator)
          .Append("`) with the same type, shape and unit as the base's |\n");
        sb.Append("| `rules` | new rules, or `\"replaces\": true` to replace a base rule (e.g. `").Append(rule).Append("`): condition, severity and message |\n");
        sb.Append("| `results` | (add the member) new results, after the base's |\n");
        sb.Append("| `removeResults` | base results no longer exposed (e.g. `\"").Append(result).Append("\"`), unless the report declaration names them |\n");
        sb.Append("| `labels` | new labels for base indicators, inputs or parameters: `{ \"id\": { \"fr\": \"…\", \"en\": \"…\" } }` |\n");
        sb.Append("| `report` | (add the member) refines the base's report declaration, member by member |\n\n");
        sb.Append("`examples/example.json` is a starter input document (`rse new inputs` wrote it); `tests/example.json` runs it\n")
          .Append("with `rse test`: add the figures the overlay must give to its `expected`, each computed independently.\n\n");
        sb.Append("```\nrse validate ").Append(id).Append('\n')
          .Append("rse diff ").Append(@base.Reference).Append(' ').Append(id).Append(" --inputs examples/example.json\n")
          .Append("rse test ").Append(id).Append("\n```\n");
        return sb.ToString();
    }
}
