using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Web.Catalog;
using RseRules.Web.Evaluation;

namespace RseRules.Web.Api;

/// <summary><c>/api/methods</c>: the catalogue and evaluation of a document.</summary>
internal static class MethodsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/methods").WithTags("Methods").DisableAntiforgery();
        group.MapGet("/", List).WithSummary("Every method version of the methods folder.");
        group.MapPost("/{id}/{version}/evaluate", Evaluate).WithSummary("Evaluate an input document: 200 with the evaluation record, or 422 with located errors.")
            .Accepts<object>("application/json").Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult List(MethodCatalog catalog) =>
        Json(new JArray(catalog.Entries.Select(e => new JObject
        {
            ["id"] = e.Id,
            ["version"] = e.Version,
            ["reference"] = e.Reference,
            ["title"] = e.Method is null ? JValue.CreateNull() : new JObject { ["fr"] = e.Method.Title.Fr, ["en"] = e.Method.Title.En },
            ["description"] = e.Method?.Description is { } d ? new JObject { ["fr"] = d.Fr, ["en"] = d.En } : JValue.CreateNull(),
            ["sha256"] = Text(e.Method?.Sha256),
            ["published"] = e.Published,
            ["extends"] = Text(e.Method?.Extends),
            ["valid"] = e.Method is not null,
        })));

    private static async Task<IResult> Evaluate(string id, string version, HttpRequest request, MethodCatalog catalog, CancellationToken ct)
    {
        var entry = catalog.Find(id, version);
        if (entry is null)
        {
            return ApiProblems.NotFound($"No method {id}@{version} in the methods folder.");
        }

        var compiled = catalog.Compile(entry);
        if (compiled.Method is null)
        {
            return ApiProblems.MethodBroken(entry.Reference, compiled.Diagnostics);
        }

        var (text, problem) = await RequestBody.ReadJsonAsync(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = EvaluationService.EvaluateWithoutRecord(compiled.Method, text!, "request.json", RequestLanguage.Of(request));
        return outcome.Result is { } result
            ? new RecordTextResult(EvaluationRecord.WriteText(result))
            : ApiProblems.Unprocessable($"The input document was refused by {entry.Reference}", outcome.Errors);
    }

    private static JValue Text(string? text) => text is null ? JValue.CreateNull() : new JValue(text);

    /// <summary>A JSON body written canonically (the bytes a record's hash is computed over).</summary>
    public static IResult Json(JToken token) => Results.Text(CanonicalJson.Write(token), "application/json", System.Text.Encoding.UTF8);
}
