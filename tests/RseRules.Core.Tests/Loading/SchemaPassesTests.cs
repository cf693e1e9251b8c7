using RseRules.Core.Compilation;
using RseRules.Core.Loading;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Loading;

/// <summary>
/// A method file that passed the method schema is remembered in the cache folder and skips the schema when loaded again
/// (start-up of a warm <c>rse evaluate</c>); nothing else of loading changes, and a file that failed is never remembered.
/// </summary>
public sealed class SchemaPassesTests : IDisposable
{
    private readonly ScratchFolder cache = new();

    public void Dispose() => cache.Dispose();

    private CompileOptions Options => CompileOptions.Default with { CacheDirectory = cache.Path };

    private string[] Entries() => Directory.Exists(Path.Combine(cache.Path, SchemaPasses.Folder)) ? Directory.GetFiles(Path.Combine(cache.Path, SchemaPasses.Folder)) : [];

    private static string Norm => Path.Combine(Repo.Root, "methods", "rse-value", "1.2.0", "method.json");

    [Fact]
    public void Load_ValidMethodTwice_RememberedOnceAndTheSameMethod()
    {
        var first = MethodLoader.Load(Norm, Options);
        var entries = Entries();
        var second = MethodLoader.Load(Norm, Options);

        first.Diagnostics.ShouldBeEmpty();
        entries.ShouldHaveSingleItem();
        Path.GetFileName(entries[0]).ShouldBe(SchemaPasses.Key(File.ReadAllText(Norm)));
        Entries().ShouldBe(entries);
        second.Diagnostics.ShouldBeEmpty();
        second.Value.ShouldNotBeNull().Sha256.ShouldBe(first.Value!.Sha256);
        second.Value.Indicators.Count.ShouldBe(first.Value.Indicators.Count);
    }

    [Fact]
    public void Load_OverlayAndItsBase_BothRemembered()
    {
        var overlay = Path.Combine(Repo.Root, "methods", "valmont-rse", "1.0.0", "method.json");

        MethodLoader.Load(overlay, Options).Diagnostics.ShouldBeEmpty();

        Entries().Length.ShouldBe(2);
        MethodLoader.Load(overlay, Options).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Load_MethodThatFailsTheSchema_NotRememberedAndStillRefused()
    {
        using var folder = new ScratchFolder();
        var file = Path.Combine(folder.Path, "method.json");
        File.WriteAllText(file, File.ReadAllText(Norm).Replace("\"formatVersion\": 2,", "\"formatVersion\": 2, \"unknownMember\": 1,", StringComparison.Ordinal));

        var first = MethodLoader.Load(file, Options);
        var second = MethodLoader.Load(file, Options);

        first.Value.ShouldBeNull();
        first.Diagnostics.ShouldContain(d => d.Code == Core.Diagnostics.DiagnosticCode.MethodSchema);
        second.Diagnostics.Select(d => d.ToString()).ShouldBe(first.Diagnostics.Select(d => d.ToString()));
        Entries().ShouldBeEmpty();
    }

    [Fact]
    public void Load_FileRememberedAsPassed_SkipsTheSchemaStep()
    {
        // What the cache folder says is trusted, as the compiled-method cache is: an entry for a text skips the schema.
        using var folder = new ScratchFolder();
        var file = Path.Combine(folder.Path, "method.json");
        var text = File.ReadAllText(Norm).Replace("\"formatVersion\": 2,", "\"formatVersion\": 2, \"unknownMember\": 1,", StringComparison.Ordinal);
        File.WriteAllText(file, text);
        Directory.CreateDirectory(Path.Combine(cache.Path, SchemaPasses.Folder));
        File.WriteAllBytes(Path.Combine(cache.Path, SchemaPasses.Folder, SchemaPasses.Key(text)), []);

        var loaded = MethodLoader.Load(file, Options);

        loaded.Diagnostics.ShouldNotContain(d => d.Code == Core.Diagnostics.DiagnosticCode.MethodSchema);
        MethodLoader.Load(file).Diagnostics.ShouldContain(d => d.Code == Core.Diagnostics.DiagnosticCode.MethodSchema);
    }

    [Fact]
    public void Load_WithoutCache_WritesNothing()
    {
        MethodLoader.Load(Norm, Options with { NoCache = true }).Diagnostics.ShouldBeEmpty();

        Directory.Exists(Path.Combine(cache.Path, SchemaPasses.Folder)).ShouldBeFalse();
    }

    [Fact]
    public void Key_OtherText_OtherKey()
    {
        SchemaPasses.Key("{}").ShouldNotBe(SchemaPasses.Key("{ }"));
        SchemaPasses.Key("{}").ShouldBe(SchemaPasses.Key("{}"));
        SchemaPasses.Key("{}").Length.ShouldBe(64);
    }
}
