using System.Globalization;

namespace RseRules.Cli.Tests.TestSupport;

/// <summary>What one in-process run of <c>rse</c> produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The stderr lines, without the empty last one.</summary>
    public string[] StderrLines => Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the <c>rse</c> command line in-process, with its own output and error writers.</summary>
internal static class Rse
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = CliApp.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
