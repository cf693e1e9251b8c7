using RseRules.Core.Evaluation;

namespace RseRules.Web.Api;

/// <summary>
/// A <c>200 application/json</c> answer whose body is an evaluation record's canonical text, encoded as UTF-8 straight
/// into the response (no string of it, no copy: a record is tens of kilobytes), with its length. Disposes the text.
/// </summary>
internal sealed class RecordTextResult(RecordText text) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        using (text)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = text.Utf8Length;
            text.WriteTo(response.BodyWriter);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
