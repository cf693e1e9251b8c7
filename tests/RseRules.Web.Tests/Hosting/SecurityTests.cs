using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Hosting;

public sealed class SecurityTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    private const string Token = "a-long-enough-test-token-0123456789";

    [Fact]
    public async Task Pages_EveryResponse_CarriesAContentSecurityPolicyAndNoSniff()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task Request_ForeignHostName_IsRefusedOnLoopback()
    {
        var client = fixture.Factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/methods");
        request.Headers.Host = "attacker.example";

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        var client = fixture.Factory.CreateClient();
        var response = await client.PostAsync("/methods/rse-value/1.0.0/evaluate", new FormUrlEncodedContent([new("/horizonYears", "3")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Token_Configured_RequiredByEveryRequest()
    {
        using var factory = new WorkbenchFactory(new() { ["Workbench:Token"] = Token });
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await client.GetAsync("/api/methods")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/methods");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        (await client.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var right = new HttpRequestMessage(HttpMethod.Get, "/api/methods");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        (await client.SendAsync(right)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The address printed at start sets a cookie and redirects without the token in the URL.
        var login = await client.GetAsync("/?token=" + Token);
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().ShouldNotContain(Token);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldContain("httponly", Case.Insensitive);
        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        (await client.SendAsync(withCookie)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("0.0.0.0", null, "requires an access token")]
    [InlineData("192.168.1.10", "short", "at least 16 characters")]
    [InlineData("not-an-address", Token, "not an IP address")]
    [InlineData("127.0.0.1", null, "methods folder")]
    public void Start_UnsafeOrImpossibleOptions_RefusesToStartSayingWhy(string listen, string? token, string reason)
    {
        var settings = new Dictionary<string, string?> { ["Workbench:Listen"] = listen, ["Workbench:Token"] = token };
        if (reason == "methods folder")
        {
            settings["Workbench:MethodsDir"] = Path.Combine(Path.GetTempPath(), "no-such-methods-" + Guid.NewGuid().ToString("N"));
        }

        using var factory = new WorkbenchFactory(settings);

        var error = Should.Throw<OptionsValidationException>(() => factory.CreateClient());
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task Upload_LargerThanTheWorkbenchReads_Is413WithASentenceBeforeAnythingReadsIt()
    {
        var client = fixture.Factory.CreateClient();
        var bytes = new byte[21 * 1024 * 1024];

        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "big.json" } };
        var page = await client.PostAsync("/methods/rse-value/1.0.0/evaluate?handler=Upload&lang=fr", form);
        page.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await page.Content.ReadAsStringAsync()).ShouldContain("dépasse 16 Mio");

        var api = new ByteArrayContent(bytes);
        api.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync("/api/evaluations", api);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
