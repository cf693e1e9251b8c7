using RseRules.Core.Json;

namespace RseRules.Web.Hosting;

/// <summary>
/// Refuses a request whose declared body is larger than the workbench reads, before anything reads it (the antiforgery
/// check would otherwise fail on it with a bare 400): 413 with a sentence, as a page for a browser's form, as problem
/// details for the API.
/// </summary>
internal sealed class BodyLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is not { } length || length <= Workbench.MaxRequestBytes)
        {
            return next(context);
        }

        var mib = JsonSource.MaxFileBytes / (1024 * 1024);
        var french = WebLanguage.Of(context) == "fr";
        // Constant sentences (no request text in them): written as they are.
        var detail = french
            ? $"Le fichier envoyé dépasse {mib} Mio, la taille la plus grande que le moteur lit (document JSON ou classeur Excel)."
            : $"The upload is larger than {mib} MiB, the largest the engine reads (a JSON document or an Excel workbook).";
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.Headers.Connection = "close";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: detail).ExecuteAsync(context);
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        var back = french ? "Revenir en arrière" : "Go back";
        return context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"{(french ? "fr" : "en")}\"><meta charset=\"utf-8\"><title>413</title><p>{detail}</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(context.Request.Path.ToUriComponent())}\">{back}</a></p></html>");
    }
}
