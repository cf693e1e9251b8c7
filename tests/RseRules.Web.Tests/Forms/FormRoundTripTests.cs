using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Web.Forms;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Forms;

/// <summary>
/// The form shows a document and gives it back unchanged: the page the server renders for a document, submitted as a
/// browser would (its successful controls), reads back as the same document (canonical JSON). Every shipped example
/// of every method of the test folder, in both languages.
/// </summary>
public sealed class FormRoundTripTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    public static TheoryData<string, string, string> Documents() => new()
    {
        { "rse-value", "example", "fr" }, { "rse-value", "example", "en" },
        { "rse-value", "example-uncertain", "fr" }, { "rse-value", "example-uncertain", "en" },
        { "loan-vs-lease", "delivery-van", "fr" }, { "loan-vs-lease", "company-car", "en" },
        { "all-types-test", "inputs", "fr" }, { "all-types-test", "inputs", "en" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Render_ThenSubmit_GivesBackTheSameDocument(string id, string example, string language)
    {
        var client = fixture.Factory.CreateClient();
        var html = await client.GetStringAsync($"/methods/{id}/1.0.0/evaluate?example={example}&lang={language}");
        var form = HtmlForms.Parse(html).QuerySelector("form#evaluation").ShouldNotBeNull();

        var method = MethodLoader.Load(Path.Combine(TestMethods.Dir, id, "1.0.0", "method.json")).Value!;
        var (document, problems) = FormReader.Read(method, HtmlForms.Data(HtmlForms.Fields(form)), language);

        problems.ShouldBeEmpty();
        var expected = JObject.Parse(File.ReadAllText(TestMethods.Example(id, example)));
        // Canonical JSON (members in code-point order, as hashes are computed): a map's members come back in the order
        // of its keys' collection, which JSON does not give a meaning to.
        CanonicalJson.Write(document).ShouldBe(CanonicalJson.Write(expected));
    }
}
