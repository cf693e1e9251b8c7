using System.ComponentModel;
using RseRules.Core;
using RseRules.Core.Loading;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary><c>rse publish &lt;method&gt;</c>: validates a method version and records its hash in methods/manifest.json, making it immutable.</summary>
internal sealed class PublishCommand(TextWriter output, TextWriter error) : Command<PublishCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandArgument(0, "<METHOD>")]
        [Description("Method file, folder, or id@version to publish.")]
        public string Method { get; init; } = string.Empty;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var compiled = settings.LoadAndCompile(settings.Method, error);
        using var method = compiled.Method;
        if (DiagnosticPrinter.Print(compiled.Diagnostics, error) || method is null)
        {
            return ExitCodes.Invalid;
        }

        var methodsDir = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(method.Method.Source.Path))))!;
        var problem = PublishedManifest.Publish(method.Method, methodsDir);
        if (problem is not null)
        {
            error.WriteLine($"{method.Method.Source.Path}: error RSE3012: {problem}");
            return ExitCodes.Invalid;
        }

        output.WriteLine($"{method.Method.Reference} published: sha256 {method.Method.Sha256} in {Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(methodsDir, PublishedManifest.FileName))}");
        return ExitCodes.Success;
    }
}
