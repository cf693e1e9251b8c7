using System.ComponentModel;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RseRules.Web.Hosting;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse serve [--port N] [--listen ADDRESS] [--store FILE|CONNECTION] [--methods-dir D] [--token T]</c>: the
/// workbench, the same engine in a browser. Listens on 127.0.0.1 unless told otherwise; beyond loopback only with an
/// access token. Stops on Ctrl+C.
/// </summary>
internal sealed class ServeCommand(TextWriter output, TextWriter error) : AsyncCommand<ServeCommand.Settings>
{
    /// <summary>The environment variable that gives the access token (kept out of the process list).</summary>
    public const string TokenVariable = "RSE_WORKBENCH_TOKEN";

    internal sealed class Settings : MethodSettings
    {
        [CommandOption("-p|--port <PORT>")]
        [Description("Port to listen on (default 5480; 0 picks a free one).")]
        [DefaultValue(5480)]
        public int Port { get; init; } = 5480;

        [CommandOption("--listen <ADDRESS>")]
        [Description("Address to listen on (default 127.0.0.1, this machine only). Any other needs --token.")]
        [DefaultValue("127.0.0.1")]
        public string Listen { get; init; } = "127.0.0.1";

        [CommandOption("--store <STORE>")]
        [Description("Where scenarios are saved: a SQLite file, or a PostgreSQL connection string (Host=…;Database=…). Default: a SQLite file in the user's data folder.")]
        public string? Store { get; init; }

        [CommandOption("--token <TOKEN>")]
        [Description("Access token every request must carry (at least 16 characters; or RSE_WORKBENCH_TOKEN). Required with --listen beyond loopback.")]
        public string? Token { get; init; }

        [CommandOption("--templates-dir <DIR>")]
        [Description("Folder of report template sets (default: RSE_TEMPLATES_DIR, the nearest templates/ folder, or the one beside rse).")]
        public string? TemplatesDir { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var token = settings.Token ?? Environment.GetEnvironmentVariable(TokenVariable);
        var args = new List<string>
        {
            $"--{WorkbenchOptions.Section}:Port={settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            $"--{WorkbenchOptions.Section}:Listen={settings.Listen}",
            // A refused start is told on stderr as one line (below), not as the host's stack trace.
            "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                args.Add($"--{WorkbenchOptions.Section}:{key}={value}");
            }
        }

        Add("MethodsDir", settings.MethodsDir);
        Add("Store", settings.Store);
        Add("TemplatesDir", settings.TemplatesDir);
        Add("Token", token);

        WebApplication app;
        try
        {
            app = Workbench.Create([.. args]);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync("rse: error: " + failure).ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (IOException ex) when (ex.InnerException is SocketException or null)
        {
            await error.WriteLineAsync($"rse: error: cannot listen on {settings.Listen}:{settings.Port}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        catch (Exception ex) when (ex is RseRules.Store.StoreException or System.Data.Common.DbException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("rse: error: the store cannot be opened: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException && ex.InnerException is not null)
        {
            await error.WriteLineAsync("rse: error: the workbench cannot start: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        await using (app.ConfigureAwait(false))
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? $"http://{settings.Listen}:{settings.Port}";
            address = address.TrimEnd('/') + "/";
            var shown = string.IsNullOrEmpty(token) ? address : address + "?token=" + Uri.EscapeDataString(token);
            await output.WriteLineAsync($"RseRules workbench: {shown}").ConfigureAwait(false);
            await output.WriteLineAsync("Open it in a browser; Ctrl+C stops the server.").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false); // seen now, even through a pipe
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
