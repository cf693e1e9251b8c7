using System.ComponentModel;
using RseRules.Core;
using RseRules.Core.Testing;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary><c>rse test &lt;method&gt;</c>: runs the method's test cases and prints <c>N passed, N failed</c>.</summary>
internal sealed class TestCommand(TextWriter output, TextWriter error) : Command<TestCommand.Settings>
{
    internal sealed class Settings : MethodSettings
    {
        [CommandArgument(0, "<METHOD>")]
        [Description("Method file, folder, or id@version.")]
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

        var cases = MethodTestRunner.FindCases(method);
        if (cases.Count == 0)
        {
            error.WriteLine($"rse: error: {method.Method.Reference} has no test case (tests/*.json beside method.json).");
            return ExitCodes.Invalid;
        }

        int passed = 0, failed = 0;
        foreach (var file in cases)
        {
            var result = MethodTestRunner.Run(method, file);
            if (result.Passed)
            {
                passed++;
                output.WriteLine($"PASS {result.Name}");
            }
            else
            {
                failed++;
                output.WriteLine($"FAIL {result.Name}");
                foreach (var f in result.Failures)
                {
                    output.WriteLine($"     {f}");
                }
            }
        }

        output.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
