using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Api;

/// <summary>The JSON API through the real pipeline (WebApplicationFactory): the contract integrations rely on.</summary>
public sealed class MethodsApiTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task GetMethods_TheFolder_ListsEveryVersionWithTitleAndPublication()
    {
        var client = fixture.Factory.CreateClient();
        var response = await client.GetAsync("/api/methods");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var methods = JArray.Parse(await response.Content.ReadAsStringAsync());
        methods.Select(m => m["reference"]!.Value<string>()).ShouldBe(["all-types-test@1.0.0", "loan-vs-lease@1.0.0", "rse-value@1.0.0", "rse-value@1.1.0", "rse-value@1.2.0", "valmont-rse@1.0.0"]);
        var norm = methods.Single(m => m["reference"]!.Value<string>() == "rse-value@1.0.0");
        norm["title"]!["fr"]!.Value<string>().ShouldStartWith("Valeur et ROI");
        norm["published"]!.Value<bool>().ShouldBeTrue(); // methods/manifest.json
        methods.Single(m => m["id"]!.Value<string>() == "loan-vs-lease")["published"]!.Value<bool>().ShouldBeFalse();
        methods.Single(m => m["id"]!.Value<string>() == "valmont-rse")["extends"]!.Value<string>().ShouldBe("rse-value@1.0.0");
    }

    [Fact]
    public async Task PostEvaluate_TheExample_IsTheRecordTheEngineBuilds()
    {
        var client = fixture.Factory.CreateClient();
        var path = TestMethods.Example("rse-value", "example");

        var response = await client.PostAsync("/api/methods/rse-value/1.0.0/evaluate", Json(await File.ReadAllTextAsync(path)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var record = JObject.Parse(await response.Content.ReadAsStringAsync());
        // The same record as `rse evaluate --format json` builds on its own (engine called directly here).
        using var compiled = Engine.LoadAndCompile(Path.Combine(TestMethods.Dir, "rse-value", "1.0.0")).Method!;
        var (result, _) = Engine.Evaluate(compiled, path);
        var expected = EvaluationRecord.Build(result!);
        record[EvaluationRecord.HashProperty]!.Value<string>().ShouldBe(expected[EvaluationRecord.HashProperty]!.Value<string>());
        // tests/example.json (exact rationals): npvAdjusted 98,885.73.
        record["results"]!["npvAdjusted"]!.Value<double>().ShouldBe(98885.73, 0.01);
        EvaluationRecord.Hash(record).ShouldBe(record[EvaluationRecord.HashProperty]!.Value<string>()); // the body is the record, intact
    }

    [Fact]
    public async Task PostEvaluate_InvalidDocument_Is422WithLocatedErrors()
    {
        var client = fixture.Factory.CreateClient();
        var document = JObject.Parse(await File.ReadAllTextAsync(TestMethods.Example("rse-value", "example")));
        document["discountRate"] = "eight";
        ((JArray)document["risks"]!)[0]["probability"] = 9;
        var text = CanonicalJson.WriteIndented(document);

        var response = await client.PostAsync("/api/methods/rse-value/1.0.0/evaluate", Json(text));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());
        var errors = (JArray)problem["errors"]!;
        var rate = errors.Single(e => e["pointer"]!.Value<string>() == "/discountRate");
        rate["code"]!.Value<string>().ShouldBe("RSE5001");
        var line = text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("\"discountRate\"", StringComparison.Ordinal)).i + 1;
        rate["line"]!.Value<int>().ShouldBe(line);
        rate["column"]!.Value<int>().ShouldBeGreaterThan(0);
        errors.ShouldContain(e => e["pointer"]!.Value<string>() == "/risks/0/probability");
    }

    [Theory]
    [InlineData("{ \"horizonYears\": ")]
    [InlineData("[1, 2")]
    [InlineData("")]
    [InlineData("{\"a\":1} trailing")]
    public async Task PostEvaluate_MalformedJson_Is422WithLineAndColumn(string body)
    {
        var client = fixture.Factory.CreateClient();

        var response = await client.PostAsync("/api/methods/rse-value/1.0.0/evaluate", Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var error = ((JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!).First();
        error["code"]!.Value<string>().ShouldStartWith("RSE");
        error["line"]!.Value<int>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task PostEvaluate_NotJsonOrTooLargeOrUnknown_ClearStatusNever500()
    {
        var client = fixture.Factory.CreateClient();

        (await client.PostAsync("/api/methods/rse-value/1.0.0/evaluate", new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await client.PostAsync("/api/methods/rse-value/9.9.9/evaluate", Json("{}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsync("/api/methods/..%2F..%2Fetc/1.0.0/evaluate", Json("{}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var big = new ByteArrayContent(new byte[(16 * 1024 * 1024) + 10]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync("/api/methods/rse-value/1.0.0/evaluate", big);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        var latin1 = new ByteArrayContent([0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        (await client.PostAsync("/api/methods/rse-value/1.0.0/evaluate", latin1)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetOpenApi_Document_DescribesTheEndpoints()
    {
        var client = fixture.Factory.CreateClient();
        var document = JObject.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = ((JObject)document["paths"]!).Properties().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/methods");
        paths.ShouldContain("/api/methods/{id}/{version}/evaluate");
    }
}
