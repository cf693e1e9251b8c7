using RseRules.Core.Diagnostics;
using RseRules.Core.Loading;

namespace RseRules.Core.Tests.Loading;

public sealed class PublishedManifestTests
{
    private static string Root => Support.Repo.Root;

    [Fact]
    public void Load_PublishedNorm_MatchesItsManifestEntry()
    {
        var diagnostics = new List<Diagnostic>();
        var published = PublishedManifest.Read(Path.Combine(Root, "methods", "manifest.json"), diagnostics);
        diagnostics.ShouldBeEmpty();
        published.ShouldContainKey("rse-value@1.0.0");
        var loaded = MethodLoader.Load(Path.Combine(Root, "methods", "rse-value", "1.0.0", "method.json"));
        loaded.Diagnostics.ShouldBeEmpty();
        loaded.Value!.Sha256.ShouldBe(published["rse-value@1.0.0"]);
    }

    [Fact]
    public void Load_ChangedPublishedVersion_FailsWithPublishedVersionChanged()
    {
        var methods = Directory.CreateTempSubdirectory("rse-manifest-").FullName;
        var folder = Path.Combine(methods, "rse-value", "1.0.0");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Root, "methods", "manifest.json"), Path.Combine(methods, "manifest.json"));
        var text = File.ReadAllText(Path.Combine(Root, "methods", "rse-value", "1.0.0", "method.json"));
        File.WriteAllText(Path.Combine(folder, "method.json"), text.Replace("\"value\": 50,", "\"value\": 55,", StringComparison.Ordinal));

        var loaded = MethodLoader.Load(Path.Combine(folder, "method.json"));

        loaded.Success.ShouldBeFalse();
        loaded.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.PublishedVersionChanged);
    }

    [Fact]
    public void Load_ReformattedPublishedVersion_StillMatches()
    {
        // The hash is over canonical JSON: indentation and member order do not count.
        var methods = Directory.CreateTempSubdirectory("rse-manifest-").FullName;
        var folder = Path.Combine(methods, "rse-value", "1.0.0");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Root, "methods", "manifest.json"), Path.Combine(methods, "manifest.json"));
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(Root, "methods", "rse-value", "1.0.0", "method.json")));
        File.WriteAllText(Path.Combine(folder, "method.json"), json.ToString(Newtonsoft.Json.Formatting.None));

        MethodLoader.Load(Path.Combine(folder, "method.json")).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Publish_SameVersionTwice_IsIdempotentButAChangeIsRefused()
    {
        var methods = Directory.CreateTempSubdirectory("rse-publish-").FullName;
        var folder = Path.Combine(methods, "rse-value", "1.0.0");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Root, "methods", "rse-value", "1.0.0", "method.json"), Path.Combine(folder, "method.json"));
        var method = MethodLoader.Load(Path.Combine(folder, "method.json")).Value!;

        PublishedManifest.Publish(method, methods).ShouldBeNull();
        PublishedManifest.Publish(method, methods).ShouldBeNull();
        PublishedManifest.Publish(method with { Sha256 = new string('a', 64) }, methods).ShouldNotBeNull();
    }
}
