using System.ComponentModel;
using System.Text;
using RseRules.Cli.Resident;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>The resident process of this build and environment, as the <c>rse server</c> commands see it.</summary>
internal static class ResidentControl
{
    /// <summary>Why there can be no resident process here, or null.</summary>
    public static string? Unavailable() =>
        !ResidentEndpoint.Supported ? "there is no resident process on this platform (Linux only): every command runs in its own process."
        : ResidentEndpoint.Disabled(Environment.GetEnvironmentVariable) ? $"{ResidentEndpoint.Variable} is off: every command runs in its own process."
        : null;

    /// <summary>Asks the resident process something: its answer, or null when none runs.</summary>
    public static string? Ask(RequestKind kind)
    {
        if (ResidentEndpoint.Current() is not var (socket, identity, uid))
        {
            return null;
        }

        using var output = new MemoryStream();
        using var error = new MemoryStream();
        var request = new ResidentRequest(kind, identity, Path.GetTempPath(), [], [], Terminal.None);
        var (connected, code) = ResidentClient.Send(socket, uid, request, output, error);
        return connected && code is not null ? Encoding.UTF8.GetString(output.ToArray()) : null;
    }
}

/// <summary>Options of <c>rse server run</c>.</summary>
internal sealed class ServerRunSettings : CommandSettings
{
    [CommandOption("--idle-minutes <MINUTES>")]
    [Description("Stop after this many minutes without a command (default 10).")]
    [DefaultValue(10)]
    public int IdleMinutes { get; init; } = 10;

    [CommandOption("--background", IsHidden = true)]
    public bool Background { get; init; }

    public override Spectre.Console.ValidationResult Validate() => IdleMinutes is >= 1 and <= 1440
        ? Spectre.Console.ValidationResult.Success()
        : Spectre.Console.ValidationResult.Error("--idle-minutes must be between 1 and 1440.");
}

/// <summary><c>rse server run</c>: be the resident process, in the foreground (what rse starts by itself in the background).</summary>
internal sealed class ServerRunCommand(TextWriter output, TextWriter error) : Command<ServerRunSettings>
{
    public override int Execute(CommandContext context, ServerRunSettings settings, CancellationToken cancellationToken)
    {
        if (ResidentControl.Unavailable() is { } why)
        {
            error.WriteLine("rse: error: " + why);
            return ExitCodes.Invalid;
        }

        if (settings.Background)
        {
            ResidentEndpoint.NewSession();
        }

        if (ResidentEndpoint.Current() is not var (socket, identity, uid))
        {
            error.WriteLine("rse: error: the folder of resident processes is not private to this user.");
            return ExitCodes.Invalid;
        }

        try
        {
            var server = new ResidentServer(new ResidentServer.Options(socket, identity, uid) { IdleTime = TimeSpan.FromMinutes(settings.IdleMinutes) });
            if (!settings.Background)
            {
                output.WriteLine($"rse resident process {Environment.ProcessId} listening on {socket} (stops after {settings.IdleMinutes} minute(s) idle; Ctrl-C to stop now)");
                output.Flush();
            }

            var ran = server.Run(cancellationToken);
            if (!ran && !settings.Background)
            {
                error.WriteLine("rse: error: a resident process already runs for this build and environment (rse server status).");
                return ExitCodes.Invalid;
            }

            return ExitCodes.Success;
        }
        finally
        {
            try
            {
                File.Delete(socket + ".starting");
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary><c>rse server start</c>: start the resident process in the background and wait until it answers.</summary>
internal sealed class ServerStartCommand(TextWriter output, TextWriter error) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        if (ResidentControl.Unavailable() is { } why)
        {
            error.WriteLine("rse: error: " + why);
            return ExitCodes.Invalid;
        }

        if (ResidentControl.Ask(RequestKind.Status) is { } running)
        {
            output.Write(running);
            return ExitCodes.Success;
        }

        if (ResidentEndpoint.Current() is not var (socket, _, _))
        {
            error.WriteLine("rse: error: the folder of resident processes is not private to this user.");
            return ExitCodes.Invalid;
        }

        File.Delete(socket + ".starting");
        ResidentClient.Start(socket);
        for (var i = 0; i < 300; i++)
        {
            Thread.Sleep(100);
            if (ResidentControl.Ask(RequestKind.Status) is { } status)
            {
                output.Write(status);
                return ExitCodes.Success;
            }
        }

        error.WriteLine("rse: error: the resident process did not answer within 30 s.");
        return ExitCodes.Invalid;
    }
}

/// <summary><c>rse server stop</c>: stop the resident process of this build and environment.</summary>
internal sealed class ServerStopCommand(TextWriter output) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        output.WriteLine(ResidentControl.Unavailable() is null && ResidentControl.Ask(RequestKind.Stop) is not null
            ? "stopped the resident process."
            : "no resident process runs for this build and environment.");
        return ExitCodes.Success;
    }
}

/// <summary><c>rse server status</c>: whether a resident process runs, since when, what it has done.</summary>
internal sealed class ServerStatusCommand(TextWriter output) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        if (ResidentControl.Unavailable() is { } why)
        {
            output.WriteLine(why);
        }
        else
        {
            output.Write(ResidentControl.Ask(RequestKind.Status) ?? "no resident process runs for this build and environment (the next command that reads a method starts one).\n");
        }

        return ExitCodes.Success;
    }
}
