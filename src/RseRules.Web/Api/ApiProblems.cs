using RseRules.Core.Diagnostics;

namespace RseRules.Web.Api;

/// <summary>Problem details (RFC 9457) for the API: located errors as data, the same codes and pointers as the CLI.</summary>
internal static class ApiProblems
{
    /// <summary>422 with <c>errors</c>: <c>[{ code, severity, pointer, line, column, message }]</c>.</summary>
    public static IResult Unprocessable(string title, IEnumerable<Diagnostic> diagnostics) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title,
            extensions: new Dictionary<string, object?> { ["errors"] = diagnostics.Select(Error).ToArray() });

    /// <summary>400 for a request that is not what the endpoint reads.</summary>
    public static IResult BadRequest(string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    /// <summary>404 naming what was not found.</summary>
    public static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>415 for a body that is not JSON.</summary>
    public static IResult UnsupportedMediaType(string expected) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: $"Send the body as {expected}.");

    /// <summary>A method of the methods folder does not load or compile: the server's fault, with its diagnostics.</summary>
    public static IResult MethodBroken(string reference, IEnumerable<Diagnostic> diagnostics) =>
        Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: $"The method {reference} does not compile",
            extensions: new Dictionary<string, object?> { ["errors"] = diagnostics.Where(d => d.Severity == Severity.Error).Select(Error).ToArray() });

    public static object Error(Diagnostic d) => new
    {
        code = d.CodeText,
        severity = d.Severity.ToString().ToLowerInvariant(),
        pointer = d.Pointer,
        line = d.Line,
        column = d.Column,
        message = d.Message,
    };
}
