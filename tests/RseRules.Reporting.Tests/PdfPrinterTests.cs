using System.Diagnostics;
using RseRules.Core.Diagnostics;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests;

/// <summary>
/// Prints the example's HTML report with headless Chromium and reads the PDF back with poppler-utils (pdfinfo,
/// pdftotext, pdftoppm). On a machine without Chromium the printing test only runs when CI=true, where .ci/run has
/// installed it, and then fails if it is missing.
/// </summary>
[Collection("environment")]
public sealed class PdfPrinterTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>
{
    [Fact]
    public void Print_NoChromium_FailsWithAClearDiagnostic()
    {
        var previous = Environment.GetEnvironmentVariable(PdfPrinter.ChromiumVariable);
        Environment.SetEnvironmentVariable(PdfPrinter.ChromiumVariable, "/nonexistent/chromium");
        try
        {
            var pdf = Path.Combine(Path.GetTempPath(), $"rse-{Guid.NewGuid():N}.pdf");
            var d = PdfPrinter.Print("<html></html>", pdf).ShouldHaveSingleItem();
            d.Code.ShouldBe(DiagnosticCode.PdfPrinterFailed);
            d.Message.ShouldContain("apt-get install -y chromium");
            File.Exists(pdf).ShouldBeFalse();
        }
        finally
        {
            Environment.SetEnvironmentVariable(PdfPrinter.ChromiumVariable, previous);
        }
    }

    [Fact]
    public void Print_ExampleReport_HasItsExecutiveSummaryOnPageOne()
    {
        if (PdfPrinter.FindChromium() is null)
        {
            (Environment.GetEnvironmentVariable("CI") == "true").ShouldBeFalse("CI must install chromium (see .ci/run)");
            return;
        }

        var work = Directory.CreateTempSubdirectory("rse-pdf-test-").FullName;
        var pdf = Path.Combine(work, "report.pdf");
        PdfPrinter.Print(example.Render("fr", ReportFormat.Html), pdf).ShouldBeEmpty();

        var info = Run("pdfinfo", pdf);
        var pages = int.Parse(info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        pages.ShouldBeInRange(5, 20);
        info.ShouldContain("A4"); // "Page size: 595.92 x 842.88 pts (A4)"

        var page1 = Normalize(Run("pdftotext", "-f", "1", "-l", "1", "-layout", pdf, "-"));
        page1.ShouldContain("Synthèse pour les décideurs");
        page1.ShouldContain("GO sous conditions");
        page1.ShouldContain("382 018 €"); // NPV
        page1.ShouldContain("98 886 €"); // risk-adjusted NPV
        page1.ShouldContain("61,8 %"); // IRR
        page1.ShouldContain("Non-adoption"); // the mitigation condition
        Normalize(Run("pdftotext", "-f", "2", "-l", "2", pdf, "-")).ShouldNotContain("Synthèse pour les décideurs");

        Run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", pdf, Path.Combine(work, "page"));
        var png = Directory.GetFiles(work, "page*.png").ShouldHaveSingleItem();
        new FileInfo(png).Length.ShouldBeGreaterThan(10_000);
        File.ReadAllBytes(png)[1..4].ShouldBe("PNG"u8.ToArray());
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), "[ \t]+", " ");

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }
}

[CollectionDefinition("environment", DisableParallelization = true)]
public sealed class EnvironmentTests;
