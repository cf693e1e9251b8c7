using System.Security.Cryptography;
using System.Text;

namespace RseRules.Web.Hosting;

/// <summary>
/// When an access token is set, every request carries it: <c>Authorization: Bearer &lt;token&gt;</c> (the API), or the
/// cookie set by opening the address printed at start (<c>/?token=…</c>, then redirected without it). Compared in
/// constant time; a request without it gets 401 and nothing else.
/// </summary>
internal sealed class TokenGate(RequestDelegate next, WorkbenchOptions options)
{
    public const string CookieName = "rse-token";
    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Token ?? string.Empty));

    public async Task InvokeAsync(HttpContext context)
    {
        if (string.IsNullOrEmpty(options.Token))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query["token"].ToString();
        if (query.Length > 0 && Matches(query))
        {
            context.Response.Cookies.Append(CookieName, query, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Secure = context.Request.IsHttps });
            context.Response.Redirect(context.Request.Path.HasValue ? context.Request.PathBase + context.Request.Path : "/");
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim()
            : context.Request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
        if (presented is null || !Matches(presented))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsync("This workbench requires its access token: open the address rse serve printed (with ?token=…), or send Authorization: Bearer <token>.\n").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private bool Matches(string token) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), expected);
}
