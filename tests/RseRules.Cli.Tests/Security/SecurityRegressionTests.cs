using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Cli.Tests.TestSupport;
using RseRules.Core.Evaluation;
using RseRules.Tests.Shared;

namespace RseRules.Cli.Tests.Security;

/// <summary>
/// One regression test per class of the second security review (issue 11), each with payloads of its own, through the
/// real <c>rse</c> process: a clean exit code (0–3, never a signal), bounded time and peak memory (read from the
/// child's /proc status), nothing written on failure.
/// </summary>
public sealed class SecurityRegressionTests : IDisposable
{
    /// <summary>The peak memory any of these runs may reach (a plain evaluation of the norm: about 180 MiB).</summary>
    private const long MaxRss = 2L << 30;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly TempFolder temp = new();

    private static string MethodsDir => Path.Combine(Repo.Root, "methods");

    private static string NormDir => Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");

    private static string Example => Path.Combine(NormDir, "examples", "example.json");

    public void Dispose() => temp.Dispose();

    // 1. Input text never becomes markup, in HTML or Markdown.
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(19)]
    public async Task Report_HostileInputDocument_NoTextBecomesMarkup(int offset)
    {
        var (document, _) = HostileText.Example(Repo.Root, offset);
        File.WriteAllText(temp.File("hostile.json"), document.ToString());
        foreach (var format in new[] { "html", "md" })
        {
            var output = temp.File("report." + format);
            var run = await Rse("report", "--method", NormDir, "--inputs", temp.File("hostile.json"), "--format", format, "--lang", "en", "--out", output);
            Clean(run, 0);
            var text = File.ReadAllText(output);
            if (format == "md")
            {
                // Outside code (fenced blocks show the input document as it is; code spans the formulas), every '<' and
                // every link bracket is escaped (a Markdown processor's view of these is tested in RseRules.Reporting.Tests).
                var prose = System.Text.RegularExpressions.Regex.Replace(text, "(?ms)^```.*?^```", string.Empty);
                prose = System.Text.RegularExpressions.Regex.Replace(prose, "(`+)[^`]*?\\1", string.Empty);
                prose.ShouldNotMatch(@"(?<!\\)<[A-Za-z!/]");
                prose.ShouldNotMatch(@"(?<!\\)\]\(");
                continue;
            }

            foreach (var tag in new[] { "<img", "<iframe", "<script", "<object", "<svg onload", "<meta http-equiv=refresh", "<base", "<link", "<math", "=javascript:", "=\"javascript:" })
            {
                text.ShouldNotContain(tag, Case.Insensitive, $"{format}: {tag}");
            }
        }
    }

    // 2. Memory bombs in formulas: refused at validation when the bound is a constant, stopped by the budget otherwise.
    [Theory]
    [InlineData("$\"{1,2000000000}\".Length", "RSE4006")]
    [InlineData("$\"{x:D999999999}\".Length", "RSE4006")]
    [InlineData("x.ToString(\"F999999999\").Length", "RSE4006")]
    [InlineData("((long)x).ToString(s).Length", "RSE6002")]
    [InlineData("Seq(0, 1).Select(i => s)" + Doublings + ".First().Length", "RSE6004")]
    [InlineData("Seq(0, 1).Select(i => s)" + InterpolatedDoublings + ".First().Length", "RSE6004")]
    [InlineData("Seq(0, 100000).Select(i => string.Join(s, Seq(0, 1000))).Sum(t => t.Length)", "RSE6004")]
    public async Task Evaluate_MemoryBombFormula_EndsWithADiagnosticInBoundedMemory(string formula, string code)
    {
        var method = WriteMethod("bomb", ("bomb", "number", formula));
        var run = await Rse("evaluate", "--method", method, "--inputs", WriteInputs("D999999999"), "--format", "json", "--out", temp.File("out.json"));
        Clean(run, 1);
        run.Stderr.ShouldContain("error " + code);
        run.Stderr.ShouldContain("[/indicators/0/formula]");
        File.Exists(temp.File("out.json")).ShouldBeFalse();
    }

    // 3. The clock holds whatever a step costs: 1,000 one-step walks of a long text no longer run for minutes.
    [Theory]
    [InlineData("Seq(0, 1000).Count(i => big.Contains(\"zz\"))")]
    [InlineData("Seq(0, 1000).Count(i => big.LastIndexOf(\"zz\") > 0)")]
    [InlineData("Seq(0, 1000).Count(i => big.ToUpperInvariant().Length > 0)")]
    public async Task Evaluate_OneStepWalksOfAHugeText_StopWithinSeconds(string formula)
    {
        var method = WriteMethod("walks", ("big", "text", "Seq(0, 1).Select(i => s)" + Doublings[..(19 * 19)] + ".First()"), ("walks", "number", formula));
        var run = await Rse("evaluate", "--method", method, "--inputs", WriteInputs("0123456789abcdef"));
        Clean(run, 1);
        run.Stderr.ShouldContain("error RSE6004");
        run.Stderr.ShouldContain("'walks'");
        run.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    // 4. One formula cannot blow up the compiler.
    [Theory]
    [InlineData(1_400)]
    [InlineData(200)]
    [InlineData(-6)]
    [InlineData(-3)]
    public async Task Validate_FormulaThatWouldBlowUpTheCompiler_IsRefusedQuickly(int size)
    {
        var formula = size > 0
            ? "(from a in new[] { x } " + string.Join(" ", Enumerable.Range(0, size).Select(i => $"let b{i} = a")) + " select a).Sum()"
            : size == -6 ? Nest("Seq(0, 2).Sum(a{0} => {1})", 6) : Nest("Seq(0, 2).Max(a{0} => Seq(0, 2).Select(b{0} => {1}).Min())", 3);
        var run = await Rse("validate", WriteMethod("blowup", ("y", "number", formula)), "--no-cache");
        Clean(run, 1);
        run.Stderr.ShouldContain("error RSE4006");
        run.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    // 5. Deep chains: a forged trace, a method past the size and depth limits, and one at the limits.
    [Fact]
    public async Task Explain_RecordWithAForgedDeepTrace_IsRefusedWithoutCrashing()
    {
        var record = await NormRecord();
        var trace = (JArray)record["trace"]!;
        for (var i = 0; i < 15_000; i++)
        {
            trace.Add(new JObject
            {
                ["id"] = $"f{i}", ["formula"] = "x", ["value"] = 1,
                ["reads"] = new JArray(new JObject { ["name"] = $"f{i + 1}", ["kind"] = "indicator", ["value"] = 1 }),
            });
        }

        ((JObject)trace.First(t => (string?)t["id"] == "npv"))["reads"] = new JArray(new JObject { ["name"] = "f0", ["kind"] = "indicator", ["value"] = 1 });
        ((JObject)trace[trace.Count - 1])["id"] = new JObject(); // an id that is not even a text
        Rehash(record);
        File.WriteAllText(temp.File("forged.json"), record.ToString());

        var run = await Rse("explain", "--record", temp.File("forged.json"), "--methods-dir", MethodsDir, "npv", "--verbose");
        Clean(run, 3);
        run.Stderr.ShouldContain("error RSE8005");
        run.Stderr.ShouldContain("trace f14998"); // --verbose: every difference, not only the summary
    }

    [Theory]
    [InlineData(20_000, "RSE3014")]  // more indicators than a method may have
    [InlineData(300, "RSE3014")]     // a chain deeper than a method may have
    public async Task ValidateAndEvaluate_MethodPastItsLimits_RefusedQuicklyInBoundedMemory(int chain, string code)
    {
        var method = ChainMethod(chain, chains: 1);
        foreach (var args in new[] { new[] { "validate", method, "--no-cache" }, ["evaluate", "--method", method, "--inputs", WriteInputs("s")] })
        {
            var run = await Rse(args);
            Clean(run, 1);
            run.Stderr.ShouldContain("error " + code);
            run.PeakRssBytes.ShouldBeLessThan(1L << 30, run.ToString());
        }
    }

    [Fact]
    public async Task EvaluateAndExplain_MethodAtTheLimits_RunsInBoundedTimeAndMemory()
    {
        // 2,000 indicators (the limit) in eight chains of 250 (the depth limit is 256).
        var method = ChainMethod(250, chains: 8);
        var evaluate = await Rse("evaluate", "--method", method, "--inputs", WriteInputs("s"), "--format", "json", "--out", temp.File("rec.json"));
        Clean(evaluate, 0);
        var explain = await Rse("explain", "--record", temp.File("rec.json"), "--method", method, "c7_249");
        Clean(explain, 0);
        explain.Stdout.ShouldContain("c7_0");
        (evaluate.Elapsed + explain.Elapsed).ShouldBeLessThan(TimeSpan.FromSeconds(150));
    }

    // 6 and 7. Templates: no file outside the set through a link; no rendering without end.
    [Theory]
    [InlineData("link")]
    [InlineData("folder")]
    [InlineData("main")]
    public async Task Report_TemplateSetWithALinkOut_ReadsNothingAndWritesNothing(string kind)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var marker = "MARKER-" + Guid.NewGuid().ToString("N");
        var outside = Directory.CreateDirectory(temp.File("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.sbn"), marker);
        var html = Directory.CreateDirectory(temp.File("set", "html")).FullName;
        switch (kind)
        {
            case "link":
                File.CreateSymbolicLink(Path.Combine(html, "evil.sbn"), Path.Combine(outside, "secret.sbn"));
                File.WriteAllText(Path.Combine(html, "report.sbn"), "<p>{{ include \"evil\" }}</p>");
                break;
            case "folder":
                Directory.CreateSymbolicLink(Path.Combine(html, "sub"), outside);
                File.WriteAllText(Path.Combine(html, "report.sbn"), "<p>{{ include \"sub/secret\" }}</p>");
                break;
            default:
                File.CreateSymbolicLink(Path.Combine(html, "report.sbn"), Path.Combine(outside, "secret.sbn"));
                break;
        }

        var run = await Rse("report", "--method", NormDir, "--inputs", Example, "--template", temp.File("set"), "--out", temp.File("r.html"));
        Clean(run, 1);
        (run.Stdout + run.Stderr).ShouldNotContain(marker);
        File.Exists(temp.File("r.html")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f(40) }}")]
    [InlineData("{{ for i in 1..100000; for j in 1..100000; x = i * j; end; end }}")]
    [InlineData("{{ s = \"0123456789\"; for i in 1..40; s = s + s; end; s }}")]
    public async Task Report_TemplateThatNeverEnds_StopsWithALocatedErrorAndWritesNothing(string body)
    {
        var html = Directory.CreateDirectory(temp.File("set", "html")).FullName;
        File.WriteAllText(Path.Combine(html, "report.sbn"), body);
        var run = await Rse("report", "--method", NormDir, "--inputs", Example, "--template", temp.File("set"), "--out", temp.File("r.html"));
        Clean(run, 1);
        run.Stderr.ShouldContain("report.sbn(1,");
        run.Stderr.ShouldContain("error RSE8002");
        run.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90));
        File.Exists(temp.File("r.html")).ShouldBeFalse();
    }

    // 8. A tampered record with a recomputed hash is not presented.
    [Theory]
    [InlineData("report")]
    [InlineData("explain")]
    public async Task ReportAndExplain_RecordEditedAndRehashed_ExitThreeAndWriteNothing(string command)
    {
        var record = await NormRecord();
        record["results"]!["npvAdjusted"] = 999_999.99;
        ((JObject)((JArray)record["trace"]!).First(t => (string?)t["id"] == "npvAdjusted"))["value"] = 999_999.99;
        Rehash(record);
        File.WriteAllText(temp.File("tampered.json"), record.ToString());

        var run = command == "report"
            ? await Rse("report", "--record", temp.File("tampered.json"), "--methods-dir", MethodsDir, "--out", temp.File("r.html"), "--verbose")
            : await Rse("explain", "--record", temp.File("tampered.json"), "--methods-dir", MethodsDir, "npvAdjusted", "--verbose");
        Clean(run, 3);
        run.Stderr.ShouldContain("effect: 1 of ");
        run.Stderr.ShouldContain("result npvAdjusted");
        run.Stdout.ShouldNotContain("999");
        File.Exists(temp.File("r.html")).ShouldBeFalse();
    }

    // 9. Whatever still escapes a command is one line and exit 2, never a stack trace.
    [Fact]
    public void Run_ExceptionEscapingACommand_IsOneLineAndExitTwo()
    {
        using var error = new StringWriter();
        var code = CliApp.Run(["validate", NormDir], new ThrowingWriter(), error);
        code.ShouldBe(ExitCodes.Usage);
        var line = error.ToString().Trim().Split('\n').ShouldHaveSingleItem();
        line.ShouldStartWith("rse: internal error: InvalidOperationException:");
        line.ShouldNotContain(" at ");
    }

    private const string Doublings =
        ".Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a)"
        + ".Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a)"
        + ".Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a)"
        + ".Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a).Select(a => a + a)";

    private const string InterpolatedDoublings =
        ".Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\")"
        + ".Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\")"
        + ".Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\")"
        + ".Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\").Select(a => $\"{a}{a}\")";

    private static void Clean(ProcessRun run, int expected)
    {
        run.ExitedCleanly.ShouldBeTrue(run.ToString());
        run.ExitCode.ShouldBe(expected, run.ToString());
        run.PeakRssBytes.ShouldBeLessThan(MaxRss, run.ToString());
        run.Stderr.ShouldNotContain("   at ", Case.Sensitive, run.ToString()); // no stack trace
    }

    private static void Rehash(JObject record) => record[EvaluationRecord.HashProperty] = EvaluationRecord.Hash(record);

    private static string Nest(string pattern, int depth)
    {
        var s = "x";
        for (var i = 0; i < depth; i++)
        {
            s = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, i, s);
        }

        return s;
    }

    private Task<ProcessRun> Rse(params string[] args) => RseProcess.RunAsync(temp.Path, null, Timeout, args);

    private async Task<JObject> NormRecord()
    {
        var run = await Rse("evaluate", "--method", NormDir, "--inputs", Example, "--format", "json", "--out", temp.File("record.json"));
        Clean(run, 0);
        return JObject.Parse(File.ReadAllText(temp.File("record.json")));
    }

    private string WriteInputs(string s)
    {
        var path = temp.File("inputs-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, new JObject { ["x"] = 1.5, ["s"] = s }.ToString());
        return path;
    }

    private string WriteMethod(string id, params (string Id, string Type, string Formula)[] indicators)
    {
        var method = new JObject
        {
            ["formatVersion"] = 1, ["id"] = id, ["version"] = "1.0.0", ["title"] = new JObject { ["fr"] = id, ["en"] = id },
            ["inputs"] = new JArray(
                new JObject { ["id"] = "x", ["type"] = "number", ["label"] = new JObject { ["fr"] = "x", ["en"] = "x" } },
                new JObject { ["id"] = "s", ["type"] = "text", ["label"] = new JObject { ["fr"] = "s", ["en"] = "s" } }),
            ["indicators"] = new JArray(indicators.Select(i => new JObject
            {
                ["id"] = i.Id, ["type"] = i.Type, ["label"] = new JObject { ["fr"] = i.Id, ["en"] = i.Id }, ["formula"] = i.Formula,
            })),
            ["results"] = new JArray(indicators.Select(i => i.Id)),
        };
        var folder = Directory.CreateDirectory(temp.File(id + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.WriteAllText(Path.Combine(folder, "method.json"), method.ToString(), new UTF8Encoding(false));
        return folder;
    }

    /// <summary>A method of <paramref name="chains"/> chains of <paramref name="length"/> indicators, each reading the one before.</summary>
    private string ChainMethod(int length, int chains)
    {
        var indicators = new List<(string, string, string)>();
        for (var c = 0; c < chains; c++)
        {
            for (var k = 0; k < length; k++)
            {
                indicators.Add(($"c{c}_{k}", "number", k == 0 ? "x + 1" : $"c{c}_{k - 1} + 1"));
            }
        }

        return WriteMethod($"chain{length}x{chains}", [.. indicators]);
    }

    private sealed class ThrowingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("the output is gone");

        public override void Write(string? value) => throw new InvalidOperationException("the output is gone");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the output is gone");
    }
}
