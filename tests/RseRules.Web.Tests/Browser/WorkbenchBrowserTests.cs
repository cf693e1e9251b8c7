using System.Text;
using Microsoft.Playwright;
using RseRules.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RseRules.Web.Tests.Browser;

/// <summary>
/// The workbench in a real browser, as a decision maker uses it: the norm's form filled from its example gives a
/// decision; a value changed as one types changes the decision; a wrong value is shown at its field; two scenarios are
/// saved; the server restarts; the scenarios are compared and the comparison and a report downloaded as PDF. The same
/// form is generated for an unrelated method (tests/methods/loan-vs-lease).
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class WorkbenchBrowserTests(BrowserFixture fixture)
{
    private const string Verdict = "#panel [data-result=decision]";

    private static ILocator Field(IPage page, string pointer) => page.Locator($"[name=\"{pointer}\"]");

    /// <summary>Sets a control as a user would: chooses an option of a list, or types into a box.</summary>
    private static async Task SetAsync(IPage page, string pointer, string value)
    {
        var control = Field(page, pointer);
        if (await control.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await control.SelectOptionAsync(value);
        }
        else
        {
            await control.FillAsync(value);
        }
    }

    /// <summary>Text without its spaces (French number formats use narrow no-break spaces).</summary>
    private static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F' && c != '\u00A0')]);

    [Fact]
    public async Task Workbench_FromExampleToComparedScenarios_DecisionsErrorsSaveRestartCompareAndPdf()
    {
        var page = await fixture.NewPageAsync();
        var project = "Intranet Valmont " + Guid.NewGuid().ToString("N")[..6];

        // 1. The norm's form, prefilled from its example: the decision of tests/reference (GO WITH CONDITIONS).
        await page.GotoAsync(fixture.BaseUrl + "methods/rse-value/1.0.0/evaluate?example=example&lang=fr");
        await Expect(page.Locator(Verdict)).ToHaveAttributeAsync("data-value", "GO_WITH_CONDITIONS");
        await Expect(page.Locator(Verdict)).ToHaveTextAsync("GO sous conditions");
        (await Field(page, "/organization/name").InputValueAsync()).ShouldBe("Groupe Valmont Industries");

        // 2. Risk R1 (non-adoption) to probability 4: P × I = 4 × 3 = 12, the norm's critical threshold — NO GO, live.
        var updates = int.Parse(await page.Locator("#panel").GetAttributeAsync("data-updates") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await SetAsync(page, "/risks/0/probability", "4");
        await Expect(page.Locator(Verdict)).ToHaveAttributeAsync("data-value", "NO_GO");
        int.Parse(await page.Locator("#panel").GetAttributeAsync("data-updates") ?? "0", System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(updates);

        // 3. A wrong value is shown at its field, and in the summary.
        await SetAsync(page, "/knowledgeWorkers", "beaucoup");
        await Expect(Field(page, "/knowledgeWorkers")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#error-summary")).ToContainTextAsync("/knowledgeWorkers");
        await SetAsync(page, "/knowledgeWorkers", "1200");
        await Expect(Field(page, "/knowledgeWorkers")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(Verdict)).ToHaveAttributeAsync("data-value", "NO_GO");

        // 4. Saved as a first scenario (critical risk), then the example as it is as a second.
        await SaveAsync(page, project, "Risque critique", "Élodie Marchand");
        await Expect(page.Locator("h1")).ToContainTextAsync("Risque critique");
        await Expect(page.Locator(".integrity")).ToHaveTextAsync("vérifiée à la lecture");

        await page.GotoAsync(fixture.BaseUrl + "methods/rse-value/1.0.0/evaluate?example=example&lang=fr");
        await Expect(page.Locator(Verdict)).ToHaveAttributeAsync("data-value", "GO_WITH_CONDITIONS");
        await Expect(page.Locator("[name='save.author']")).ToHaveValueAsync("Élodie Marchand"); // remembered
        await SaveAsync(page, project, "Référence", "Élodie Marchand");

        // A name already taken in the project is refused at the save form, nothing saved.
        await page.GotoAsync(fixture.BaseUrl + "methods/rse-value/1.0.0/evaluate?example=example&lang=fr");
        await SaveAsync(page, project, "Référence", "Élodie Marchand", expectSaved: false);
        await Expect(page.Locator("#save .alert.error")).ToContainTextAsync("déjà un scénario « Référence »");

        // 5. The server restarts on the same store: both scenarios are still there.
        await fixture.RestartServerAsync();
        await page.GotoAsync(fixture.BaseUrl + "evaluations?project=" + Uri.EscapeDataString(project));
        var rows = page.Locator("table.scenarios tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        // By name in code-point order: "Ri…" (i, U+0069) before "Ré…" (é, U+00E9).
        await Expect(rows.Nth(0)).ToContainTextAsync("Risque critique");
        await Expect(rows.Nth(1)).ToContainTextAsync("Référence");

        // 6. Compared: the comparison report, in its sandboxed frame, has both and both decisions.
        await rows.Nth(0).Locator("input[type=checkbox]").CheckAsync();
        await rows.Nth(1).Locator("input[type=checkbox]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Comparer la sélection" }).ClickAsync();
        await page.WaitForURLAsync("**/compare?**");
        var frame = page.FrameLocator("iframe.comparison");
        await Expect(frame.Locator("body")).ToContainTextAsync("Risque critique");
        await Expect(frame.Locator("body")).ToContainTextAsync("NO GO");
        await Expect(frame.Locator("body")).ToContainTextAsync("GO sous conditions");

        // 7. The comparison as PDF.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Comparaison PDF" }).ClickAsync());
        await PdfAsync(download);

        // 8. A scenario's page: replay identical, then its report as PDF.
        await page.GotoAsync(fixture.BaseUrl + "evaluations?project=" + Uri.EscapeDataString(project));
        await page.GetByRole(AriaRole.Link, new() { Name = "Référence" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rejouer" }).ClickAsync();
        await Expect(page.Locator("section.replay")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("identical"));
        download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Rapport PDF" }).ClickAsync());
        await PdfAsync(download);
    }

    [Fact]
    public async Task Workbench_LoanVsLease_FormAndPanelGeneratedFromAnotherMethod()
    {
        var page = await fixture.NewPageAsync("en");

        await page.GotoAsync(fixture.BaseUrl + "methods/loan-vs-lease/1.0.0/evaluate?example=delivery-van&lang=en");

        // tests/methods/loan-vs-lease/1.0.0/tests/delivery-van.json (computed by hand): NPV loan −30,815.42 < lease −35,256.32 in cost.
        await Expect(page.Locator("#panel [data-result=recommendation]")).ToBeVisibleAsync();
        Squeeze(await page.Locator("#panel [data-result=npvLoan]").InnerTextAsync()).ShouldContain("30,815"); // the panel rounds money to the unit
        Squeeze(await page.Locator("#panel [data-result=npvLease]").InnerTextAsync()).ShouldContain("35,256");
        // Its own inputs, labelled: every visible control has an accessible name.
        var unnamed = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#evaluation input:not([type=hidden]), #evaluation select, #evaluation textarea')].filter(e => !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).length");
        unnamed.ShouldBe(0);

        await Expect(page.Locator("#panel [data-result=recommendation]")).ToHaveTextAsync("loan");

        // A change that makes the loan dearer moves the recommendation: a 25 % loan rate (typed as a percentage).
        await SetAsync(page, "/loanRate", "25");
        await Expect(page.Locator("#panel [data-result=recommendation]")).ToHaveTextAsync("lease");
    }

    [Fact]
    public async Task Workbench_ExampleForm_ScreenshotForTheReadme()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "methods/rse-value/1.0.0/evaluate?example=example&lang=fr");
        await Expect(page.Locator(Verdict)).ToBeVisibleAsync();

        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = false });

        bytes.Length.ShouldBeGreaterThan(20_000);
        var target = Environment.GetEnvironmentVariable("RSE_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(TestMethods.Root, "docs", "workbench.png")
            : Path.Combine(Path.GetTempPath(), "rse-workbench.png");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllBytesAsync(target, bytes);
    }

    private static async Task SaveAsync(IPage page, string project, string name, string author, bool expectSaved = true)
    {
        await page.Locator("[name='save.project']").FillAsync(project);
        await page.Locator("[name='save.name']").FillAsync(name);
        await page.Locator("[name='save.author']").FillAsync(author);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        if (expectSaved)
        {
            await page.WaitForURLAsync("**/evaluations/*?saved=true");
            await Expect(page.Locator(".notice")).ToHaveTextAsync("Scénario enregistré.");
        }
        else
        {
            await page.WaitForLoadStateAsync();
        }
    }

    private static async Task PdfAsync(IDownload download)
    {
        download.SuggestedFilename.ShouldEndWith(".pdf");
        var path = await download.PathAsync();
        var head = new byte[5];
        await using (var file = File.OpenRead(path))
        {
            (await file.ReadAsync(head)).ShouldBe(5);
        }

        Encoding.ASCII.GetString(head).ShouldBe("%PDF-");
    }
}
