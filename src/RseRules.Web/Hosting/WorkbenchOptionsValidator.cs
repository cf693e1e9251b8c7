using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace RseRules.Web.Hosting;

/// <summary>Checks the workbench's options at start: a methods folder, a port, and a token beyond loopback.</summary>
internal sealed class WorkbenchOptionsValidator : IValidateOptions<WorkbenchOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options)
    {
        var failures = new List<string>();
        var methodsDir = Workbench.MethodsDir(options);
        if (methodsDir is null)
        {
            failures.Add("No methods folder: pass --methods-dir, set RSE_METHODS_DIR, or start from a folder that has methods/.");
        }
        else if (!Directory.Exists(methodsDir))
        {
            failures.Add($"The methods folder '{methodsDir}' does not exist.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"The port {options.Port.ToString(CultureInfo.InvariantCulture)} is not between 0 and 65535.");
        }

        if (!options.IsLoopback && !IPAddress.TryParse(options.Listen.Trim('[', ']'), out _))
        {
            failures.Add($"'{options.Listen}' is not an IP address to listen on.");
        }
        else if (!options.IsLoopback && string.IsNullOrEmpty(options.Token))
        {
            failures.Add($"Listening on {options.Listen}, beyond this machine, requires an access token (--token, or RSE_WORKBENCH_TOKEN): anyone who reaches the port could otherwise read and write the store.");
        }

        if (options.Token is { Length: > 0 and < 16 })
        {
            failures.Add("The access token must be at least 16 characters long.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
