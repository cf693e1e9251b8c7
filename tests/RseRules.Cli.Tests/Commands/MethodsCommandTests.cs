using Newtonsoft.Json.Linq;
using RseRules.Cli.Tests.TestSupport;
using RseRules.Core.Evaluation;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse methods</c> and <c>rse --version</c>: what the tool knows, from where, and what it is.</summary>
public sealed class MethodsCommandTests
{
    [Fact]
    public void Methods_GivenFolder_ListsEveryVersionWithPublicationAndSource()
    {
        var run = Rse.Run("methods", "--methods-dir", Path.Combine(Repo.Root, "methods"), "--format", "json");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        var json = JObject.Parse(run.Stdout);
        json["source"]!.Value<string>().ShouldBe("option");
        json["folder"]!.Value<string>().ShouldBe(Path.GetFullPath(Path.Combine(Repo.Root, "methods")));
        var methods = (JArray)json["methods"]!;
        var references = methods.Select(m => m["reference"]!.Value<string>()).ToList();
        references.ShouldContain("rse-value@1.0.0");
        references.ShouldContain("rse-value@1.1.0");
        references.ShouldContain("valmont-rse@1.0.0");

        // Published = recorded in methods/manifest.json with the method's current hash (read here from the manifest itself).
        var manifest = (JObject)JObject.Parse(File.ReadAllText(Path.Combine(Repo.Root, "methods", "manifest.json")))["published"]!;
        foreach (var m in methods)
        {
            var reference = m["reference"]!.Value<string>()!;
            m["published"]!.Value<bool>().ShouldBe(manifest[reference]?.Value<string>() == m["sha256"]!.Value<string>(), reference);
        }

        methods.Single(m => m["reference"]!.Value<string>() == "valmont-rse@1.0.0")["extends"]!.Values<string>().ShouldBe(["rse-value@1.0.0"]);
    }

    [Fact]
    public void Methods_TextInEnglish_NamesTheFolderItsSourceAndEachTitle()
    {
        var run = Rse.Run("methods", "--methods-dir", Repo.TestMethodsDir, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        run.Stdout.ShouldContain($"Methods folder: {Path.GetFullPath(Repo.TestMethodsDir)} (--methods-dir)");
        run.Stdout.ShouldContain("loan-vs-lease@1.0.0");
        run.Stdout.ShouldContain("Loan or lease: total cost of ownership");
    }

    [Fact]
    public void Methods_FolderThatDoesNotExist_IsAnErrorNotAnEmptyList()
    {
        var run = Rse.Run("methods", "--methods-dir", Path.Combine(Repo.Root, "no-such-folder"));

        run.ExitCode.ShouldBe(ExitCodes.Invalid);
        run.Stderr.ShouldContain("RSE0002");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Version_PrintsToolEngineCommitAndRuntime()
    {
        var run = Rse.Run("--version");

        run.ExitCode.ShouldBe(ExitCodes.Success);
        var lines = run.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(4, run.Stdout);
        lines[0].ShouldMatch(@"^rse \d+\.\d+\.\d+");
        lines[1].ShouldBe("engine " + EvaluationRecord.EngineVersion);
        lines[2].ShouldMatch("^commit ([0-9a-f]{7,40}|unknown)$");
        lines[3].ShouldStartWith("runtime .NET ");
    }
}
