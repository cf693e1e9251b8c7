using RseRules.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli;

/// <summary>
/// The <c>rse</c> command line, runnable in-process (tests pass their own writers). Usage errors exit with 2,
/// invalid methods or inputs with 1, and no exception ever reaches the user as a stack trace.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var services = new Registrar(output, error, console);
        var app = new CommandApp(services);
        app.Configure(config =>
        {
            config.SetApplicationName("rse");
            config.PropagateExceptions();
            config.Settings.Console = console;
            config.AddCommand<ValidateCommand>("validate").WithDescription("Check method files: JSON, schema, semantics, formulas (compiled in the sandbox).")
                .WithExample("validate", "methods/rse-value/1.0.0").WithExample("validate", "rse-value@1.0.0");
            config.AddCommand<EvaluateCommand>("evaluate").WithDescription("Evaluate a method on an input document.")
                .WithExample("evaluate", "--method", "rse-value@1.0.0", "--inputs", "methods/rse-value/1.0.0/examples/example.json", "--format", "json");
            config.AddCommand<TestCommand>("test").WithDescription("Run a method's test cases.").WithExample("test", "methods/rse-value/1.0.0");
            config.AddCommand<SchemaCommand>("schema").WithDescription("Write the JSON Schema of a method's input documents.")
                .WithExample("schema", "--method", "rse-value@1.0.0", "--out", "inputs.schema.json");
        });

        try
        {
            return app.Run(args);
        }
        catch (CommandAppException ex)
        {
            error.WriteLine($"rse: usage error: {ex.Message}");
            error.WriteLine("Run 'rse --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (IOException ex)
        {
            error.WriteLine($"rse: error RSE0005: {ex.Message}");
            return ExitCodes.Invalid;
        }
        catch (UnauthorizedAccessException ex)
        {
            error.WriteLine($"rse: error RSE0005: {ex.Message}");
            return ExitCodes.Invalid;
        }
    }
}
