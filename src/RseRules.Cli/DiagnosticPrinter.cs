using RseRules.Core.Diagnostics;

namespace RseRules.Cli;

/// <summary>Prints diagnostics as <c>file(line,col): error RSE1234: message</c>, one per line, on stderr.</summary>
internal static class DiagnosticPrinter
{
    /// <summary>Prints every diagnostic; returns whether any is an error.</summary>
    public static bool Print(IEnumerable<Diagnostic> diagnostics, TextWriter error)
    {
        var any = false;
        foreach (var d in diagnostics)
        {
            error.WriteLine(d.ToString());
            any |= d.Severity == Severity.Error;
        }

        return any;
    }
}
