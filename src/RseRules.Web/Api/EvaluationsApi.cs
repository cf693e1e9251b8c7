using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Reporting;
using RseRules.Store;
using RseRules.Web.Catalog;
using RseRules.Web.Evaluation;
using RseRules.Web.Scenarios;

namespace RseRules.Web.Api;

/// <summary><c>/api/evaluations</c>: evaluate and save as a named scenario, list, read, replay, archive, report.</summary>
internal static class EvaluationsApi
{
    /// <summary>The author saved when a request names none.</summary>
    public const string ApiAuthor = "(api)";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/evaluations").WithTags("Evaluations").DisableAntiforgery();
        group.MapPost("/", Save).WithSummary("Evaluate { method: \"id@version\", project, name, author?, inputs } and save it: 201 with the stored record and its Location, 422 with located errors (pointers into the request), 409 when the name is taken.")
            .Accepts<object>("application/json").Produces(StatusCodes.Status201Created, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithSummary("Saved evaluations (not archived unless archived=true|all), by project and name; ?project= for one project.");
        group.MapGet("/{key}", Get).WithSummary("A saved evaluation: who, when, which method, whether its record verifies, and the record.");
        group.MapGet("/{key}/record", Record).WithSummary("The stored record itself (canonical JSON: the bytes its recordSha256 hashes).");
        group.MapPost("/{key}/replay", Replay).WithSummary("Replay the record with the methods folder: { status: identical | differs | failed, differences, notes, errors }.");
        group.MapPost("/{key}/archive", Archive).WithSummary("Archive (kept, hidden from lists; its name may be used again).");
        group.MapGet("/{key}/report.{format}", Report).WithSummary("The report (html, md or pdf) in ?lang=fr|en.");
        app.MapGet("/api/compare", Compare).WithTags("Evaluations")
            .WithSummary("The comparison report of saved evaluations of one method: ?keys=a&keys=b[&keys=…]&format=html|md|pdf&lang=fr|en.");
    }

    private static async Task<IResult> Compare(string[]? keys, string? format, string? lang, WorkbenchStore store, ScenarioService scenarios, CancellationToken ct)
    {
        ReportFormat? kind = format switch { null or "html" => ReportFormat.Html, "md" => ReportFormat.Markdown, "pdf" => ReportFormat.Pdf, _ => null };
        if (kind is null || lang is not (null or "fr" or "en"))
        {
            return ApiProblems.BadRequest("format is html, md or pdf; lang fr or en.");
        }

        var distinct = (keys ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length is < 2 or > 12)
        {
            return ApiProblems.BadRequest("Compare 2 to 12 saved evaluations: ?keys=a&keys=b.");
        }

        var saved = new List<SavedEvaluation>();
        foreach (var key in distinct)
        {
            if (await Find(key, store, ct).ConfigureAwait(false) is not { } s)
            {
                return ApiProblems.NotFound($"No saved evaluation {key}.");
            }

            if (!s.Integrity.IsVerified)
            {
                return ApiProblems.Unprocessable($"The record of {s.Summary.Name} does not verify", [new Diagnostic(DiagnosticCode.RecordMismatch, Severity.Error, s.Integrity.Reason ?? "tampered", key)]);
            }

            saved.Add(s);
        }

        var file = scenarios.Compare(saved, kind.Value, lang ?? "fr");
        return Download(file);
    }

