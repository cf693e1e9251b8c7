using System.Diagnostics;
using RseRules.Core.Diagnostics;
using RseRules.Reporting.Rendering;
using RseRules.Reporting.Tests.Support;

namespace RseRules.Reporting.Tests.Rendering;

/// <summary>
/// A template set may come from anyone: it cannot read a file outside itself (links included), and whatever it does,
/// rendering ends within its time, memory and output bounds with a located error and no text.
/// </summary>
public sealed class TemplateBoundsTests(ExampleEvaluation example) : IClassFixture<ExampleEvaluation>, IDisposable
{
    private readonly string set = Directory.CreateTempSubdirectory("rse-templates-").FullName;
    private readonly string outside = Directory.CreateTempSubdirectory("rse-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(set, recursive: true);
        Directory.Delete(outside, recursive: true);
    }

    [Theory]
    [InlineData("evil", "file")]          // evil.sbn -> a file outside the set
    [InlineData("sub/secret", "folder")]  // sub -> a folder outside the set
    [InlineData("chain", "chain")]        // chain.sbn -> hop.sbn (in the set) -> a file outside
    [InlineData("../secret", "none")]     // a relative path out of the set
    [InlineData("/etc/passwd", "none")]   // an absolute path
    [InlineData("loop", "loop")]          // loop.sbn -> loop2.sbn -> loop.sbn
    public void Render_IncludeThatLeavesTheSet_IsRefusedAndNothingIsRead(string name, string link)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // symbolic links need privileges there
        }

        var secret = Path.Combine(outside, "secret.sbn");
        File.WriteAllText(secret, "MARKER-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(set, "html"));
        switch (link)
        {
            case "file":
                File.CreateSymbolicLink(Path.Combine(set, "html", "evil.sbn"), secret);
                break;
            case "folder":
                Directory.CreateSymbolicLink(Path.Combine(set, "html", "sub"), outside);
                break;
            case "chain":
                File.CreateSymbolicLink(Path.Combine(set, "html", "hop.sbn"), secret);
                File.CreateSymbolicLink(Path.Combine(set, "html", "chain.sbn"), "hop.sbn");
                break;
            case "loop":
                File.CreateSymbolicLink(Path.Combine(set, "html", "loop.sbn"), "loop2.sbn");
                File.CreateSymbolicLink(Path.Combine(set, "html", "loop2.sbn"), "loop.sbn");
                break;
            default:
                break;
        }

        var result = Render($"<p>{{{{ include \"{name}\" }}}}</p>");
        result.Text.ShouldBeNull();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.TemplateRuntime);
        d.File!.ShouldEndWith("report.sbn");
        (d.Line, d.Column).ShouldBe((1, 7));
        d.Message.ShouldNotContain("MARKER");
    }

    [Fact]
    public void Render_MainTemplateLinkedOutOfTheSet_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var secret = Path.Combine(outside, "secret.sbn");
        File.WriteAllText(secret, "MARKER");
        Directory.CreateDirectory(Path.Combine(set, "html"));
        File.CreateSymbolicLink(Path.Combine(set, "html", "report.sbn"), secret);
        var result = ReportRenderer.Render(example.Method, example.Record, set, ReportOptions.Default with { Date = "2026-12-06" });
        result.Text.ShouldBeNull();
        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.TemplateNotFound);
    }

    [Fact]
    public void Render_LinkToAnotherFileOfTheSet_IsFollowed()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Write("_part.sbn", "inside");
        File.CreateSymbolicLink(Path.Combine(set, "html", "alias.sbn"), "_part.sbn");
        var result = Render("<p>{{ include \"alias\" }}</p>");
        result.Diagnostics.ShouldBeEmpty();
        result.Text!.ShouldContain("<p>inside</p>");
    }

    [Fact]
    public void Render_FifoOrOversizedTemplate_FailsAtOnceInsteadOfHanging()
    {
        Write("_big.sbn", new string('x', (1 << 20) + 1));
        var big = Render("{{ include \"_big\" }}");
        big.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("larger than");

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (var mkfifo = Process.Start("mkfifo", Path.Combine(set, "html", "_fifo.sbn")))
        {
            mkfifo.WaitForExit();
        }

        var watch = Stopwatch.StartNew();
        var fifo = Render("[{{ include \"_fifo\" }}]");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10)); // a blocking open would never return
        (fifo.Text ?? string.Empty).ShouldNotContain("[x");
    }

    [Theory]
    [InlineData("{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f(40) }}")]                           // branching recursion
    [InlineData("{{ for i in 1..100000; for j in 1..100000; x = i * j; end; end }}")]                          // nested loops under the loop limit
    [InlineData("{{ func g(n); if n > 0; for k in 1..1000; g(n - 1); end; end; end; g(5) }}")]               // loops inside recursion
    public void Render_TemplateThatRunsForEver_StopsAtTheTimeLimit(string body)
    {
        var watch = Stopwatch.StartNew();
        var result = Render(body, RenderLimits.Default with { Time = TimeSpan.FromSeconds(1) });
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        result.Text.ShouldBeNull();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.TemplateRuntime);
        d.File!.ShouldEndWith("report.sbn");
        d.Line.ShouldBe(1);
    }

    [Theory]
    [InlineData("{{ s = \"0123456789\"; for i in 1..40; s = s + s; end; s.size }}")]        // doubling a text
    [InlineData("{{ \"x\" | string.pad_left 2000000000 }}")]                                // a padding width
    [InlineData("{{ \"x\" * 1000000000 }}")]                                                // text multiplication
    [InlineData("{{ a = [1]; for i in 1..40; a = array.concat a a; end; a.size }}")]         // doubling a list
    [InlineData("{{ array.insert_at [] 100000000 1 }}")]                                    // a list grown by its index
    [InlineData("{{ for i in 1..100000; \"0123456789012345678901234567890123456789\" * 100; end }}")] // output
    [InlineData("{{ x = \"a\"; for i in 1..30; x = x + x; end; x | string.replace \"a\" x }}")] // replace with itself
    public void Render_TemplateThatExhaustsMemory_StopsWithAnError(string body)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = Render(body);
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(3L << 30);
        result.Text.ShouldBeNull();
        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.TemplateRuntime);
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(100_000)]
    public void Render_DeeplyNestedExpression_IsASyntaxErrorNotACrash(int depth)
    {
        var result = Render("{{ " + new string('(', depth) + "1" + new string(')', depth) + " }}");
        result.Text.ShouldBeNull();
        result.Diagnostics.ShouldNotBeEmpty();
        result.Diagnostics.ShouldAllBe(d => d.Code == DiagnosticCode.TemplateSyntax || d.Code == DiagnosticCode.TemplateRuntime);
    }

    [Fact]
    public void Render_TemplateIncludingItself_StopsAtTheRecursionLimit()
    {
        Write("_self.sbn", "x{{ include \"_self\" }}");
        var result = Render("{{ include \"_self\" }}");
        result.Text.ShouldBeNull();
        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.TemplateRuntime);
    }

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(set, "html"));
        File.WriteAllText(Path.Combine(set, "html", name), text);
    }

    private RenderResult Render(string report, RenderLimits? limits = null)
    {
        Write("report.sbn", report);
        return ReportRenderer.Render(example.Method, example.Record, set, ReportOptions.Default with { Date = "2026-12-06", Limits = limits ?? RenderLimits.Default });
    }
}
