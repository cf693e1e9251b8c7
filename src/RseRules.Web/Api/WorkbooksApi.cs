using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Spreadsheets;
using RseRules.Web.Catalog;
using RseRules.Web.Scenarios;

namespace RseRules.Web.Api;

/// <summary>
/// Excel in and out: a method's input template (<c>GET …/inputs.xlsx</c>, optionally prefilled with an example), a filled
/// workbook read back to its input document (<c>POST …/inputs.xlsx</c>: 200 the document, or 422 with errors naming sheet
/// and cell), and a saved evaluation as a workbook (<c>GET /api/evaluations/{key}/record.xlsx</c>).
/// </summary>
internal static class WorkbooksApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Workbooks").DisableAntiforgery();
        group.MapGet("/methods/{id}/{version}/inputs.xlsx", Template)
            .WithSummary("The method's input template as an Excel workbook (?lang=fr|en; ?example=name prefills it with a shipped example).")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType);
        group.MapPost("/methods/{id}/{version}/inputs.xlsx", Import)
            .WithSummary("A filled template (the .xlsx bytes as the body, or a multipart form with one file) read back: 200 the input document, 422 with errors naming sheet and cell.")
            .Accepts<byte[]>(XlsxType).Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/evaluations/{key}/record.xlsx", Record)
            .WithSummary("A saved evaluation as a workbook: results, findings, hashes, and its inputs in the template's layout (?lang=fr|en).")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType);
    }

    private static IResult Template(string id, string version, string? lang, string? example, MethodCatalog catalog)
    {
        if (catalog.Find(id, version) is not { Method: { } method } entry)
        {
            return ApiProblems.NotFound($"No method {id}@{version} in the methods folder.");
        }

        if (lang is not (null or "fr" or "en"))
        {
            return ApiProblems.BadRequest("lang is fr or en.");
        }

        JObject? prefill = null;
        if (example is not null)
        {
            var path = entry.Examples.FirstOrDefault(e => Path.GetFileNameWithoutExtension(e) == example);
            if (path is null)
            {
                return ApiProblems.NotFound($"{entry.Reference} has no example '{example}'.");
            }

            prefill = JObject.Parse(File.ReadAllText(path));
        }

        return Write(method, prefill, lang ?? "fr", $"{entry.Id}-{entry.Version}-{example ?? "inputs"}.xlsx");
    }

    /// <summary>The template, prefilled with <paramref name="prefill"/> when given, as a download; a 422 when too large.</summary>
    public static IResult Write(MethodDefinition method, JObject? prefill, string language, string fileName)
    {
        using var buffer = new MemoryStream();
        var diagnostics = InputWorkbook.WriteTemplate(method, prefill, language, buffer);
        return diagnostics.Any(d => d.Severity == Core.Diagnostics.Severity.Error)
            ? ApiProblems.Unprocessable("The workbook cannot be made", diagnostics)
            : Results.File(buffer.ToArray(), XlsxType, fileName);
    }

    private static async Task<IResult> Import(string id, string version, HttpRequest request, MethodCatalog catalog, CancellationToken ct)
    {
        if (catalog.Find(id, version) is not { Method: { } method })
        {
            return ApiProblems.NotFound($"No method {id}@{version} in the methods folder.");
        }

        var (bytes, name, problem) = await ReadWorkbookAsync(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var read = Read(method, bytes!, name);
        return read.Document is { } document && read.Success
            ? MethodsApi.Json(document)
            : ApiProblems.Unprocessable("The workbook was refused", read.Diagnostics);
    }

    /// <summary>Reads a workbook with the CLI's limits: the input document, or diagnostics naming sheet and cell.</summary>
    public static WorkbookReadResult Read(MethodDefinition method, byte[] bytes, string displayName)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return InputWorkbook.Read(method, stream, displayName);
    }

    private static async Task<(byte[]? Bytes, string Name, IResult? Problem)> ReadWorkbookAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
            if (form.Files.Count != 1)
            {
                return (null, string.Empty, ApiProblems.BadRequest("Send one workbook (one file in the form)."));
            }

            var file = form.Files[0];
            if (file.Length > JsonSource.MaxFileBytes)
            {
                return (null, string.Empty, RequestBody.TooLarge("workbook"));
            }

            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, ct).ConfigureAwait(false);
            return (copy.ToArray(), Path.GetFileName(file.FileName), null);
        }

        var type = request.ContentType ?? string.Empty;
        if (!type.StartsWith(XlsxType, StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return (null, string.Empty, ApiProblems.UnsupportedMediaType(XlsxType));
        }

        var (bytes, problem) = await RequestBody.ReadBytesAsync(request, "workbook", ct).ConfigureAwait(false);
        return (bytes, "upload.xlsx", problem);
    }

    private static async Task<IResult> Record(string key, string? lang, WorkbenchStore store, ScenarioService scenarios, CancellationToken ct)
    {
        if (lang is not (null or "fr" or "en"))
        {
            return ApiProblems.BadRequest("lang is fr or en.");
        }

        if (await EvaluationsApi.Find(key, store, ct).ConfigureAwait(false) is not { } saved)
        {
            return ApiProblems.NotFound($"No saved evaluation {key}.");
        }

        var (method, _) = scenarios.MethodOf(saved.Summary);
        if (method is null || saved.ParseRecord() is not { } record)
        {
            return ApiProblems.Unprocessable($"The method {saved.Summary.MethodReference} is not in the methods folder.", []);
        }

        using var buffer = new MemoryStream();
        var diagnostics = RecordWorkbook.Write(method, record, lang ?? "fr", buffer);
        return diagnostics.Any(d => d.Severity == Core.Diagnostics.Severity.Error)
            ? ApiProblems.Unprocessable("The workbook cannot be made", diagnostics)
            : Results.File(buffer.ToArray(), XlsxType, ScenarioService.Slug(saved.Summary.Project + "-" + saved.Summary.Name) + ".xlsx");
    }
}
