using System.ComponentModel;
using System.Net;
using System.Text;
using PuppeteerSharp;
using PuppeteerSharp.Transport;
using RseRules.Core.Diagnostics;

namespace RseRules.Reporting;

/// <summary>
/// Prints an HTML report to PDF with a local headless Chromium (Debian package <c>chromium</c>; or the program named
/// by <c>RSE_CHROMIUM</c>). Without Chromium it fails with a diagnostic that says how to install it.
/// </summary>
/// <remarks>
/// The HTML is treated as hostile. Chromium is driven over the DevTools protocol on a pipe (no debugging port), with
/// JavaScript off; the document is served by the printer itself at <see cref="DocumentUrl"/> with
/// <see cref="ContentSecurityPolicy.Policy"/> plus <c>sandbox</c> as a response header, and every other request —
/// subresource or navigation, network or loopback — is aborted before it leaves the browser. <c>file:</c> URLs cannot be
/// reached from that origin, and a dead proxy and a host resolver that resolves nothing back the interception. Chromium's
/// whole process tree is killed when the print ends, fails or runs out of time. Unix only (Chromium is started through
/// <c>/bin/sh</c>, which sets its pipe up).
/// </remarks>
public static class PdfPrinter
{
    /// <summary>The environment variable naming the Chromium executable.</summary>
    public const string ChromiumVariable = "RSE_CHROMIUM";

    /// <summary>
    /// The one URL the printed page may load: the document, answered by the printer (<c>.invalid</c> never resolves,
    /// RFC 2606, and the request never leaves the browser anyway).
    /// </summary>
    internal const string DocumentUrl = "https://rse-report.invalid/";

    /// <summary>
    /// The policy sent with the document: the report's own policy, and <c>sandbox</c> (only a header can set it), which
    /// also stops scripts, forms, plugins and <c>&lt;meta http-equiv=refresh&gt;</c>.
    /// </summary>
    internal const string ResponsePolicy = ContentSecurityPolicy.Policy + "; sandbox";

    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

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

