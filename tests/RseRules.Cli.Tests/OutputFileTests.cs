using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests;

/// <summary><see cref="OutputFile"/>: output files are written whole (temporary file, then rename), in UTF-8 without BOM.</summary>
public class OutputFileTests
{
    [Fact]
    public void Write_MissingFolder_CreatesItAndWritesUtf8WithoutBom()
    {
        using var temp = new TempFolder();
        var target = temp.File("a", "b", "out.json");

        OutputFile.Write(target, "{ \"label\": \"Coût « total »\" }\n");

        File.ReadAllBytes(target).ShouldBe(System.Text.Encoding.UTF8.GetBytes("{ \"label\": \"Coût « total »\" }\n"));
    }

    [Fact]
    public void Write_ExistingLongerFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        using var temp = new TempFolder();
        var target = temp.File("out.txt");
        File.WriteAllText(target, new string('x', 10_000));

        OutputFile.Write(target, "short\n");

        File.ReadAllText(target).ShouldBe("short\n");
        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["out.txt"]);
    }

    [Fact]
    public void Write_TargetIsAFolder_ThrowsAndLeavesNoTemporaryFile()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("out.json"));

        Should.Throw<IOException>(() => OutputFile.Write(temp.File("out.json"), "{}\n"));

        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["out.json"]);
    }

    [Fact]
    public void Write_WriterThrowsHalfway_ExistingFileUntouchedAndNoTemporaryFile()
    {
        // An interruption in the middle of writing: the half-written temporary file is never renamed over the target.
        using var temp = new TempFolder();
        var target = temp.File("report.html");
        File.WriteAllText(target, "previous good report");

        Should.Throw<InvalidOperationException>(() => OutputFile.Write(target, stream =>
        {
            stream.Write(new byte[64 * 1024]);
            throw new InvalidOperationException("interrupted");
        }));

        File.ReadAllText(target).ShouldBe("previous good report");
        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["report.html"]);
    }

    [Fact]
    public void Write_WriterThrowsAndNoTargetYet_NoFileAtAll()
    {
        using var temp = new TempFolder();

        Should.Throw<IOException>(() => OutputFile.Write(temp.File("out.json"), stream =>
        {
            stream.WriteByte((byte)'{');
            throw new IOException("disk full");
        }));

        Directory.GetFileSystemEntries(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public void Write_WhileAReaderHoldsTheOldFile_ReaderSeesTheWholeOldTextNewReadersTheWholeNewText()
    {
        // Renaming over the target: a reader that opened the old file keeps reading it whole, never a mix.
        using var temp = new TempFolder();
        var target = temp.File("out.txt");
        File.WriteAllText(target, new string('a', 100_000));
        using var reader = new StreamReader(target);
        reader.Read(new char[10], 0, 10);

        OutputFile.Write(target, new string('b', 50_000));

        reader.ReadToEnd().ShouldBe(new string('a', 100_000 - 10));
        File.ReadAllText(target).ShouldBe(new string('b', 50_000));
    }

    [Fact]
    public async Task Write_ManyWritersOfOneTargetAtOnce_TheTargetIsOneWholeTextAndNoTemporaryFile()
    {
        // Threads of one process (same process id) writing one target: each has its own temporary file.
        using var temp = new TempFolder();
        var target = temp.File("out.txt");
        var texts = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 20_000 + i)).ToArray();

        await Task.WhenAll(texts.Select(t => Task.Run(() => OutputFile.Write(target, t))));

        File.ReadAllText(target).ShouldBeOneOf(texts);
        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["out.txt"]);
    }
}

/// <summary>
/// Nothing lost: a run of <c>rse</c> that fails — invalid inputs, an input check, an invalid method, a template that
/// fails while rendering — never overwrites a good output file given by <c>--out</c>, nor leaves a temporary file.
/// </summary>
public sealed class OutputFileCommandTests : IDisposable
{
    private const string Good = "previous good output";

    private static readonly string NormDir = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string Example = Path.Combine(NormDir, "examples", "example.json");

    private readonly TempFolder temp = new();

    public OutputFileCommandTests()
    {
        Directory.CreateDirectory(temp.File("out"));
        File.WriteAllText(Target, Good);
    }

    private string Target => temp.File("out", "result.txt");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("inputs/bad-json.json")]
    [InlineData("inputs/schema-violation.json")]
    [InlineData("inputs/series-length.json")]
    [InlineData("inputs/down-payment-above-price.json")]
    public void Evaluate_InvalidInputs_ExistingOutputUntouched(string inputs)
    {
        foreach (var format in new[] { "json", "table" })
        {
            var run = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Path.Combine(Repo.TestData, inputs), "--format", format, "--out", Target);

            run.ExitCode.ShouldBe(ExitCodes.Invalid, run.ToString());
            AssertUntouched();
        }
    }

    [Fact]
    public void Evaluate_InvalidMethod_ExistingOutputUntouched()
    {
        var run = Rse.Run("evaluate", "--method", Path.Combine(Repo.TestData, "broken", "schema-violation"), "--inputs", Repo.LoanExample, "--format", "json", "--out", Target);

        run.ExitCode.ShouldBe(ExitCodes.Invalid, run.ToString());
        AssertUntouched();
    }

    [Fact]
    public void Schema_InvalidMethod_ExistingOutputUntouched()
    {
        var run = Rse.Run("schema", "--method", Path.Combine(Repo.TestData, "broken", "bad-json"), "--out", Target);

        run.ExitCode.ShouldBe(ExitCodes.Invalid, run.ToString());
        AssertUntouched();
    }

    [Fact]
    public void Report_TemplateFailsWhileRendering_ExistingReportUntouched()
    {
        // The audit section, the report's last, fails at run time after every other section rendered: no partial report.
        var set = temp.CopyFolder(Path.Combine(Repo.Root, "templates", "white-paper"), "set");
        var partial = Path.Combine(set, "html", "_audit.sbn");
        File.AppendAllText(partial, "\n{{ include \"_no_such_partial\" }}\n");

        var report = temp.File("out", "report.html");
        File.WriteAllText(report, Good);
        var run = Rse.Run("report", "--method", NormDir, "--inputs", Example, "--template", set, "--out", report);

        run.ExitCode.ShouldBe(ExitCodes.Invalid, run.ToString());
        run.Stderr.ShouldContain("_audit.sbn(");
        run.Stderr.ShouldContain("error RSE8002"); // a template error at run time
        File.ReadAllText(report).ShouldBe(Good);
        Directory.GetFiles(temp.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["report.html", "result.txt"]);
    }

    [Fact]
    public void Evaluate_OutIsAFolder_ExitsOneAndLeavesNoTemporaryFile()
    {
        var folder = temp.File("out", "a-folder");
        Directory.CreateDirectory(folder);

        var run = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json", "--out", folder);

        run.ExitCode.ShouldBe(ExitCodes.Invalid, run.ToString());
        run.Stderr.ShouldContain("error RSE0005");
        Directory.GetFileSystemEntries(temp.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["a-folder", "result.txt"]);
    }

    private void AssertUntouched()
    {
        File.ReadAllText(Target).ShouldBe(Good);
        Directory.GetFileSystemEntries(temp.File("out")).Select(Path.GetFileName).ShouldBe(["result.txt"], "no temporary file is left");
    }
}
