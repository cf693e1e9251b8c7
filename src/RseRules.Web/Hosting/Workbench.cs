using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Web.Api;
using RseRules.Web.Catalog;

namespace RseRules.Web.Hosting;

/// <summary>
/// Builds the workbench: the catalogue of the methods folder, the store, Razor pages for people and a JSON API for
/// integrations, over the same engine calls as the command line. Options come from the configuration section
/// <c>Workbench</c> and are checked at start; it listens on loopback unless told otherwise, and then only with an
/// access token.
/// </summary>
public static class Workbench
{
    /// <summary>Largest request body: an input document (the CLI's 16 MiB) or a workbook, with room for the form's names.</summary>
    public const long MaxRequestBytes = JsonSource.MaxFileBytes + (4L * 1024 * 1024);

    /// <summary>Builds the application from command-line style arguments and configuration.</summary>
    /// <param name="args">Arguments (<c>--Workbench:Store=…</c>, <c>--Workbench:Port=…</c>…).</param>
    /// <param name="configure">A last change to the builder (the command line, tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        configure?.Invoke(builder);

        var services = builder.Services;
        services.AddOptions<WorkbenchOptions>().Bind(builder.Configuration.GetSection(WorkbenchOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkbenchOptions>, WorkbenchOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkbenchOptions>>().Value);
        services.AddSingleton(sp => new MethodCatalog(MethodsDir(sp.GetRequiredService<WorkbenchOptions>())!));
        services.AddSingleton<Evaluation.ReportSets>();
        services.AddSingleton<Scenarios.WorkbenchStore>();
        services.AddHostedService<Scenarios.WorkbenchStore.Opener>();
        services.AddSingleton<Scenarios.ScenarioService>();
        services.AddRazorPages(o => o.RootDirectory = "/Pages").AddApplicationPart(typeof(Workbench).Assembly);
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RseRules workbench API";
            document.Info.Description = "Evaluate methods, save and replay evaluations, exchange input documents as Excel workbooks.";
            return Task.CompletedTask;
        }));
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 100_000;
            o.ValueLengthLimit = (int)JsonSource.MaxFileBytes;
            o.MultipartBodyLengthLimit = MaxRequestBytes;
            o.KeyLengthLimit = 4096;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rse-af";
            o.HeaderName = "RequestVerificationToken";
        });
        // On loopback, a page of another site cannot reach the workbench by a name that resolves to 127.0.0.1 (DNS
        // rebinding): only these host names are answered.
        services.AddOptions<HostFilteringOptions>().Configure<WorkbenchOptions>((filter, options) =>
        {
            if (options.IsLoopback)
            {
                filter.AllowedHosts = ["localhost", "127.0.0.1", "[::1]"];
            }
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = context.Configuration.GetSection(WorkbenchOptions.Section).Get<WorkbenchOptions>() ?? new WorkbenchOptions();
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.AddServerHeader = false;
            if (IPAddress.TryParse(options.Listen.Trim('[', ']'), out var address) || options.Listen == "localhost")
            {
                kestrel.Listen(address ?? IPAddress.Loopback, Math.Clamp(options.Port, 0, 65535));
            }
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<TokenGate>();
        app.UseMiddleware<BodyLimit>();
        app.UseRouting();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/assets/{name}", Assets.Serve).ExcludeFromDescription();
        MethodsApi.Map(app);
        EvaluationsApi.Map(app);
        WorkbooksApi.Map(app);
        app.MapRazorPages();
        return app;
    }

    /// <summary>The methods folder the options name (or the CLI's lookup finds), or null.</summary>
    internal static string? MethodsDir(WorkbenchOptions options) => MethodLocator.FindMethodsDir(options.MethodsDir);
}
