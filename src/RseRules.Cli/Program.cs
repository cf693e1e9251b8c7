using System.Globalization;
using RseRules.Cli;
using RseRules.Cli.Resident;

// A command that reads methods runs in the user's resident process when one runs (warm: compiled methods kept), before
// anything else is loaded here; otherwise here, as it always did.
if (ResidentClient.TryRun(args) is { } forwarded)
{
    return forwarded;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = System.Text.Encoding.UTF8;
var code = CliApp.Run(args, Console.Out, Console.Error);
Console.Out.Flush();
ResidentClient.StartPending();
return code;
