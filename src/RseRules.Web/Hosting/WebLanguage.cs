namespace RseRules.Web.Hosting;

/// <summary>The language of a request: <c>?lang=fr|en</c> (remembered in a cookie), else the cookie, else French.</summary>
public static class WebLanguage
{
    private const string CookieName = "rse-lang";

    /// <summary>The language of a request, remembering an explicit choice.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var asked = context.Request.Query["lang"].ToString();
        if (asked is "fr" or "en")
        {
            context.Response.Cookies.Append(CookieName, asked, new CookieOptions { SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return asked;
        }

        return context.Request.Cookies.TryGetValue(CookieName, out var cookie) && cookie is "fr" or "en" ? cookie : "fr";
    }
}
