using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;

namespace RseRules.Web.Api;

/// <summary>
/// The language an API caller reads diagnostics in: the <c>lang</c> query parameter (<c>fr</c> or <c>en</c>) when given,
/// else the first of French and English in <c>Accept-Language</c> by quality (<c>fr-FR</c> is French), else English.
/// </summary>
public static class RequestLanguage
{
    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query["lang"].ToString();
        if (query is "fr" or "en")
        {
            return query;
        }

        RequestHeaders headers = request.GetTypedHeaders();
        foreach (var value in headers.AcceptLanguage.Where(v => v.Quality is not 0).OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.Value ?? string.Empty;
            if (tag.Equals("fr", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
            {
                return "fr";
            }

            if (tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            {
                return "en";
            }
        }

        return "en";
    }
}
