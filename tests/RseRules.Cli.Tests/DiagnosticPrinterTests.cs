using RseRules.Core.Diagnostics;

namespace RseRules.Cli.Tests;

/// <summary><see cref="DiagnosticPrinter"/>: one <c>file(line,col): severity RSEnnnn: message</c> line per diagnostic.</summary>
public class DiagnosticPrinterTests
{
    [Fact]
    public void Print_WarningsAndInfos_PrintsEachAndReturnsFalse()
    {
        using var error = new StringWriter();

        var anyError = DiagnosticPrinter.Print(
            [
                new Diagnostic(DiagnosticCode.InputSchema, Severity.Warning, "Suspicious.", "in.json", 3, 7, "/a/b"),
                new Diagnostic(DiagnosticCode.InputSchema, Severity.Info, "Noted.", "in.json"),
            ],
            error);

        anyError.ShouldBeFalse();
        error.ToString().ShouldBe($"in.json(3,7): warning RSE5001: Suspicious. [/a/b]{Environment.NewLine}in.json: info RSE5001: Noted.{Environment.NewLine}");
    }

    [Fact]
    public void Print_AnError_ReturnsTrue()
    {
        using var error = new StringWriter();

        var anyError = DiagnosticPrinter.Print(
            [
                new Diagnostic(DiagnosticCode.SeriesLength, Severity.Warning, "First.", "in.json", 1, 1),
                new Diagnostic(DiagnosticCode.MethodNotFound, Severity.Error, "Not found."),
            ],
            error);

        anyError.ShouldBeTrue();
        error.ToString().ShouldEndWith($"rse: error RSE0002: Not found.{Environment.NewLine}");
    }

    [Fact]
    public void Print_Nothing_PrintsNothingAndReturnsFalse()
    {
        using var error = new StringWriter();

        DiagnosticPrinter.Print([], error).ShouldBeFalse();

        error.ToString().ShouldBeEmpty();
    }
}