    /// <summary>
    /// Prints <paramref name="html"/> to <paramref name="pdfPath"/> (written whole or not at all); returns diagnostics
    /// (empty on success). Nothing but the document itself is loaded, whatever it contains (see the remarks of
    /// <see cref="PdfPrinter"/>). Fails with <see cref="DiagnosticCode.PdfPrinterFailed"/>, never an exception, when
    /// Chromium is missing, fails, crashes or takes longer than <paramref name="timeout"/> (default 120 s).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive, or longer than <see cref="int.MaxValue"/> ms.</exception>
    public static IReadOnlyList<Diagnostic> Print(string html, string pdfPath, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pdfPath);
        var limit = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, TimeSpan.FromMilliseconds(int.MaxValue), nameof(timeout));
        var chromium = FindChromium();
        if (chromium is null)
        {
            return [Failed("PDF needs Chromium: install it (Debian: apt-get install -y chromium) or set RSE_CHROMIUM to its path; HTML and Markdown need nothing.")];
        }

        DirectoryInfo work;
        try
        {
            work = Directory.CreateTempSubdirectory("rse-pdf-");
        }
        catch (IOException e)
        {
            return [Failed($"PDF printing needs a temporary folder: {e.Message}")];
        }

        try
        {
            var (pdf, failure) = Render(chromium, html, work.FullName, limit);
            return pdf is null ? [Failed(failure!)] : Write(pdf, pdfPath);
        }
        finally
        {
            Delete(work);
        }
    }

    /// <summary>Chromium's arguments, its profile in <paramref name="profile"/>: headless, no network of its own, no extension.</summary>
    internal static IEnumerable<string> Arguments(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--mute-audio",
        // Second layer behind request interception: whatever would still go out meets a dead proxy (loopback included:
        // "<-loopback>" removes Chromium's implicit bypass of it) and a resolver that resolves no name.
        "--proxy-server=socks5://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--user-data-dir=" + profile, "about:blank",
    ];

    private static (byte[]? Pdf, string? Failure) Render(string executable, string html, string work, TimeSpan timeout)
    {
        if (OperatingSystem.IsWindows())
        {
            return (null, "PDF printing drives Chromium through /bin/sh, which Windows lacks: print the HTML report from a browser instead.");
        }

        var temp = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        ChromiumProcess chromium;
        try
        {
            chromium = ChromiumProcess.Start(executable, Arguments(Path.Combine(work, "profile")), temp);
        }
        catch (Win32Exception e)
        {
            return (null, $"Chromium ({executable}) could not be started: {e.Message}");
        }

        using (chromium)
        {
            var printing = Task.Run(() => PrintAsync(chromium, html, timeout));
            if (!Task.WhenAny(printing, chromium.Exited).Wait(timeout))
            {
                // Disposing kills the process tree, which ends the DevTools session; the task's fault is then observed here.
                _ = printing.ContinueWith(t => t.Exception, TaskScheduler.Default);
                return (null, $"Chromium did not finish printing the PDF in time ({timeout.TotalSeconds:0.#} s).");
            }

            // Chromium may have exited right after its last reply: let the session take it.
            Task.WhenAny(printing, Task.Delay(TimeSpan.FromMilliseconds(250))).Wait();
            if (!printing.IsCompleted)
            {
                // Chromium ended first and the session waits on a closed pipe: it is abandoned (and killed below).
                _ = printing.ContinueWith(t => t.Exception, TaskScheduler.Default);
            }

            if (printing.IsCompletedSuccessfully)
            {
                var pdf = printing.Result;
                return pdf.Length > 5 && pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8)
                    ? (pdf, null)
                    : (null, "Chromium returned no PDF.");
            }

            // Chromium ended (say how, with what it wrote last), or the DevTools session broke (say why).
            if (chromium.WaitForExit(TimeSpan.FromSeconds(1)))
            {
                var detail = chromium.Detail();
                return chromium.ExitCode is 126 or 127 // the shell's "cannot execute" and "not found"
                    ? (null, $"Chromium ({executable}) could not be started{(detail is null ? "." : ": " + detail)}")
                    : (null, $"Chromium exited with {chromium.ExitCode} and wrote no PDF{(detail is null ? "." : ": " + detail)}");
            }

            return (null, $"Chromium failed to print the PDF: {printing.Exception?.GetBaseException().Message}");
        }
    }

    /// <summary>Prints over the DevTools protocol, on Chromium's pipe.</summary>
    private static async Task<byte[]> PrintAsync(ChromiumProcess chromium, string html, TimeSpan timeout)
    {
        var transport = new PipeTransport(chromium.Commands, chromium.Replies);
        transport.Start();
        var browser = await Puppeteer.ConnectAsync(new ConnectOptions
        {
            BrowserWSEndpoint = "pipe://chromium", // required, and handed to the factory below, which ignores it
            TransportFactory = (_, _, _) => Task.FromResult<IConnectionTransport>(transport),
            DefaultViewport = null, // the window's own size, as Chromium prints by itself
            // The printer's timeout rules, not PuppeteerSharp's 180 s: its own is set past the printer's, so that a Chromium that
            // hangs is always reported as a timeout (with equal limits, PuppeteerSharp's "Failed to create connection" won races).
            ProtocolTimeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds + 10_000),
        }).ConfigureAwait(false);
        try
        {
            var page = (await browser.PagesAsync().ConfigureAwait(false)).FirstOrDefault()
                ?? await browser.NewPageAsync().ConfigureAwait(false);
            await page.SetJavaScriptEnabledAsync(false).ConfigureAwait(false);

            var body = Encoding.UTF8.GetBytes(html);
            var served = 0;
            page.AddRequestInterceptor(async request =>
            {
                try
                {
                    if (request.IsNavigationRequest && request.Url == DocumentUrl && Interlocked.Exchange(ref served, 1) == 0)
                    {
                        await request.RespondAsync(new ResponseData
                        {
                            Status = HttpStatusCode.OK,
                            ContentType = "text/html; charset=utf-8",
                            BodyData = body,
                            Headers = new Dictionary<string, object>
                            {
                                ["Content-Security-Policy"] = ResponsePolicy,
                                ["X-Content-Type-Options"] = "nosniff",
                                ["Cache-Control"] = "no-store",
                            },
                        }).ConfigureAwait(false);
                    }
                    else
                    {
                        // ERR_ABORTED: a refused navigation leaves the document in place (no error page is printed instead).
                        await request.AbortAsync(RequestAbortErrorCode.Aborted).ConfigureAwait(false);
                    }
                }
                catch (PuppeteerException)
                {
                    // The page or the browser went away meanwhile; the print fails on its own.
                }
            });
            await page.SetRequestInterceptionAsync(true).ConfigureAwait(false);

            await page.GoToAsync(DocumentUrl, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 0 }).ConfigureAwait(false);
            var pdf = await page.PdfDataAsync(new PdfOptions
            {
                PreferCSSPageSize = true,
                PrintBackground = true,
                DisplayHeaderFooter = false,
                Timeout = 0,
            }).ConfigureAwait(false);
            return pdf; // Chromium is killed, not closed: its profile is deleted anyway
        }
        finally
        {
            browser.Disconnect();
        }
    }

    private static IReadOnlyList<Diagnostic> Write(byte[] pdf, string pdfPath)
    {
        string? temp = null;
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(pdfPath))!;
            Directory.CreateDirectory(dir);
            temp = Path.Combine(dir, $".{Path.GetFileName(pdfPath)}.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(temp, pdf);
            File.Move(temp, pdfPath, overwrite: true);
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            if (temp is not null)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                    // Nothing more can be done; the message below says what failed.
                }
                catch (UnauthorizedAccessException)
                {
                    // Same.
                }
            }

            return [Failed($"The PDF could not be written to {pdfPath}: {e.Message}")];
        }
    }

    private static void Delete(DirectoryInfo work)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                work.Delete(recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException)
            {
                // A process of the killed tree may still be writing its last files: try again shortly.
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    private static Diagnostic Failed(string message) => new(DiagnosticCode.PdfPrinterFailed, Severity.Error, message);
}
