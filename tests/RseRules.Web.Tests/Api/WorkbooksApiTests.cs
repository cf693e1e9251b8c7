using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Api;

/// <summary>Excel in and out through the API: the template, a filled workbook read back (or refused naming its cell), a
/// saved evaluation as a workbook.</summary>
public sealed class WorkbooksApiTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static ByteArrayContent Workbook(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return content;
    }

    [Theory]
    [InlineData("rse-value", "example", "fr")]
    [InlineData("rse-value", "example", "en")]
    [InlineData("loan-vs-lease", "delivery-van", "fr")]
    public async Task PostInputsXlsx_TheTemplatePrefilledWithAnExample_ReadsBackAsTheExample(string id, string example, string language)
    {
        var client = fixture.Factory.CreateClient();

        var template = await client.GetAsync($"/api/methods/{id}/1.0.0/inputs.xlsx?lang={language}&example={example}");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        template.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        var bytes = await template.Content.ReadAsByteArrayAsync();

        var response = await client.PostAsync($"/api/methods/{id}/1.0.0/inputs.xlsx", Workbook(bytes));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var document = JObject.Parse(await response.Content.ReadAsStringAsync());
        CanonicalJson.Write(document).ShouldBe(CanonicalJson.Write(JObject.Parse(await File.ReadAllTextAsync(TestMethods.Example(id, example)))));
    }

    [Fact]
    public async Task PostInputsXlsx_AWordWhereANumberGoes_Is422NamingSheetAndCell()
    {
        var client = fixture.Factory.CreateClient();
        var bytes = await client.GetByteArrayAsync("/api/methods/rse-value/1.0.0/inputs.xlsx?lang=fr&example=example");
        string sheetName;
        using (var stream = new MemoryStream())
        {
            stream.Write(bytes);
            using (var package = SpreadsheetDocument.Open(stream, isEditable: true))
            {
                // The example's knowledge workers, 1200: the only cell holding that number.
                var part = package.WorkbookPart!;
                var (sheet, cell) = part.Workbook.Descendants<Sheet>()
                    .SelectMany(s => ((WorksheetPart)part.GetPartById(s.Id!)).Worksheet.Descendants<Cell>().Select(c => (s, c)))
                    .Single(x => x.c.CellValue?.Text == "1200" && x.c.DataType is null);
                sheetName = sheet.Name!;
                cell.DataType = CellValues.InlineString;
                cell.CellValue = null;
                cell.InlineString = new InlineString(new Text("beaucoup"));
            }

            bytes = stream.ToArray();
        }

        var response = await client.PostAsync("/api/methods/rse-value/1.0.0/inputs.xlsx", Workbook(bytes));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var error = ((JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!).Single();
        error["message"]!.Value<string>()!.ShouldStartWith(sheetName + "!");
        error["message"]!.Value<string>()!.ShouldContain("beaucoup");
        error["pointer"]!.Value<string>().ShouldBe("/knowledgeWorkers");
    }

    [Fact]
    public async Task PostInputsXlsx_NotAWorkbook_ClearErrorsNever500()
    {
        var client = fixture.Factory.CreateClient();

        var garbage = await client.PostAsync("/api/methods/rse-value/1.0.0/inputs.xlsx", Workbook(Encoding.ASCII.GetBytes("PK not really a zip")));
        garbage.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((JArray)JObject.Parse(await garbage.Content.ReadAsStringAsync())["errors"]!).ShouldNotBeEmpty();

        (await client.PostAsync("/api/methods/rse-value/1.0.0/inputs.xlsx", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await client.GetAsync("/api/methods/rse-value/9.9.9/inputs.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/methods/rse-value/1.0.0/inputs.xlsx?example=nothing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/methods/rse-value/1.0.0/inputs.xlsx?lang=de")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetRecordXlsx_ASavedEvaluation_IsAWorkbookWithItsHash()
    {
        var client = fixture.Factory.CreateClient();
        var body = new JObject { ["method"] = "rse-value@1.0.0", ["project"] = "Classeurs " + Guid.NewGuid().ToString("N")[..6], ["name"] = "Export", ["inputs"] = JObject.Parse(await File.ReadAllTextAsync(TestMethods.Example("rse-value", "example"))) };
        var saved = await client.PostAsync("/api/evaluations", new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
        var record = JObject.Parse(await saved.Content.ReadAsStringAsync());

        var response = await client.GetAsync(saved.Headers.Location!.OriginalString + "/record.xlsx?lang=fr");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var package = SpreadsheetDocument.Open(stream, isEditable: false);
        var strings = package.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Descendants<Text>().Select(t => t.Text).ToHashSet() ?? [];
        var inline = package.WorkbookPart.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<Cell>()).Select(c => c.InnerText).ToHashSet();
        (strings.Contains(record["recordSha256"]!.Value<string>()!) || inline.Contains(record["recordSha256"]!.Value<string>()!)).ShouldBeTrue();
    }
}
