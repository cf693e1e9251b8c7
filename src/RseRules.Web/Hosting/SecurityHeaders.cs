namespace RseRules.Web.Hosting;

/// <summary>
/// Headers on every response: a Content-Security-Policy that lets pages run only the workbench's own script and show
/// only its own resources (inline SVG charts and their styles allowed), no framing by other sites, no MIME sniffing,
/// no referrer.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = Policy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "SAMEORIGIN";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
