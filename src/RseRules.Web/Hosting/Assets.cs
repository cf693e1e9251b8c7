using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RseRules.Web.Hosting;

/// <summary>The workbench's style sheet and script, embedded in the assembly (no wwwroot to ship), with an ETag.</summary>
internal static class Assets
{
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)?> Cache = new(StringComparer.Ordinal);

    public static IResult Serve(string name, HttpContext context)
    {
        var asset = Cache.GetOrAdd(name, Load);
        if (asset is not { } a)
        {
            return Results.NotFound();
        }

        if (context.Request.Headers.IfNoneMatch.ToString() == a.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.Headers.ETag = a.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            _ => "application/octet-stream",
        };
        return Results.Bytes(a.Bytes, type);
    }

    private static (byte[], string)? Load(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("assets/" + name);
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        return (bytes, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
    }
}
