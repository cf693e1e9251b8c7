using CsCheck;
using RseRules.Core.Diagnostics;
using RseRules.Core.Loading;
using RseRules.Core.Tests.Support;
using RseRules.Tests.Shared;

namespace RseRules.Core.Tests.Loading;

/// <summary>
/// Random mutations of valid method files (the norm, and an overlay of it) never make the loader throw: every broken
/// file comes back as diagnostics, and a method is returned exactly when no error was found. No compilation here (see
/// the CLI's property tests for that): loading is what a fuzzer can run thousands of times.
/// </summary>
public sealed class MethodLoaderPropertyTests : IDisposable
{
    private const int Iterations = 400;

    private static readonly string NormPath = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0", "method.json");
    private static readonly string OverlayPath = Path.Combine(Repo.Root, "methods", "valmont-rse", "1.0.0", "method.json");

    private readonly ScratchFolder scratch = new();

    public MethodLoaderPropertyTests()
    {
        // A methods folder of its own, without manifest (mutations are drafts), with the overlay's base beside it.
        var baseDir = Path.Combine(scratch.Path, "rse-value", "1.0.0");
        Directory.CreateDirectory(baseDir);
        File.Copy(NormPath, Path.Combine(baseDir, "method.json"));
    }

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Load_MutatedNorm_ReturnsDiagnosticsNeverThrows()
    {
        var text = File.ReadAllText(NormPath);
        // A block body: with a bool-valued lambda, Sample would take the predicate overload and fail on invalid methods.
        JsonMutator.Steps.Sample(mutations => { LoadNeverThrows(JsonMutator.Apply(text, mutations), "norm"); },
            iter: Iterations, print: m => JsonMutator.Describe(text, m));
    }

    [Fact]
    public void Load_MutatedOverlay_ReturnsDiagnosticsNeverThrows()
    {
        var text = File.ReadAllText(OverlayPath);
        JsonMutator.Steps.Sample(mutations => { LoadNeverThrows(JsonMutator.Apply(text, mutations), "valmont-rse"); },
            iter: Iterations, print: m => JsonMutator.Describe(text, m));
    }

    [Fact]
    public void Load_UnmutatedFiles_Valid()
    {
        // The property tests start from valid files: were they not, every mutation would stop at the same error.
        LoadNeverThrows(File.ReadAllBytes(NormPath), "norm").ShouldBeTrue();
        LoadNeverThrows(File.ReadAllBytes(OverlayPath), "valmont-rse").ShouldBeTrue();
    }

    [Fact]
    public void Load_RegressionMethods_ReturnDiagnosticsNeverThrow()
    {
        // Method files that once crashed the loader (found by these properties or by the fuzzer): TestData/regressions/methods.
        var files = Directory.GetFiles(TestMethods.Data("regressions", "methods"), "*.json");
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            Should.NotThrow(() => LoadNeverThrows(File.ReadAllBytes(file), "regression"), file);
        }
    }

    /// <summary>Loads a method file written at <c>&lt;scratch&gt;/&lt;id&gt;/&lt;unique&gt;/method.json</c>; returns whether it is valid.</summary>
    private bool LoadNeverThrows(byte[] bytes, string id)
    {
        var valid = false;
        JsonMutator.Keeping(bytes, "method-" + id, () => valid = Load(bytes, id));
        return valid;
    }

    private bool Load(byte[] bytes, string id)
    {
        var dir = Path.Combine(scratch.Path, id, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "method.json");
        File.WriteAllBytes(path, bytes);

        var loaded = MethodLoader.Load(path);

        var errors = loaded.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        (loaded.Value is null).ShouldBe(errors.Count > 0, string.Join("\n", loaded.Diagnostics));
        loaded.Diagnostics.ShouldAllBe(d => !string.IsNullOrEmpty(d.Message));
        Directory.Delete(dir, recursive: true);
        return loaded.Value is not null;
    }
}
