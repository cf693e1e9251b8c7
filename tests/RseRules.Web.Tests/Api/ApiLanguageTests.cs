using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Api;

/// <summary>The language of the API's input diagnostics: <c>?lang</c>, else <c>Accept-Language</c>, else English.</summary>
public sealed class ApiLanguageTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    /// <summary>The example of rse-value 1.0.0 with 'knowledgeWorkers' misspelt and the discount rate as a percentage.</summary>
    private static async Task<string> MistypedAsync()
    {
        var document = JObject.Parse(await File.ReadAllTextAsync(TestMethods.Example("rse-value", "example")));
        var workers = document.Property("knowledgeWorkers")!;
        workers.Replace(new JProperty("knowlegeWorkers", workers.Value));
        document["discountRate"] = 8;
        return CanonicalJson.WriteIndented(document);
    }

    private async Task<Dictionary<string, string>> ErrorsAsync(string query, string? acceptLanguage)
    {
        var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/methods/rse-value/1.0.0/evaluate" + query)
        {
            Content = new StringContent(await MistypedAsync(), Encoding.UTF8, "application/json"),
        };
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!;
        return errors.ToDictionary(e => e["pointer"]!.Value<string>()!, e => e["message"]!.Value<string>()!);
    }

    [Theory]
    [InlineData("?lang=fr", null)]
    [InlineData("", "fr-FR,fr;q=0.9,en;q=0.8")]
    [InlineData("", "de;q=1, en;q=0.5, fr;q=0.7")]
    public async Task PostEvaluate_FrenchAsked_FrenchMessagesOneErrorPerTypo(string query, string? acceptLanguage)
    {
        var errors = await ErrorsAsync(query, acceptLanguage);

        errors.Keys.ShouldBe(["/discountRate", "/knowlegeWorkers"], ignoreOrder: true);
        errors["/knowlegeWorkers"].ShouldBe("La propriété «\u00A0knowlegeWorkers\u00A0» n'est pas admise ici\u00A0; vouliez-vous dire «\u00A0knowledgeWorkers\u00A0»\u00A0?");
        errors["/discountRate"].ShouldBe("8 est au-dessus du maximum 1\u00A0; un taux s'écrit en fraction\u00A0: 0.08 pour 8\u00A0%.");
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("?lang=en", "fr")]
    [InlineData("", "en-GB, fr;q=0.5")]
    public async Task PostEvaluate_EnglishOrNothingAsked_EnglishMessages(string query, string? acceptLanguage)
    {
        var errors = await ErrorsAsync(query, acceptLanguage);

        errors["/knowlegeWorkers"].ShouldBe("Property 'knowlegeWorkers' is not allowed here; did you mean 'knowledgeWorkers'?");
        errors["/discountRate"].ShouldBe("8 is above the maximum 1; a rate is written as a fraction: 0.08 for 8 %.");
    }
}
