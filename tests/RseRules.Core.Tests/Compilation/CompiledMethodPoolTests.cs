using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// The pool of compiled methods a long-lived process keeps: a method compiled once is handed out again, for its
/// definition read again (from another folder too), without Roslyn and without reading the cache folder; what it hands
/// out evaluates as the first compilation did; disposing a share unloads nothing; the least recently used method goes
/// beyond the capacity; <c>NoCache</c> bypasses it. Each test has its own cache folder and a method of its own (a title
/// changed, so a content hash and an assembly name no other test loads).
/// </summary>
public sealed class CompiledMethodPoolTests : IDisposable
{
    private static readonly string LoanDir = Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0");
    private static readonly string LoanExample = Path.Combine(LoanDir, "examples", "delivery-van.json");

    private readonly ScratchFolder scratch = new();

    private string Cache => Path.Combine(scratch.Path, "cache");

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Compile_SameMethodAgainFromAnotherFolder_ThePoolsAssemblyWithTheNewDefinition()
    {
        using var pool = new CompiledMethodPool();
        var options = new CompileOptions { CacheDirectory = Cache, Pool = pool };
        var first = Method("a");
        var (a, roslynA) = Compile(first, options);
        roslynA.ShouldBe(1);
        pool.Count.ShouldBe(1);
        var expected = TestMethods.RecordText(a.Method!, LoanExample);

        // The cache entry spoiled: reading it would be a warning and a compilation; the pool needs only that it is there.
        File.WriteAllText(a.CacheEntry.ShouldNotBeNull(), "spoiled");
        var copy = Path.Combine(scratch.Path, "elsewhere");
        ScratchFolder.Copy(first, copy);
        var (b, roslynB) = Compile(copy, options);

        roslynB.ShouldBe(0, "the pool's method, not a compilation");
        b.FromCache.ShouldBeTrue();
        b.Diagnostics.ShouldBeEmpty("the spoiled entry was not read");
        Path.GetFullPath(b.Method!.Method.Source.Path).ShouldBe(Path.GetFullPath(Path.Combine(copy, "method.json")), "the definition read this time, with its own file");
        Path.GetFullPath(a.Method!.Method.Source.Path).ShouldBe(Path.GetFullPath(Path.Combine(first, "method.json")));
        TestMethods.RecordText(b.Method!, LoanExample).ShouldBe(expected);
        pool.Count.ShouldBe(1);
    }

    [Fact]
    public void Dispose_OfWhatThePoolHandedOut_UnloadsNothingUntilThePoolIsDisposed()
    {
        var pool = new CompiledMethodPool();
        var options = new CompileOptions { CacheDirectory = Cache, Pool = pool };
        var dir = Method("b");
        var name = AssemblyName(dir, options, pool);
        CountLoaded(name).ShouldBe(1, "disposing the shares left the pool's assembly loaded");

        var (again, roslyn) = Compile(dir, options);
        roslyn.ShouldBe(0);
        TestMethods.RecordText(again.Method!, LoanExample).ShouldNotBeEmpty();
        again.Method!.Dispose();

        pool.Dispose();
        pool.Count.ShouldBe(0);
        CountLoaded(name).ShouldBe(0, "the pool unloads what it kept when disposed");
    }

    [Fact]
    public void Compile_MoreMethodsThanTheCapacity_LeastRecentlyUsedIsUnloaded()
    {
        using var pool = new CompiledMethodPool(capacity: 1);
        var options = new CompileOptions { CacheDirectory = Cache, Pool = pool };
        var one = Method("c1");
        var two = Method("c2");
        using (Compile(one, options).Result.Method)
        using (Compile(two, options).Result.Method)
        {
            pool.Count.ShouldBe(1);
        }

        // With the cache entries spoiled, the evicted method needs Roslyn again; the kept one does not.
        foreach (var entry in Directory.GetFiles(Cache, "*" + CompiledMethodCache.EntryExtension))
        {
            File.WriteAllText(entry, "spoiled");
        }

        Compile(two, options).RoslynCompilations.ShouldBe(0);
        Compile(one, options).RoslynCompilations.ShouldBe(1, "the first method went when the second came");
    }

    [Fact]
    public void Compile_CacheFolderCleared_CompiledAndWrittenAgainNotServedFromThePool()
    {
        using var pool = new CompiledMethodPool();
        var options = new CompileOptions { CacheDirectory = Cache, Pool = pool };
        var dir = Method("e");
        var (first, _) = Compile(dir, options);
        var expected = TestMethods.RecordText(first.Method!, LoanExample);

        Directory.Delete(Cache, recursive: true);
        var (again, roslyn) = Compile(dir, options);

        roslyn.ShouldBe(1, "the pool mirrors the cache folder: a cleared cache is compiled again");
        again.FromCache.ShouldBeFalse();
        File.Exists(again.CacheEntry.ShouldNotBeNull()).ShouldBeTrue("and its entry written again");
        TestMethods.RecordText(again.Method!, LoanExample).ShouldBe(expected);
        pool.Count.ShouldBe(1);
        Compile(dir, options).RoslynCompilations.ShouldBe(0);
    }

    [Fact]
    public void Compile_NoCacheWithAPool_ThePoolIsNeitherReadNorFilled()
    {
        using var pool = new CompiledMethodPool();
        var options = new CompileOptions { CacheDirectory = Cache, Pool = pool, NoCache = true };
        var dir = Method("d");
        using (Compile(dir, options).Result.Method)
        using (var second = Compile(dir, options).Result.Method)
        {
            pool.Count.ShouldBe(0);
        }

        Compile(dir, options with { NoCache = false }).RoslynCompilations.ShouldBe(1);
        Compile(dir, options with { NoCache = true }).RoslynCompilations.ShouldBe(1);
    }

    /// <summary>Compiles the method twice through the pool, disposing both shares, and returns its assembly's name (in a
    /// method of its own, so that no local of the caller holds the assembly).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string AssemblyName(string dir, CompileOptions options, CompiledMethodPool pool)
    {
        var (first, _) = Compile(dir, options);
        var name = "RseRules.Generated." + first.Method!.Method.Sha256[..16];
        first.Method.Dispose();
        var (second, _) = Compile(dir, options);
        second.Method!.Dispose();
        pool.Count.ShouldBe(1);
        return name;
    }

    private static int CountLoaded(string name)
    {
        for (var i = 0; i < 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return AssemblyLoadContext.All.Count(c => c.Name == name);
    }

    /// <summary>A copy of the loan-vs-lease method with its title changed: a content (and assembly name) of its own.</summary>
    private string Method(string tag)
    {
        var dir = Path.Combine(scratch.Path, "method-" + tag);
        ScratchFolder.Copy(LoanDir, dir);
        var file = Path.Combine(dir, "method.json");
        var text = File.ReadAllText(file);
        var at = text.IndexOf("\"title\": { \"fr\": \"", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0);
        var value = at + "\"title\": { \"fr\": \"".Length;
        File.WriteAllText(file, text[..value] + "Pool test " + tag + " " + Guid.NewGuid().ToString("N") + " — " + text[value..]);
        return dir;
    }

    private static (CompileResult Result, int RoslynCompilations) Compile(string reference, CompileOptions options)
    {
        var before = MethodCompiler.RoslynCompilationsOnThisThread;
        var result = Engine.LoadAndCompile(reference, null, options);
        result.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return (result, MethodCompiler.RoslynCompilationsOnThisThread - before);
    }


}
