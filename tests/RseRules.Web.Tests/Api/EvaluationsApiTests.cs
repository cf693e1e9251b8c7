using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Api;

/// <summary>
/// /api/evaluations and /api/compare through the real pipeline and a real SQLite store: save (201, Location, the stored
/// record), conflicts, located errors, lists, archive, replay (identical, then differs once the row is tampered with),
/// reports and comparisons; nothing stored on failure; a restarted server finds what was saved.
/// </summary>
public sealed class EvaluationsApiTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static JObject Example(string id = "rse-value", string name = "example") => JObject.Parse(File.ReadAllText(TestMethods.Example(id, name)));

    private static string Body(string project, string name, JObject inputs, string method = "rse-value@1.0.0", string? author = "Élodie Marchand")
    {
        var body = new JObject { ["method"] = method, ["project"] = project, ["name"] = name, ["inputs"] = inputs };
        if (author is not null)
        {
            body["author"] = author;
        }

        return body.ToString();
    }

    private static string NewProject() => "Projet " + Guid.NewGuid().ToString("N")[..8];

    private static async Task<string> SaveAsync(HttpClient client, string project, string name, JObject? inputs = null, string method = "rse-value@1.0.0")
    {
        var response = await client.PostAsync("/api/evaluations", Json(Body(project, name, inputs ?? Example(), method)));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString.Split('/').Last();
    }

    private static async Task<JArray> ListAsync(HttpClient client, string project, string archived = "false") =>
        JArray.Parse(await client.GetStringAsync($"/api/evaluations?project={Uri.EscapeDataString(project)}&archived={archived}"));

    [Fact]
    public async Task PostEvaluations_TheExample_Is201WithLocationAndTheStoredRecord()
    {
        var client = fixture.Factory.CreateClient();
        var project = NewProject();

        var response = await client.PostAsync("/api/evaluations", Json(Body(project, "Référence", Example())));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldMatch("^/api/evaluations/[a-z2-7]{16}$");
        var record = JObject.Parse(await response.Content.ReadAsStringAsync());
        EvaluationRecord.Hash(record).ShouldBe(record[EvaluationRecord.HashProperty]!.Value<string>());
        // tests/reference (exact rationals, independent of the engine): NPV′ 98,885.73, GO WITH CONDITIONS.
        record["results"]!["npvAdjusted"]!.Value<double>().ShouldBe(98885.73, 0.005);
        record["results"]!["decision"]!.Value<string>().ShouldBe("GO_WITH_CONDITIONS");

        var saved = JObject.Parse(await client.GetStringAsync(location));
        saved["project"]!.Value<string>().ShouldBe(project);
        saved["name"]!.Value<string>().ShouldBe("Référence");
        saved["author"]!.Value<string>().ShouldBe("Élodie Marchand");
        saved["method"]!.Value<string>().ShouldBe("rse-value@1.0.0");
        saved["integrity"]!["status"]!.Value<string>().ShouldBe("verified");
        saved["recordSha256"]!.Value<string>().ShouldBe(record[EvaluationRecord.HashProperty]!.Value<string>());
        // The record endpoint gives the stored bytes: canonical JSON, the text its hash is computed over.
        var stored = await client.GetStringAsync(location + "/record");
        stored.ShouldBe(CanonicalJson.Write(record));
    }

    [Fact]
    public async Task PostEvaluations_WithoutAuthor_SavesTheDocumentedApiAuthor()
    {
        var client = fixture.Factory.CreateClient();
        var project = NewProject();

        var response = await client.PostAsync("/api/evaluations", Json(Body(project, "Sans auteur", Example(), author: null)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ListAsync(client, project)).Single()["author"]!.Value<string>().ShouldBe("(api)");
    }

    [Fact]
    public async Task PostEvaluations_NameTakenInTheProject_Is409AndNothingMoreIsSaved()
    {
        var client = fixture.Factory.CreateClient();
        var project = NewProject();
        var first = await SaveAsync(client, project, "Base");

        var response = await client.PostAsync("/api/evaluations", Json(Body(project, "Base", Example())));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JObject.Parse(await response.Content.ReadAsStringAsync())["existing"]!.Value<string>().ShouldBe("/api/evaluations/" + first);
        (await ListAsync(client, project)).Count.ShouldBe(1);
        // Another project may use the name.
        await SaveAsync(client, NewProject(), "Base");
    }

    [Fact]
    public async Task PostEvaluations_InvalidInputs_Is422PointingIntoTheRequestAndSavesNothing()
    {
        var client = fixture.Factory.CreateClient();
        var project = NewProject();
        var inputs = Example();
        inputs["discountRate"] = "huit pour cent";
        var body = JObject.Parse(Body(project, "Faux", inputs)).ToString(Newtonsoft.Json.Formatting.Indented);

        var response = await client.PostAsync("/api/evaluations", Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var error = ((JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!).Single(e => e["pointer"]!.Value<string>() == "/inputs/discountRate");
        error["code"]!.Value<string>().ShouldBe("RSE5001");
        // The line of the request the client sent (found here by reading its text).
        var line = body.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("\"huit pour cent\"", StringComparison.Ordinal)).i + 1;
        error["line"]!.Value<int>().ShouldBe(line);
        (await ListAsync(client, project, "all")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"project\":\"p\",\"name\":\"n\",\"inputs\":{}}", "")]
    [InlineData("{\"method\":\"rse-value@1.0.0\",\"project\":\"p\",\"name\":3,\"inputs\":{}}", "/name")]
    [InlineData("{\"method\":\"rse-value@1.0.0\",\"project\":\"p\",\"name\":\"n\",\"inputs\":[]}", "/inputs")]
    [InlineData("{\"method\":\"rse-value@1.0.0\",\"project\":\"p\",\"name\":\"n\",\"inputs\":{},\"record\":{}}", "/record")]
    [InlineData("{\"method\":\"nothing@9.9.9\",\"project\":\"p\",\"name\":\"n\",\"inputs\":{}}", "/method")]
    [InlineData("{\"method\":\"rse-value@1.0.0\",\"project\":\"\",\"name\":\"n\",\"inputs\":{}}", null)]
    [InlineData("[1, 2]", "")]
    [InlineData("{\"method\": ", null)]
    public async Task PostEvaluations_NotAnEvaluationToSave_Is422WithAPointer(string body, string? pointer)
    {
        var client = fixture.Factory.CreateClient();

        var response = await client.PostAsync("/api/evaluations", Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var errors = (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!;
        errors.ShouldNotBeEmpty();
        if (pointer is not null)
        {
            errors.ShouldContain(e => e["pointer"]!.Value<string>() == pointer);
        }

        (await ListAsync(client, "p", "all")).ShouldBeEmpty();
    }

    [Fact]
    public async Task PostEvaluations_EmptyProjectOnceValid_Is422NamingTheProject()
    {
        var client = fixture.Factory.CreateClient();

        var response = await client.PostAsync("/api/evaluations", Json(Body("   ", "n", Example())));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!).Single()["pointer"]!.Value<string>().ShouldBe("/project");
    }

    [Fact]
    public async Task GetEvaluations_AProject_ListsByNameAndArchiveHidesOne()
    {
        var client = fixture.Factory.CreateClient();
        var project = NewProject();
        var b = await SaveAsync(client, project, "Bêta");
        var a = await SaveAsync(client, project, "Alpha");
        var z = await SaveAsync(client, project, "Zoé");

        (await ListAsync(client, project)).Select(e => e["key"]!.Value<string>()).ShouldBe([a, b, z]); // by name, code point order

        (await client.PostAsync($"/api/evaluations/{b}/archive", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await ListAsync(client, project)).Select(e => e["key"]!.Value<string>()).ShouldBe([a, z]);
        var archived = (await ListAsync(client, project, "true")).Single();
        archived["key"]!.Value<string>().ShouldBe(b);
        archived["archivedAt"]!.Type.ShouldNotBe(JTokenType.Null);
        (await ListAsync(client, project, "all")).Count.ShouldBe(3);
        // The name is free again; the archived one is still readable.
        await SaveAsync(client, project, "Bêta");
        (await client.GetAsync($"/api/evaluations/{b}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/api/evaluations/nosuchkey/archive", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/evaluations?project={Uri.EscapeDataString(project)}&archived=maybe")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostReplay_ASavedEvaluation_IsIdenticalThenDiffersOnceTheRowIsChanged()
    {
        var client = fixture.Factory.CreateClient();
        var key = await SaveAsync(client, NewProject(), "Rejeu");

        var replay = JObject.Parse(await (await client.PostAsync($"/api/evaluations/{key}/replay", null)).Content.ReadAsStringAsync());
        replay["status"]!.Value<string>().ShouldBe("identical");
        ((JArray)replay["differences"]!).ShouldBeEmpty();

        // Someone edits the database: NPV′ becomes 1,000,000 in the stored record.
        await using (var db = new SqliteConnection($"Data Source={fixture.Factory.Store};Pooling=false"))
        {
            await db.OpenAsync();
            await using var update = db.CreateCommand();
            update.CommandText = "UPDATE evaluations SET record = replace(record, '\"npvAdjusted\":98885.73', '\"npvAdjusted\":1000000') WHERE key = $key";
            update.Parameters.AddWithValue("$key", key);
            (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var saved = JObject.Parse(await client.GetStringAsync($"/api/evaluations/{key}"));
        saved["integrity"]!["status"]!.Value<string>().ShouldBe("tampered");
        replay = JObject.Parse(await (await client.PostAsync($"/api/evaluations/{key}/replay", null)).Content.ReadAsStringAsync());
        replay["status"]!.Value<string>().ShouldBe("differs");
        var differences = ((JArray)replay["differences"]!).Select(d => d["what"]!.Value<string>()).ToList();
        differences.ShouldContain("record hash");
        differences.ShouldContain(d => d!.Contains("npvAdjusted", StringComparison.Ordinal));
        (await client.PostAsync("/api/evaluations/nosuchkey/replay", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("html", "text/html", "fr", "GO sous conditions")]
    [InlineData("html", "text/html", "en", "GO with conditions")]
    [InlineData("md", "text/markdown", "fr", "GO sous conditions")]
    public async Task GetReport_ASavedEvaluation_IsTheReportInItsLanguageUnderASandbox(string format, string type, string language, string decision)
    {
        var client = fixture.Factory.CreateClient();
        var key = await SaveAsync(client, NewProject(), "Rapport");

        var response = await client.GetAsync($"/api/evaluations/{key}/report.{format}?lang={language}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox;");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain(decision);
        text.ShouldContain("Groupe Valmont Industries");
        (await client.GetAsync($"/api/evaluations/{key}/report.docx")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/api/evaluations/{key}/report.html?lang=de")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetReport_Pdf_IsAPdfFile()
    {
        var client = fixture.Factory.CreateClient();
        var key = await SaveAsync(client, NewProject(), "PDF");

        var response = await client.GetAsync($"/api/evaluations/{key}/report.pdf?lang=fr");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldNotBeNull().ShouldEndWith(".pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
    }

    [Fact]
    public async Task GetCompare_TwoScenarios_IsTheComparisonOfBoth()
    {
        var client = fixture.Factory.CreateClient();
        var project = NewProject();
        var prudent = Example();
        prudent["hourlyCost"] = 30;
        var a = await SaveAsync(client, project, "Référence");
        var b = await SaveAsync(client, project, "Coût horaire prudent", prudent);

        var response = await client.GetAsync($"/api/compare?keys={a}&keys={b}&format=html&lang=fr");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Référence");
        html.ShouldContain("Coût horaire prudent");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox;");
    }

    [Fact]
    public async Task GetCompare_BadSelections_AreClientErrors()
    {
        var client = fixture.Factory.CreateClient();
        var project = NewProject();
        var norm = await SaveAsync(client, project, "Norme");
        var loan = await SaveAsync(client, project, "Prêt", Example("loan-vs-lease", "delivery-van"), "loan-vs-lease@1.0.0");

        (await client.GetAsync($"/api/compare?keys={norm}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/api/compare?keys={norm}&keys=nosuchkey")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var mixed = await client.GetAsync($"/api/compare?keys={norm}&keys={loan}");
        mixed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await mixed.Content.ReadAsStringAsync()).ShouldContain("loan-vs-lease@1.0.0");
        (await client.GetAsync($"/api/compare?keys={norm}&keys={norm}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Restart_SameStore_FindsWhatWasSaved()
    {
        var store = Path.Combine(Path.GetTempPath(), "rse-web-restart-" + Guid.NewGuid().ToString("N") + ".db");
        string key;
        using (var first = new WorkbenchFactory(new() { ["Workbench:Store"] = store }))
        {
            key = await SaveAsync(first.CreateClient(), "Redémarrage", "Avant");
        }

        using var second = new WorkbenchFactory(new() { ["Workbench:Store"] = store });
        var saved = JObject.Parse(await second.CreateClient().GetStringAsync($"/api/evaluations/{key}"));
        saved["name"]!.Value<string>().ShouldBe("Avant");
        saved["integrity"]!["status"]!.Value<string>().ShouldBe("verified");
    }

    [Fact]
    public async Task GetOpenApi_Document_DescribesTheEvaluationEndpoints()
    {
        var document = JObject.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var paths = ((JObject)document["paths"]!).Properties().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/evaluations");
        paths.ShouldContain("/api/evaluations/{key}");
        paths.ShouldContain("/api/evaluations/{key}/replay");
        paths.ShouldContain("/api/compare");
    }
}
