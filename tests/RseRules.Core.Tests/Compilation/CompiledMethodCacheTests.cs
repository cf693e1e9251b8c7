using System.Text;
using System.Text.RegularExpressions;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// The compiled-method cache: a hit loads the assembly without Roslyn and evaluates identically; corrupt, truncated,
/// stale or foreign entries are never trusted (a warning, then a rebuild); <c>NoCache</c> neither reads nor writes;
/// concurrent compilations leave one valid entry. Each test has its own cache folder, passed through the options.
/// </summary>
public sealed partial class CompiledMethodCacheTests : IDisposable
{
    private static readonly string LoanDir = Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0");
    private static readonly string LoanExample = Path.Combine(LoanDir, "examples", "delivery-van.json");
    private static readonly string NormDir = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string NormExample = Path.Combine(NormDir, "examples", "example.json");

    private readonly string cache = Path.Combine(Path.GetTempPath(), "rse-cache-tests-" + Guid.NewGuid().ToString("N"));

    private CompileOptions Options => new() { CacheDirectory = cache };

    public void Dispose()
    {
        try
        {
            Directory.Delete(cache, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
    }

    [Theory]
    [InlineData("loan")]
    [InlineData("norm")]
    public void Compile_Twice_SecondComesFromTheCacheWithoutRoslynAndEvaluatesIdentically(string which)
    {
        var (dir, example) = which == "loan" ? (LoanDir, LoanExample) : (NormDir, NormExample);

        var (first, firstRoslyn) = Compile(dir);
        using (first.Method)
        {
            first.FromCache.ShouldBeFalse();
            firstRoslyn.ShouldBe(1);
            first.Diagnostics.ShouldBeEmpty();
            first.CacheEntry.ShouldNotBeNull();
            Entries().ShouldBe([first.CacheEntry]);
            Directory.GetFiles(cache).Length.ShouldBe(1, "no temporary file is left");

            var (second, secondRoslyn) = Compile(dir);
            using (second.Method)
            {
                second.FromCache.ShouldBeTrue();
                secondRoslyn.ShouldBe(0, "a cache hit must not run Roslyn");
                second.Diagnostics.ShouldBeEmpty();
                second.CacheEntry.ShouldBe(first.CacheEntry);

                var a = first.Method.ShouldNotBeNull();
                var b = second.Method.ShouldNotBeNull();
                b.EvaluationOrder.ShouldBe(a.EvaluationOrder);
                b.Reads.Select(r => r.ToArray()).ShouldBe(a.Reads.Select(r => r.ToArray()));
                b.GeneratedSource.ShouldBe(a.GeneratedSource);
                TestMethods.RecordText(b, example).ShouldBe(TestMethods.RecordText(a, example));
            }
        }
    }

    [Fact]
    public void Compile_Overlay_KeyCoversTheBasesAndTheOverlayIsCached()
    {
        var path = Path.Combine(Repo.Root, "methods", "valmont-rse", "1.0.0");
        var (first, _) = Compile(path);
        using (first.Method)
        {
            var method = first.Method.ShouldNotBeNull();
            method.Method.Bases.ShouldNotBeEmpty();
            var key = CacheKey.For(method.Method, method.GeneratedSource);
            foreach (var b in method.Method.Bases)
            {
                key.Text.ShouldContain($"\nbase {b.Reference} {b.Sha256}\n");
            }

            (key with { Bases = [] }).Value.ShouldNotBe(key.Value);
            Path.GetFileNameWithoutExtension(first.CacheEntry).ShouldBe(key.Value);
        }

        var (second, roslyn) = Compile(path);
        using (second.Method)
        {
            second.FromCache.ShouldBeTrue();
            roslyn.ShouldBe(0);
        }
    }

    [Theory]
    [InlineData("truncated assembly")]
    [InlineData("truncated header")]
    [InlineData("empty file")]
    [InlineData("flipped assembly byte")]
    [InlineData("garbled metadata")]
    [InlineData("garbled metadata hash")]
    [InlineData("other format")]
    [InlineData("appended bytes")]
    [InlineData("order rewritten, hashes fixed")]
    [InlineData("reads rewritten, hashes fixed")]
    [InlineData("assembly replaced, hashes fixed")]
    [InlineData("entry of another key")]
    public void Compile_CorruptEntry_IsReportedAsAWarningRebuiltAndNeverTrusted(string corruption)
    {
        var (reference, _) = Compile(LoanDir);
        using (reference.Method)
        {
            var path = reference.CacheEntry.ShouldNotBeNull();
            Corrupt(path, corruption);

            var (rebuilt, roslyn) = Compile(LoanDir);
            using (rebuilt.Method)
            {
                rebuilt.FromCache.ShouldBeFalse();
                roslyn.ShouldBe(1, "a corrupt entry is rebuilt by Roslyn");
                var warning = rebuilt.Diagnostics.ShouldHaveSingleItem();
                warning.Severity.ShouldBe(Severity.Warning);
                warning.Code.ShouldBe(DiagnosticCode.FileUnreadable);
                warning.File.ShouldBe(path);
                warning.Message.ShouldStartWith("Compiled-method cache entry discarded: ");
                TestMethods.RecordText(rebuilt.Method.ShouldNotBeNull(), LoanExample).ShouldBe(TestMethods.RecordText(reference.Method.ShouldNotBeNull(), LoanExample));
                rebuilt.CacheEntry.ShouldBe(path);
            }
        }

        // The rebuilt entry is whole again.
        var (again, againRoslyn) = Compile(LoanDir);
        using (again.Method)
        {
            again.FromCache.ShouldBeTrue();
            againRoslyn.ShouldBe(0);
            again.Diagnostics.ShouldBeEmpty();
        }
    }

    [Fact]
    public void Compile_UnreadableEntry_IsAWarningNotAnError()
    {
        var (reference, _) = Compile(LoanDir);
        reference.Method?.Dispose();
        var path = reference.CacheEntry.ShouldNotBeNull();

        // A folder where the entry should be: it cannot be read (nor replaced, so the result is not cached either).
        File.Delete(path);
        Directory.CreateDirectory(path);

        var (result, roslyn) = Compile(LoanDir);
        using (result.Method)
        {
            result.Success.ShouldBeTrue();
            result.FromCache.ShouldBeFalse();
            roslyn.ShouldBe(1);
            result.Diagnostics.ShouldNotBeEmpty();
            result.Diagnostics.ShouldAllBe(d => d.Severity == Severity.Warning);
        }
    }

    [Fact]
    public void Compile_ChangedFormula_IsADifferentKeyAndTheOldEntryIsNotUsed()
    {
        var copy = Path.Combine(cache + "-method", "loan");
        ScratchFolder.Copy(LoanDir, copy);
        try
        {
            var (first, _) = Compile(copy);
            first.Method?.Dispose();

            var file = Path.Combine(copy, "method.json");
            var text = File.ReadAllText(file);
            var formula = FirstFormula().Match(text);
            formula.Success.ShouldBeTrue();
            File.WriteAllText(file, text.Replace(formula.Value, formula.Value[..^1] + " + 0\"", StringComparison.Ordinal));

            var (second, roslyn) = Compile(copy);
            using (second.Method)
            {
                second.Success.ShouldBeTrue(string.Join("\n", second.Diagnostics));
                second.FromCache.ShouldBeFalse();
                roslyn.ShouldBe(1);
                second.Diagnostics.ShouldBeEmpty();
                second.CacheEntry.ShouldNotBe(first.CacheEntry);
                Entries().Length.ShouldBe(2);
            }
        }
        finally
        {
            Directory.Delete(cache + "-method", recursive: true);
        }
    }

    [Fact]
    public void Compile_EntryOfAnOlderEngine_IsNotUsed()
    {
        var (first, _) = Compile(LoanDir);
        var method = first.Method.ShouldNotBeNull();
        var key = CacheKey.For(method.Method, method.GeneratedSource);
        method.Dispose();
        var current = File.ReadAllBytes(first.CacheEntry.ShouldNotBeNull());

        // The same entry as written by engine 0.0.1: filed under that engine's key, which this engine never looks up.
        var stale = key with { EngineVersion = "0.0.1" };
        stale.Value.ShouldNotBe(key.Value);
        var staleEntry = CompiledMethodCache.Decode(current, key.Value) with { Key = stale.Value };
        var stalePath = CompiledMethodCache.EntryPath(cache, stale.Value);
        File.WriteAllBytes(stalePath, CompiledMethodCache.Encode(staleEntry));
        File.Delete(first.CacheEntry);

        var (second, roslyn) = Compile(LoanDir);
        using (second.Method)
        {
            second.FromCache.ShouldBeFalse();
            roslyn.ShouldBe(1);
            second.Diagnostics.ShouldBeEmpty();
            second.CacheEntry.ShouldBe(first.CacheEntry);
            File.ReadAllBytes(stalePath).ShouldBe(CompiledMethodCache.Encode(staleEntry), "another key's entry is left alone");
        }
    }

    [Theory]
    [InlineData("method")]
    [InlineData("base")]
    [InlineData("engine")]
    [InlineData("engine-build")]
    [InlineData("roslyn")]
    [InlineData("runtime")]
    [InlineData("source")]
    public void Key_ChangesWithEachOfItsParts(string part)
    {
        var key = new CacheKey(new string('a', 64), [], "1.0.0", "build", "roslyn", "10.0.0", new string('b', 64));
        var changed = part switch
        {
            "method" => key with { MethodSha256 = new string('c', 64) },
            "base" => key with { Bases = [new MethodReference("base@1.0.0", new string('d', 64))] },
            "engine" => key with { EngineVersion = "1.0.1" },
            "engine-build" => key with { EngineBuild = "other" },
            "roslyn" => key with { RoslynVersion = "other" },
            "runtime" => key with { RuntimeVersion = "10.0.1" },
            _ => key with { SourceSha256 = new string('e', 64) },
        };

        changed.Value.ShouldNotBe(key.Value);
        key.Value.ShouldMatch("^[0-9a-f]{64}$");
        key.Text.ShouldStartWith(CacheKey.Format + "\n");
    }

    [Fact]
    public void Compile_NoCache_NeitherReadsNorWrites()
    {
        var (cached, _) = Compile(LoanDir);
        cached.Method?.Dispose();
        var before = Snapshot();

        var (result, roslyn) = Compile(LoanDir, Options with { NoCache = true });
        using (result.Method)
        {
            result.Success.ShouldBeTrue();
            result.FromCache.ShouldBeFalse();
            roslyn.ShouldBe(1, "NoCache compiles even though an entry exists");
            result.CacheEntry.ShouldBeNull();
            result.Diagnostics.ShouldBeEmpty();
        }

        Snapshot().ShouldBe(before);

        var empty = cache + "-empty";
        var (other, _) = Compile(LoanDir, new CompileOptions { NoCache = true, CacheDirectory = empty });
        other.Method?.Dispose();
        Directory.Exists(empty).ShouldBeFalse("NoCache does not even create the folder");
    }

    [Fact]
    public void Compile_FormulaError_IsNotCachedAndReportedEveryTime()
    {
        var text = TestMethods.Method(indicators: "[ " + TestMethods.Indicator("y", "number", TestMethods.Quote("x + undefinedName")) + " ]");

        var first = MethodCompiler.Compile(TestMethods.Valid(text), Options);
        var roslynBefore = MethodCompiler.RoslynCompilationsOnThisThread;
        var second = MethodCompiler.Compile(TestMethods.Valid(text), Options);

        MethodCompiler.RoslynCompilationsOnThisThread.ShouldBe(roslynBefore + 1);
        first.Success.ShouldBeFalse();
        second.Success.ShouldBeFalse();
        second.FromCache.ShouldBeFalse();
        second.CacheEntry.ShouldBeNull();
        second.Diagnostics.Select(d => d.ToString()).ShouldBe(first.Diagnostics.Select(d => d.ToString()));
        second.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.FormulaCompile);
        Entries().ShouldBeEmpty();
    }

    [Fact]
    public void Compile_ManyThreadsAtOnce_AllSucceedAndOneValidEntryRemains()
    {
        const int Threads = 4;
        var results = new CompileResult[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = Engine.LoadAndCompile(LoanDir, null, Options);
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        try
        {
            foreach (var r in results)
            {
                r.Success.ShouldBeTrue(string.Join("\n", r.Diagnostics));
                r.Diagnostics.ShouldBeEmpty();
                TestMethods.RecordText(r.Method!, LoanExample).ShouldBe(TestMethods.RecordText(results[0].Method!, LoanExample));
            }

            Directory.GetFiles(cache).Select(Path.GetFileName).ShouldBe([Path.GetFileName(results[0].CacheEntry)], "one entry, no temporary file");
        }
        finally
        {
            foreach (var r in results)
            {
                r.Method?.Dispose();
            }
        }

        var (after, roslyn) = Compile(LoanDir);
        using (after.Method)
        {
            after.FromCache.ShouldBeTrue();
            roslyn.ShouldBe(0);
            after.Diagnostics.ShouldBeEmpty();
        }
    }

    [Fact]
    public void Directory_OptionsThenVariableThenDefault()
    {
        static string? Env(string name) => name == CompileOptions.CacheDirectoryVariable ? "/from/variable" : null;

        CompiledMethodCache.Directory(new CompileOptions { CacheDirectory = "/from/options" }, Env).ShouldBe(Path.GetFullPath("/from/options"));
        CompiledMethodCache.Directory(CompileOptions.Default, Env).ShouldBe(Path.GetFullPath("/from/variable"));
        CompiledMethodCache.Directory(new CompileOptions { NoCache = true, CacheDirectory = "/from/options" }, Env).ShouldBeNull();
        CompileOptions.Default.NoCache.ShouldBeFalse();
        CompileOptions.Default.CacheDirectory.ShouldBeNull();
    }

    [Fact]
    public void DefaultCandidates_XdgThenLocalApplicationDataThenAPrivateTempFolder()
    {
        var home = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "home"));
        var xdg = Path.Combine(home, "xdg-cache");
        var local = Path.Combine(home, "local");
        var temp = Path.GetTempPath();

        CompiledMethodCache.DefaultCandidates(n => n == "XDG_CACHE_HOME" ? xdg : null, local, temp, "jo/e").ShouldBe(
        [
            (Path.Combine(xdg, "rse"), false),
            (Path.Combine(local, "rse", "cache"), false),
            (Path.Combine(temp, "rse-cache-jo_e"), true),
        ]);
        CompiledMethodCache.DefaultCandidates(n => n == "XDG_CACHE_HOME" ? "relative/path" : null, local, temp, "joe")
            .Select(c => c.Path).ShouldBe([Path.Combine(local, "rse", "cache"), Path.Combine(temp, "rse-cache-joe")]);
        CompiledMethodCache.DefaultCandidates(_ => null, string.Empty, temp, "..")
            .Select(c => c.Path).ShouldBe([Path.Combine(temp, "rse-cache-user")]);
    }



