using RseRules.Web.Hosting;

namespace RseRules.Web;

/// <summary>Runs the workbench on its own (<c>rse serve</c> runs the same application). Not static: the tests' WebApplicationFactory names it.</summary>
public sealed class Program
{
    /// <summary>Entry point: configuration from the command line (<c>--Workbench:Port=5480</c>…) and the environment.</summary>
    public static async Task<int> Main(string[] args)
    {
        var app = Workbench.Create(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
