using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RseRules.Web.Tests.Support;

/// <summary>The real application over the test methods folder, in memory (no socket), with settings of a test's own.</summary>
public sealed class WorkbenchFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public WorkbenchFactory(Dictionary<string, string?>? settings = null)
    {
        this.settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Workbench:MethodsDir"] = TestMethods.Dir,
            ["Workbench:TemplatesDir"] = Path.Combine(TestMethods.Root, "templates"),
            ["Workbench:Store"] = Path.Combine(Path.GetTempPath(), "rse-web-tests-" + Guid.NewGuid().ToString("N") + ".db"),
        };
        foreach (var (k, v) in settings ?? [])
        {
            this.settings[k] = v;
        }
    }

    /// <summary>The store the application uses (a SQLite file of its own unless a test names another).</summary>
    public string Store => settings["Workbench:Store"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
