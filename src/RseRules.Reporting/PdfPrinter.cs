using System.Diagnostics;
using RseRules.Core.Diagnostics;

namespace RseRules.Reporting;

/// <summary>
/// Prints an HTML report to PDF with a local headless Chromium (Debian package <c>chromium</c>; or the program named
/// by <c>RSE_CHROMIUM</c>). Without Chromium it fails with a diagnostic that says how to install it.
/// </summary>
public static class PdfPrinter
{
    /// <summary>The environment variable naming the Chromium executable.</summary>
    public const string ChromiumVariable = "RSE_CHROMIUM";

    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The Chromium executable, or null.</summary>
    public static string? FindChromium()
    {
        var env = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (!string.IsNullOrEmpty(env))
        {
            return File.Exists(env) ? env : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return Candidates
            .SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Prints <paramref name="html"/> to <paramref name="pdfPath"/>; returns diagnostics (empty on success).</summary>
    public static IReadOnlyList<Diagnostic> Print(string html, string pdfPath, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pdfPath);
        var chromium = FindChromium();
        if (chromium is null)
        {
            return [new Diagnostic(DiagnosticCode.PdfPrinterFailed, Severity.Error,
                "PDF needs Chromium: install it (Debian: apt-get install -y chromium) or set RSE_CHROMIUM to its path; HTML and Markdown need nothing.")];
        }

        var work = Directory.CreateTempSubdirectory("rse-pdf-");
        try
        {
            var htmlPath = Path.Combine(work.FullName, "report.html");
            var output = Path.Combine(work.FullName, "report.pdf");
            File.WriteAllText(htmlPath, html);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--user-data-dir=" + Path.Combine(work.FullName, "profile"),
                "--no-pdf-header-footer", "--print-to-pdf=" + output, new Uri(htmlPath).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                return [new Diagnostic(DiagnosticCode.PdfPrinterFailed, Severity.Error, "Chromium did not finish printing the PDF in time.")];
            }

            if (!File.Exists(output) || new FileInfo(output).Length == 0)
            {
                var detail = stderr.Result.Split('\n').FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal) && !l.Contains("dbus", StringComparison.OrdinalIgnoreCase))?.Trim();
                return [new Diagnostic(DiagnosticCode.PdfPrinterFailed, Severity.Error, $"Chromium exited with {process.ExitCode} and wrote no PDF{(detail is null ? "." : ": " + detail)}")];
            }

            var dir = Path.GetDirectoryName(Path.GetFullPath(pdfPath))!;
            Directory.CreateDirectory(dir);
            var temp = Path.Combine(dir, $".{Path.GetFileName(pdfPath)}.{Environment.ProcessId}.tmp");
            File.Copy(output, temp, overwrite: true);
            File.Move(temp, pdfPath, overwrite: true);
            return [];
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }
}
