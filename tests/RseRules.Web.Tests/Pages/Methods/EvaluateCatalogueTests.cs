using Newtonsoft.Json.Linq;
using RseRules.Core.Loading;
using RseRules.Web.Forms;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Pages.Methods;

/// <summary>
/// The evaluate page started from a method's catalogue (<c>?catalogue=true</c>, the button "Partir du catalogue"): the
/// norm 1.2.0's stakes, usages and risks in the page's language; offered only by methods that declare a catalogue.
/// </summary>
public sealed class EvaluateCatalogueTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    [Theory]
    [InlineData("fr", "Partir du catalogue", "Transversalité et décloisonnement", "Fracture sociale (non-connectés)")]
    [InlineData("en", "Start from the catalogue", "Cross-silo collaboration", "Social divide (unconnected staff)")]
    public async Task Get_FromCatalogue_FormHoldsTheNormsCatalogueInTheLanguage(string lang, string button, string stake6, string risk5)
    {
        var client = fixture.Factory.CreateClient();
        var start = HtmlForms.Parse(await client.GetStringAsync($"/methods/rse-value/1.2.0/evaluate?lang={lang}"));
        start.QuerySelectorAll("a.button").Select(a => a.TextContent.Trim()).ShouldContain(button);

        var html = await client.GetStringAsync($"/methods/rse-value/1.2.0/evaluate?catalogue=true&lang={lang}");

        var page = HtmlForms.Parse(html);
        page.QuerySelector("p.notice").ShouldNotBeNull().TextContent.ShouldContain(lang == "fr" ? "catalogue de la méthode" : "method's catalogue");
        var method = MethodLoader.Load(Path.Combine(TestMethods.Dir, "rse-value", "1.2.0", "method.json")).Value!;
        var (document, problems) = FormReader.Read(method, HtmlForms.Data(HtmlForms.Fields(page.QuerySelector("form#evaluation").ShouldNotBeNull())), lang);
        problems.ShouldBeEmpty();
        ((JArray)document["stakes"]!).Count.ShouldBe(6);
        ((JArray)document["usages"]!).Count.ShouldBe(10);
        ((JArray)document["risks"]!).Count.ShouldBe(6);
        ((string)document["stakes"]![5]!["label"]!).ShouldBe(stake6);
        ((string)document["risks"]![4]!["label"]!).ShouldBe(risk5);
        // The live panel evaluated it: the decision is shown (no usage is retained yet: NO GO).
        page.QuerySelector("[data-result='NO_GO'], .verdict").ShouldNotBeNull();
    }

    [Fact]
    public async Task Get_MethodWithoutCatalogue_OffersNoCatalogueButton()
    {
        var client = fixture.Factory.CreateClient();

        var page = HtmlForms.Parse(await client.GetStringAsync("/methods/rse-value/1.1.0/evaluate?lang=fr"));

        page.QuerySelectorAll("a.button").Select(a => a.TextContent.Trim()).ShouldNotContain("Partir du catalogue");
        page.QuerySelectorAll("a.button").Select(a => a.TextContent.Trim()).ShouldContain("Exemple «\u00A0example\u00A0»");
    }
}