    /// <summary>Damages an entry in one way; "hashes fixed" variants recompute the hashes so that only the deeper checks catch them.</summary>
    private static void Corrupt(string path, string corruption)
    {
        var bytes = File.ReadAllBytes(path);
        var firstNewline = Array.IndexOf(bytes, (byte)'\n');
        var secondNewline = Array.IndexOf(bytes, (byte)'\n', firstNewline + 1);
        var thirdNewline = Array.IndexOf(bytes, (byte)'\n', secondNewline + 1);
        var metadata = Encoding.UTF8.GetString(bytes, firstNewline + 1, secondNewline - firstNewline - 1);
        var key = Path.GetFileNameWithoutExtension(path);
        switch (corruption)
        {
            case "truncated assembly":
                bytes = bytes[..^100];
                break;
            case "truncated header":
                bytes = bytes[..(secondNewline - 10)];
                break;
            case "empty file":
                bytes = [];
                break;
            case "flipped assembly byte":
                bytes[thirdNewline + 1 + ((bytes.Length - thirdNewline) / 2)] ^= 0x40;
                break;
            case "garbled metadata":
                var at = firstNewline + 1 + metadata.IndexOf("\"order\":[", StringComparison.Ordinal) + "\"order\":[".Length;
                bytes[at] = (byte)(bytes[at] == (byte)'0' ? '1' : '0');
                break;
            case "garbled metadata hash":
                bytes[secondNewline + 1] = (byte)(bytes[secondNewline + 1] == (byte)'a' ? 'b' : 'a');
                break;
            case "other format":
                bytes[firstNewline - 1] = (byte)'9';
                break;
            case "appended bytes":
                bytes = [.. bytes, 1, 2, 3];
                break;
            case "order rewritten, hashes fixed":
                {
                    var entry = CompiledMethodCache.Decode(bytes, key);
                    bytes = CompiledMethodCache.Encode(entry with { Order = [.. entry.Order.Skip(1), entry.Order[0], entry.Order[0]] });
                    break;
                }

            case "reads rewritten, hashes fixed":
                {
                    var entry = CompiledMethodCache.Decode(bytes, key);
                    bytes = CompiledMethodCache.Encode(entry with { Reads = [.. entry.Reads.Skip(1), ["System"]] });
                    break;
                }

            case "assembly replaced, hashes fixed":
                {
                    var entry = CompiledMethodCache.Decode(bytes, key);
                    var garbage = Enumerable.Range(0, entry.Image.Length).Select(i => (byte)i).ToArray();
                    bytes = CompiledMethodCache.Encode(entry with { Image = garbage });
                    break;
                }

            default:
                {
                    // A whole, valid entry, but of another key, filed under this one.
                    var entry = CompiledMethodCache.Decode(bytes, key);
                    bytes = CompiledMethodCache.Encode(entry with { Key = new string('0', 64) });
                    break;
                }
        }

        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void Compile_CacheHit_MarksTheEntryUsedForPruning()
    {
        var (first, _) = Compile(LoanDir);
        first.Method!.Dispose();
        var entry = first.CacheEntry.ShouldNotBeNull();
        File.SetLastWriteTimeUtc(entry, DateTime.UtcNow.AddDays(-40));

        var (second, roslyn) = Compile(LoanDir);
        second.Method!.Dispose();

        roslyn.ShouldBe(0);
        (DateTime.UtcNow - File.GetLastWriteTimeUtc(entry)).ShouldBeLessThan(TimeSpan.FromMinutes(5));
        CacheMaintenance.Prune(cache, TimeSpan.FromDays(30), DateTime.UtcNow).Removed.ShouldBeEmpty();
        // The entry, and the schema pass of the method file (written when it was first loaded).
        CacheMaintenance.Prune(cache, TimeSpan.FromDays(30), DateTime.UtcNow.AddDays(31)).Removed.Select(f => Path.GetFileName(f.Path)).ShouldBe([Path.GetFileName(entry), SchemaPasses.Key(File.ReadAllText(Path.Combine(LoanDir, "method.json")))]);
        Entries().ShouldBeEmpty();
    }

    [Fact]
    public void CacheMaintenance_Clear_DeletesEntriesTemporaryFilesAndSchemaPassesOnly()
    {
        Directory.CreateDirectory(cache);
        var (first, _) = Compile(LoanDir);
        first.Method!.Dispose();
        File.WriteAllText(Path.Combine(cache, "left-by-a-dead-process" + CompiledMethodCache.TemporaryExtension), "x");
        File.WriteAllText(Path.Combine(cache, "notes.txt"), "not ours");

        var inventory = CacheMaintenance.Inventory(cache);
        inventory.Entries.Count.ShouldBe(1);
        inventory.Temporary.Count.ShouldBe(1);
        inventory.Passes.Count.ShouldBe(1); // the loan method's file passed the method schema
        File.WriteAllText(Path.Combine(cache, SchemaPasses.Folder, "readme.txt"), "not ours either");
        inventory.EntryBytes.ShouldBe(new FileInfo(first.CacheEntry!).Length);

        var removal = CacheMaintenance.Clear(cache);

        removal.Removed.Count.ShouldBe(3);
        removal.Failed.ShouldBeEmpty();
        Directory.GetFiles(cache).Select(Path.GetFileName).ShouldBe(["notes.txt"]);
        Directory.GetFiles(Path.Combine(cache, SchemaPasses.Folder)).Select(Path.GetFileName).ShouldBe(["readme.txt"]);
        CacheMaintenance.Inventory(Path.Combine(cache, "missing")).Entries.ShouldBeEmpty();
    }

    private (CompileResult Result, int RoslynCompilations) Compile(string reference, CompileOptions? options = null)
    {
        var before = MethodCompiler.RoslynCompilationsOnThisThread;
        var result = Engine.LoadAndCompile(reference, null, options ?? Options);
        return (result, MethodCompiler.RoslynCompilationsOnThisThread - before);
    }

    private string[] Entries() =>
        Directory.Exists(cache) ? Directory.GetFiles(cache, "*" + CompiledMethodCache.EntryExtension) : [];

    private string[] Snapshot() =>
        Directory.GetFiles(cache).Order(StringComparer.Ordinal)
            .Select(f => f + " " + Convert.ToHexString(File.ReadAllBytes(f)) + " " + File.GetLastWriteTimeUtc(f).Ticks).ToArray();

    [GeneratedRegex("\"formula\": \"[^\"]+\"")]
    private static partial Regex FirstFormula();
}