    private static async Task<IResult> Save(HttpRequest request, MethodCatalog catalog, WorkbenchStore store, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadJsonAsync(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var diagnostics = new List<Diagnostic>();
        var body = JsonSource.Parse(text!, "request.json", diagnostics);
        if (body is null)
        {
            return ApiProblems.Unprocessable("The request is not readable JSON", diagnostics);
        }

        if (body.Root is not JObject root)
        {
            return ApiProblems.Unprocessable("The request is not an evaluation to save", [body.At(string.Empty, DiagnosticCode.InvalidArgument, "Send { \"method\": \"id@version\", \"project\", \"name\", \"author\" (optional), \"inputs\": { … } }.")]);
        }

        string? Text(string member)
        {
            if (root[member] is JValue { Type: JTokenType.String } v)
            {
                return (string)v!;
            }

            diagnostics.Add(body.At(root[member] is null ? string.Empty : "/" + member, DiagnosticCode.InvalidArgument,
                root[member] is null ? $"'{member}' is required (a text)." : $"'{member}' must be a text."));
            return null;
        }

        var reference = Text("method");
        var project = Text("project");
        var name = Text("name");
        var author = root["author"] is null ? ApiAuthor : Text("author");
        if (root["inputs"] is not JObject inputs)
        {
            diagnostics.Add(body.At(root["inputs"] is null ? string.Empty : "/inputs", DiagnosticCode.InvalidArgument, "'inputs' is required: the input document, an object."));
            inputs = null!;
        }

        foreach (var extra in root.Properties().Where(p => p.Name is not ("method" or "project" or "name" or "author" or "inputs")))
        {
            diagnostics.Add(body.At("/" + JsonPointer.Escape(extra.Name), DiagnosticCode.InvalidArgument, $"Unknown member '{extra.Name}': method, project, name, author and inputs are read."));
        }

        if (diagnostics.Count > 0)
        {
            return ApiProblems.Unprocessable("The request is not an evaluation to save", diagnostics);
        }

        if (catalog.Find(reference!) is not { } entry)
        {
            return ApiProblems.Unprocessable("Unknown method", [body.At("/method", DiagnosticCode.MethodNotFound, $"No method {reference} in the methods folder (GET /api/methods lists them).")]);
        }

        var compiled = catalog.Compile(entry);
        if (compiled.Method is null)
        {
            return ApiProblems.MethodBroken(entry.Reference, compiled.Diagnostics);
        }

        var outcome = EvaluationService.Evaluate(compiled.Method, inputs, "request.json", RequestLanguage.Of(request));
        if (outcome.Record is not { } record)
        {
            // Pointers and positions into the request the client sent, not into a copy of its inputs.
            var located = outcome.Diagnostics.Select(d => body.At("/inputs" + (d.Pointer ?? string.Empty), d.Code, d.Message, d.Severity)).ToArray();
            return ApiProblems.Unprocessable($"The input document was refused by {entry.Reference}", located);
        }

        try
        {
            var saved = await (await store.GetAsync().ConfigureAwait(false)).SaveAsync(new NewEvaluation(project!, name!, author!, record), ct).ConfigureAwait(false);
            return new Created(Results.Text(saved.RecordJson, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created), "/api/evaluations/" + saved.Key);
        }
        catch (StoreConflictException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["existing"] = "/api/evaluations/" + ex.ExistingKey });
        }
        catch (InvalidEvaluationException ex)
        {
            return ApiProblems.Unprocessable("The evaluation cannot be saved",
                [body.At(root[ex.Field] is null ? string.Empty : "/" + ex.Field, DiagnosticCode.InvalidArgument, ex.Message)]);
        }
    }

    private static async Task<IResult> List(WorkbenchStore store, string? project, string? archived, int? offset, int? limit, CancellationToken ct)
    {
        var filter = archived switch
        {
            null or "" or "false" => ArchiveFilter.Active,
            "true" or "only" => ArchiveFilter.Archived,
            "all" => ArchiveFilter.All,
            _ => (ArchiveFilter?)null,
        };
        if (filter is null)
        {
            return ApiProblems.BadRequest($"archived must be false, true or all, not '{archived}'.");
        }

        var query = new EvaluationQuery(string.IsNullOrWhiteSpace(project) ? null : project) { Archived = filter.Value, Offset = offset ?? 0, Limit = limit ?? EvaluationQuery.DefaultLimit };
        if (query.Offset < 0 || query.Limit is < 1 or > StoreLimits.MaxListLimit)
        {
            return ApiProblems.BadRequest($"offset must be at least 0 and limit between 1 and {StoreLimits.MaxListLimit}.");
        }

        var list = await (await store.GetAsync().ConfigureAwait(false)).ListAsync(query, ct).ConfigureAwait(false);
        return MethodsApi.Json(new JArray(list.Select(Summary)));
    }

    private static async Task<IResult> Get(string key, WorkbenchStore store, CancellationToken ct)
    {
        if (await Find(key, store, ct).ConfigureAwait(false) is not { } saved)
        {
            return ApiProblems.NotFound($"No saved evaluation {key}.");
        }

        var json = Summary(saved.Summary);
        json["integrity"] = new JObject { ["status"] = saved.Integrity.IsVerified ? "verified" : "tampered", ["reason"] = saved.Integrity.Reason };
        json["record"] = saved.ParseRecord() is { } record ? record : saved.RecordJson;
        return MethodsApi.Json(json);
    }

    private static async Task<IResult> Record(string key, WorkbenchStore store, CancellationToken ct) =>
        await Find(key, store, ct).ConfigureAwait(false) is { } saved
            ? Results.Text(saved.RecordJson, "application/json", System.Text.Encoding.UTF8)
            : ApiProblems.NotFound($"No saved evaluation {key}.");

    private static async Task<IResult> Replay(string key, WorkbenchStore store, ScenarioService scenarios, CancellationToken ct)
    {
        if (await Find(key, store, ct).ConfigureAwait(false) is not { } saved)
        {
            return ApiProblems.NotFound($"No saved evaluation {key}.");
        }

        return MethodsApi.Json(ScenarioService.ReplayJson(scenarios.Replay(saved)));
    }

    private static async Task<IResult> Archive(string key, WorkbenchStore store, CancellationToken ct) =>
        await (await store.GetAsync().ConfigureAwait(false)).ArchiveAsync(key, ct).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiProblems.NotFound($"No saved evaluation {key}.");

    private static async Task<IResult> Report(string key, string format, string? lang, WorkbenchStore store, ScenarioService scenarios, CancellationToken ct)
    {
        ReportFormat? kind = format switch { "html" => ReportFormat.Html, "md" => ReportFormat.Markdown, "pdf" => ReportFormat.Pdf, _ => null };
        if (kind is null || lang is not (null or "fr" or "en"))
        {
            return ApiProblems.BadRequest("The report is report.html, report.md or report.pdf, in lang fr or en.");
        }

        if (await Find(key, store, ct).ConfigureAwait(false) is not { } saved)
        {
            return ApiProblems.NotFound($"No saved evaluation {key}.");
        }

        return Download(scenarios.Report(saved, kind.Value, lang ?? "fr"));
    }

    /// <summary>A rendered file as a download (its own sandboxing policy), or a 500 naming why it could not be made.</summary>
    public static IResult Download(FileOutcome file) =>
        file.Content is { } bytes
            ? new Sandboxed(Results.File(bytes, file.ContentType, file.ContentType.StartsWith("text/html", StringComparison.Ordinal) ? null : file.FileName))
            : Results.Problem(statusCode: file.Refused ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status500InternalServerError,
                title: file.Refused ? "Cannot be made" : "The file could not be made", detail: file.Error);

    internal static async Task<SavedEvaluation?> Find(string key, WorkbenchStore store, CancellationToken ct) =>
        key.Length is > 0 and <= 64 ? await (await store.GetAsync().ConfigureAwait(false)).GetAsync(key, ct).ConfigureAwait(false) : null;

    public static JObject Summary(EvaluationSummary s) => new()
    {
        ["key"] = s.Key,
        ["project"] = s.Project,
        ["name"] = s.Name,
        ["author"] = s.Author,
        ["savedAt"] = s.SavedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["method"] = s.MethodReference,
        ["methodSha256"] = s.MethodSha256,
        ["recordSha256"] = s.RecordSha256,
        ["archivedAt"] = s.ArchivedAt is { } a ? a.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) : null,
        ["href"] = "/api/evaluations/" + s.Key,
    };

    /// <summary>A result with a Location header.</summary>
    private sealed class Created(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>A rendered report, served under a policy of its own: no script, nothing fetched, a sandboxed origin.</summary>
    internal sealed class Sandboxed(IResult inner) : IResult
    {
        public const string Policy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'";

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = Policy;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
