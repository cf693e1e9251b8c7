using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Web.Api;
using RseRules.Web.Catalog;

namespace RseRules.Web.Hosting;

/// <summary>
/// Builds the workbench: the catalogue of the methods folder, the store, Razor pages for people and a JSON API for
/// integrations, over the same engine calls as the command line. It listens on loopback unless told otherwise, and
/// then only with an access token.
/// </summary>
public static class Workbench
{
    /// <summary>Largest request body: an input document (the CLI's 16 MiB) or a workbook, with room for the form's names.</summary>
    public const long MaxRequestBytes = JsonSource.MaxFileBytes + (4L * 1024 * 1024);

    /// <summary>Builds the application from command-line style arguments and configuration.</summary>
    /// <param name="args">Arguments (<c>--Workbench:Store=…</c>, <c>--Workbench:Port=…</c>…).</param>
    /// <param name="configure">A last change to the builder (tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        var options = builder.Configuration.GetSection(WorkbenchOptions.Section).Get<WorkbenchOptions>() ?? new WorkbenchOptions();
        Check(options);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(options);

        var methodsDir = MethodLocator.FindMethodsDir(options.MethodsDir)
            ?? throw new WorkbenchStartException("No methods folder: pass --methods-dir, set RSE_METHODS_DIR, or start from a folder that has methods/.");
        if (!Directory.Exists(methodsDir))
        {
            throw new WorkbenchStartException($"The methods folder '{methodsDir}' does not exist.");
        }

        builder.Services.AddSingleton(new MethodCatalog(methodsDir));
        builder.Services.AddSingleton<Evaluation.ReportSets>();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Pages").AddApplicationPart(typeof(Workbench).Assembly);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RseRules workbench API";
            document.Info.Description = "Evaluate methods, save and replay evaluations, exchange input documents as Excel workbooks.";
            return Task.CompletedTask;
        }));
        builder.Services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 100_000;
            o.ValueLengthLimit = (int)JsonSource.MaxFileBytes;
            o.MultipartBodyLengthLimit = MaxRequestBytes;
            o.KeyLengthLimit = 4096;
        });
        builder.Services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = MaxRequestBytes;
            o.AddServerHeader = false;
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rse-af";
            o.HeaderName = "RequestVerificationToken";
        });

        var address = options.Listen is "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Listen.Trim('[', ']'));
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, options.Port));

        if (options.IsLoopback)
        {
            // A page of another site cannot reach this one by a name that resolves to 127.0.0.1 (DNS rebinding).
            builder.Configuration["AllowedHosts"] = "localhost;127.0.0.1;[::1]";
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        if (options.Token is { Length: > 0 })
        {
            app.UseMiddleware<TokenGate>();
        }

        app.UseRouting();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/assets/{name}", Assets.Serve).ExcludeFromDescription();
        MethodsApi.Map(app);
        app.MapRazorPages();
        return app;
    }

    private static void Check(WorkbenchOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new WorkbenchStartException($"The port {options.Port.ToString(CultureInfo.InvariantCulture)} is not between 0 and 65535.");
        }

        if (!options.IsLoopback && !IPAddress.TryParse(options.Listen.Trim('[', ']'), out _))
        {
            throw new WorkbenchStartException($"'{options.Listen}' is not an IP address to listen on.");
        }

        if (!options.IsLoopback && string.IsNullOrEmpty(options.Token))
        {
            throw new WorkbenchStartException($"Listening on {options.Listen}, beyond this machine, requires an access token (--token, or RSE_WORKBENCH_TOKEN): anyone who reaches the port could otherwise read and write the store.");
        }

        if (options.Token is { Length: > 0 and < 16 })
        {
            throw new WorkbenchStartException("The access token must be at least 16 characters long.");
        }
    }
}

/// <summary>The workbench cannot start as configured (the message says why).</summary>
public sealed class WorkbenchStartException(string message) : Exception(message);
