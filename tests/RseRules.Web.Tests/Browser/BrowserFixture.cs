using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RseRules.Web.Hosting;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Browser;

/// <summary>
/// The workbench on a real socket (Kestrel, a free port of 127.0.0.1, a SQLite store of its own) and Debian's Chromium
/// driven by Playwright (never a downloaded browser: <c>ExecutablePath</c> is the installed <c>chromium</c>). The
/// server can be restarted on the same store.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private WebApplication? app;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The server's address, ending with a slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public string Store { get; } = Path.Combine(Path.GetTempPath(), "rse-browser-" + Guid.NewGuid().ToString("N") + ".db");

    public async Task InitializeAsync()
    {
        await StartServerAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>Stops the server and starts a new one on the same store (a new port).</summary>
    public async Task RestartServerAsync()
    {
        await StopServerAsync();
        await StartServerAsync();
    }

    public async Task<IPage> NewPageAsync(string language = "fr")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = language == "en" ? "en-GB" : "fr-FR",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await StopServerAsync();
        foreach (var file in new[] { Store, Store + "-wal", Store + "-shm" })
        {
            File.Delete(file);
        }
    }

    private async Task StartServerAsync()
    {
        app = Workbench.Create(
        [
            "--Workbench:MethodsDir=" + TestMethods.Dir,
            "--Workbench:TemplatesDir=" + Path.Combine(TestMethods.Root, "templates"),
            "--Workbench:Store=" + Store,
            "--Workbench:Port=0",
        ]);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
    }

    private async Task StopServerAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    /// <summary>The installed Chromium (Debian's package); the tests fail, never skip, without it.</summary>
    private static string ChromiumPath()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("RSE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Chromium is not installed (apt-get install chromium, or set RSE_CHROMIUM): the browser tests need it.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
