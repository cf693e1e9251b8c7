using System.Text;
using RseRules.Core.Json;

namespace RseRules.Web.Api;

/// <summary>Reads a JSON request body as text: JSON content type only (a page of another site cannot send one without
/// asking first), UTF-8, within the CLI's input size.</summary>
internal static class RequestBody
{
    public static async Task<(string? Text, IResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        var type = request.ContentType ?? string.Empty;
        if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblems.UnsupportedMediaType("application/json"));
        }

        var (bytes, problem) = await ReadBytesAsync(request, "body", ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (new UTF8Encoding(false, true).GetString(bytes!).TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiProblems.BadRequest("The body is not UTF-8 text."));
        }
    }

    /// <summary>The body's bytes, up to the CLI's input size (16 MiB): 413 naming <paramref name="what"/> beyond it.</summary>
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, string what, CancellationToken ct)
    {
        if (request.ContentLength > JsonSource.MaxFileBytes)
        {
            return (null, TooLarge(what));
        }

        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (memory.Length + read > JsonSource.MaxFileBytes)
            {
                return (null, TooLarge(what));
            }

            memory.Write(buffer, 0, read);
        }

        return (memory.ToArray(), null);
    }

    /// <summary>413: <paramref name="what"/> is larger than the largest input the engine reads.</summary>
    public static IResult TooLarge(string what) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
        detail: $"The {what} is larger than {JsonSource.MaxFileBytes / (1024 * 1024)} MiB, the largest input the engine reads.");
}
