using RseRules.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli;

/// <summary>
/// The <c>rse</c> command line, runnable in-process (tests pass their own writers). Usage errors exit with 2,
/// invalid methods or inputs with 1, and no exception ever reaches the user as a stack trace: one that escapes a
/// command is an internal error, one line on stderr and exit 2.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, IAnsiConsole? console = null, Terminal? terminal = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["--version"] or ["-V"])
        {
            output.WriteLine(VersionText());
            return ExitCodes.Success;
        }

        if (MissingOptionValue(args) is { } option)
        {
            error.WriteLine($"rse: usage error: Option '{option}' needs a value.");
            error.WriteLine("Run 'rse --help' for usage.");
            return ExitCodes.Usage;
        }

        terminal ??= Terminal.Of(output, error);
        if (console is null)
        {
            console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            if (!terminal.Output)
            {
                // Not a terminal: no width to fit, so never wrap lines in the middle of a sentence.
                console.Profile.Width = 240;
            }
            else if (terminal.Width > 0)
            {
                // A terminal the console cannot see (a command forwarded to the resident process): its width as given.
                console.Profile.Width = terminal.Width;
            }
        }

        var services = new Registrar(output, error, console);
        services.RegisterInstance(typeof(Terminal), terminal);
        var app = new CommandApp(services);
        app.Configure(config =>
        {
            config.SetApplicationName("rse");
            config.PropagateExceptions();
            config.Settings.Console = console;

            // Without strict parsing, Spectre.Console.Cli silently ignores unknown options (`rse validate m --bogus`
            // validated and exited 0); they are usage errors (exit 2).
            config.UseStrictParsing();
            config.AddCommand<ValidateCommand>("validate").WithDescription("Check method files: JSON, schema, semantics, formulas (compiled in the sandbox).")
                .WithExample("validate", "methods/rse-value/1.0.0").WithExample("validate", "rse-value@1.0.0");
            config.AddCommand<EvaluateCommand>("evaluate").WithDescription("Evaluate a method on an input document.")
                .WithExample("evaluate", "--method", "rse-value@1.0.0", "--inputs", "methods/rse-value/1.0.0/examples/example.json", "--format", "json")
                .WithExample("evaluate", "--method", "rse-value@1.0.0", "--inputs", "methods/rse-value/1.0.0/examples/example.json", "--format", "xlsx", "--lang", "en", "--out", "out/evaluation.xlsx");
            config.AddCommand<TestCommand>("test").WithDescription("Run a method's test cases.").WithExample("test", "methods/rse-value/1.0.0");
            config.AddCommand<ReportCommand>("report").WithDescription("Render the white-paper report of an evaluation (HTML, Markdown or PDF, French or English).")
                .WithExample("report", "--method", "rse-value@1.0.0", "--inputs", "methods/rse-value/1.0.0/examples/example.json", "--out", "out/report.html");
            config.AddCommand<ReplayCommand>("replay").WithDescription("Re-evaluate a saved evaluation record and check that every figure and hash is identical (exit 3 when not).")
                .WithExample("replay", "out/evaluation.json");
            config.AddCommand<ExplainCommand>("explain").WithDescription("Explain how a result was computed, down to inputs and parameters with their sources.")
                .WithExample("explain", "--record", "out/evaluation.json", "npvAdjusted");
            config.AddCommand<PublishCommand>("publish").WithDescription("Record a method version's hash in methods/manifest.json: from then on it is immutable.")
                .WithExample("publish", "methods/rse-value/1.1.0");
            config.AddCommand<DiffCommand>("diff").WithDescription("Show what changed between two methods (versions, or a base and an overlay), and with --inputs the effect on every result.")
                .WithExample("diff", "rse-value@1.0.0", "rse-value@1.1.0");
            config.AddCommand<SimulateCommand>("simulate").WithDescription("Monte Carlo simulation of an input document's distributions: percentiles of each numeric result, frequencies of each text result (same seed, same output).")
                .WithExample("simulate", "--method", "rse-value@1.0.0", "--inputs", "methods/rse-value/1.0.0/examples/example-uncertain.json", "--iterations", "100000", "--seed", "1");
            config.AddCommand<SensitivityCommand>("sensitivity").WithDescription("Tornado: swing each uncertain input (or each numeric input by ±10 %) and rank them by the effect on a result.")
                .WithExample("sensitivity", "--method", "rse-value@1.0.0", "--inputs", "methods/rse-value/1.0.0/examples/example-uncertain.json", "--result", "npvAdjusted");
            config.AddCommand<MethodsCommand>("methods").WithDescription("List the methods rse knows and the folder they come from (--methods-dir, RSE_METHODS_DIR, the nearest methods/ folder, or those shipped with rse).")
                .WithExample("methods").WithExample("methods", "--format", "json");
            config.AddCommand<SchemaCommand>("schema").WithDescription("Write the JSON Schema of a method's input documents.")
                .WithExample("schema", "--method", "rse-value@1.0.0", "--out", "inputs.schema.json");
            config.AddCommand<ServeCommand>("serve").WithDescription("Open the workbench: the same engine in a browser (forms generated from any method, live results, saved scenarios, Excel in and out).")
                .WithExample("serve").WithExample("serve", "--port", "8080", "--store", "scenarios.db");
            config.AddBranch("inputs", inputs =>
            {
                inputs.SetDescription("Exchange input documents as Excel workbooks: write a method's template (prefilled or not), read a filled one back to JSON.");
                inputs.AddCommand<InputsTemplateCommand>("template").WithDescription("Write the Excel workbook of a method's inputs: a sheet per section, drop-down lists, a column per year; prefilled from --inputs.")
                    .WithExample("inputs", "template", "--method", "rse-value@1.0.0", "--out", "inputs.xlsx")
                    .WithExample("inputs", "template", "--method", "rse-value@1.0.0", "--inputs", "methods/rse-value/1.0.0/examples/example.json", "--lang", "en", "--out", "example.xlsx");
                inputs.AddCommand<InputsImportCommand>("import").WithDescription("Read a filled input workbook back to the JSON input document (errors name their cell; nothing written on error).")
                    .WithExample("inputs", "import", "inputs.xlsx", "--method", "rse-value@1.0.0", "--out", "inputs.json");
            });
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("Keys to sign evaluation records with (rse evaluate --sign) and to trust them by (--trust).");
                keys.AddCommand<KeysNewCommand>("new").WithDescription("Write a new ECDSA P-256 key pair: the private key (PKCS#8 PEM) and the public key beside it (.pub).")
                    .WithExample("keys", "new", "--out", "org.key");
            });
            config.AddBranch("new", authoring =>
            {
                authoring.SetDescription("Start something that validates as is: a starter input document for a method, the skeleton of an overlay.");
                authoring.AddCommand<NewInputsCommand>("inputs").WithDescription("Write a starter input document (the method's example, else neutral figures) and its JSON Schema beside it, for editor completion.")
                    .WithExample("new", "inputs", "--method", "rse-value@1.1.0", "--out", "inputs/acme.json");
                authoring.AddCommand<NewMethodCommand>("method").WithDescription("Write the skeleton of an overlay: method.json (extends, pinned base hash, empty sections), README.md, a starter example and a test case.")
                    .WithExample("new", "method", "--extends", "rse-value@1.1.0", "--id", "acme-rse");
            });
            config.AddBranch("server", server =>
            {
                server.SetDescription("The resident process: commands that read methods run in it, warm (compiled methods kept), and start it when it is not running; RSE_SERVER=off turns it off.");
                server.AddCommand<ServerStatusCommand>("status").WithDescription("Say whether the resident process of this build runs, since when, and what it has done.");
                server.AddCommand<ServerStartCommand>("start").WithDescription("Start the resident process in the background (the first command that reads a method does it too).");
                server.AddCommand<ServerStopCommand>("stop").WithDescription("Stop the resident process (the next command that reads a method starts another).");
                server.AddCommand<ServerRunCommand>("run").WithDescription("Be the resident process, in the foreground (Ctrl-C stops it).")
                    .WithExample("server", "run", "--idle-minutes", "30");
            });
            config.AddBranch("cache", cache =>
            {
                cache.SetDescription("Look after the compiled-method cache: what it holds, clear it, prune what is no longer used.");
                cache.AddCommand<CacheInfoCommand>("info").WithDescription("Show the cache folder and its entries.");
                cache.AddCommand<CacheClearCommand>("clear").WithDescription("Delete every compiled method in the cache.");
                cache.AddCommand<CachePruneCommand>("prune").WithDescription("Delete the compiled methods not used for --unused-days days (default 30).")
                    .WithExample("cache", "prune", "--unused-days", "7");
            });
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
        catch (OperationCanceledException) when (OutputFile.Interruption.Value.IsCancellationRequested)
        {
            error.WriteLine("rse: interrupted: no output file written.");
            return ExitCodes.Interrupted;
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
        catch (Exception ex)
        {
            // The last resort: whatever still escapes is a bug of rse (each one found gets a regression test), reported
            // on one line and exit 2, never a stack trace or a crash.
            error.WriteLine($"rse: internal error: {ex.GetType().Name}: {OneLine(ex.Message)} (a bug of rse: please report it with the command that caused it).");
            return ExitCodes.Usage;
        }
    }

    /// <summary>
    /// What <c>rse --version</c> prints: the tool's version, the engine's (the one records carry), the commit it was built
    /// from, and the runtime.
    /// </summary>
    internal static string VersionText()
    {
        static string? Informational(System.Reflection.Assembly assembly) => assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        var full = Informational(typeof(CliApp).Assembly) ?? "0.0.0";
        var plus = full.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? full : full[..plus];
        var commit = plus < 0 ? "unknown" : full[(plus + 1)..];
        return $"rse {version}\n"
            + $"engine {Core.Evaluation.EvaluationRecord.EngineVersion}\n"
            + $"commit {commit}\n"
            + $"runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})";
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..297] + "...";
    }

    /// <summary>
    /// The first option that takes a value but is given none (last argument, or followed by another option). Spectre.Console.Cli
    /// does not reject it: it hands the option its internal "__default_command" marker as value, so that
    /// <c>rse schema --method m --out</c> wrote a file named <c>__default_command</c>.
    /// </summary>
    private static string? MissingOptionValue(string[] args)
    {
        var valued = typeof(CliApp).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttributes(typeof(CommandOptionAttribute), true).OfType<CommandOptionAttribute>().FirstOrDefault())
            .Where(a => a is { ValueName: not null, ValueIsOptional: false })
            .SelectMany(a => a!.LongNames.Select(n => "--" + n).Concat(a.ShortNames.Select(n => "-" + n)))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < args.Length && args[i] != "--"; i++)
        {
            if (valued.Contains(args[i]) && (i + 1 == args.Length || (args[i + 1].Length > 1 && args[i + 1][0] == '-')))
            {
                return args[i];
            }
        }

        return null;
    }
}
