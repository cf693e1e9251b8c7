using System.ComponentModel;
using RseRules.Core;
using RseRules.Core.Loading;
using RseRules.Reporting;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary><c>rse validate &lt;method&gt;…</c>: JSON, schema, semantics and every formula compiled in the sandbox.</summary>
internal sealed class ValidateCommand(TextWriter output, TextWriter error) : Command<ValidateCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandArgument(0, "[METHOD]")]
        [Description("Method files, folders or id@version references. With none, every method under the methods folder.")]
        public string[] Methods { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var methods = settings.Methods;
        if (methods.Length == 0)
        {
            var dir = MethodLocator.FindMethodsDir(settings.MethodsDir);
            methods = dir is null ? [] : Directory.GetFiles(dir, "method.json", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(Environment.CurrentDirectory, p)).Order(StringComparer.Ordinal).ToArray();
            if (methods.Length == 0)
            {
                error.WriteLine("rse: error: no method to validate (name one, or run where a methods/ folder is).");
                return ExitCodes.Usage;
            }
        }

        var failed = 0;
        foreach (var reference in methods)
        {
            var result = settings.LoadAndCompile(reference, error);
            using (result.Method)
            {
                // A report template set the method names must exist (the default set ships with rse).
                if (result.Method?.Method is { } loaded && TemplateLocator.Find(null, loaded.ReportTemplate ?? TemplateLocator.DefaultSet) is null)
                {
                    result = result with
                    {
                        Diagnostics = [.. result.Diagnostics, loaded.Source.At((loaded.Report?.Pointer ?? "/report") + "/template", Core.Diagnostics.DiagnosticCode.TemplateNotFound,
                            $"Report template set '{loaded.ReportTemplate}' not found (looked in {TemplateLocator.TemplatesDirVariable}, the nearest templates/ folder and beside rse); 'default' presents any method.")],
                    };
                }

                if (DiagnosticPrinter.Print(result.Diagnostics, error))
                {
                    failed++;
                    output.WriteLine($"{reference}: invalid ({result.Diagnostics.Count(d => d.Severity == Core.Diagnostics.Severity.Error)} error(s))");
                }
                else
                {
                    var m = result.Method!.Method;
                    output.WriteLine($"{reference}: {m.Reference} valid — {m.Inputs.Count} inputs, {m.Parameters.Count} parameters, {m.Indicators.Count} indicators, {m.Rules.Count} rules, sha256 {m.Sha256}");
                }
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
