using System.Text.Json;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary><c>rse new inputs</c> and <c>rse new method</c>: what they write validates and evaluates as is.</summary>
public class NewCommandTests
{
    /// <summary>Every shipped method folder: methods/*/* and tests/methods/*/* that hold a method.json (found, not listed).</summary>
    public static TheoryData<string, bool> ShippedMethods()
    {
        var data = new TheoryData<string, bool>();
        foreach (var root in new[] { Path.Combine(Repo.Root, "methods"), Repo.TestMethodsDir })
        {
            foreach (var dir in Directory.GetDirectories(root).SelectMany(Directory.GetDirectories).Where(d => File.Exists(Path.Combine(d, "method.json"))).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(Repo.Root, dir).Replace('\\', '/');
                data.Add(relative, false);
                data.Add(relative, true);
            }
        }

        return data;
    }

    [Fact]
    public void ShippedMethods_AreFound()
    {
        // The glob must see at least the norm's two published versions, the overlay and the loan test method.
        ShippedMethods().Select(row => (string)row[0]).Distinct().Count().ShouldBeGreaterThanOrEqualTo(4);
    }

    [Theory]
    [MemberData(nameof(ShippedMethods))]
    public void NewInputs_EveryShippedMethod_WritesADocumentThatValidatesAndEvaluates(string method, bool neutral)
    {
        using var temp = new TempFolder();
        var dir = Path.Combine(Repo.Root, method);
        var output = temp.File("starter.json");
        string[] args = neutral ? ["new", "inputs", "--method", dir, "--out", output, "--no-example"] : ["new", "inputs", "--method", dir, "--out", output];

        var r = Rse.Run(args);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldContain(neutral ? "(neutral figures)" : output);
        var evaluation = Rse.Run("evaluate", "--method", dir, "--inputs", output, "--format", "json");
        evaluation.ExitCode.ShouldBe(ExitCodes.Success, evaluation.ToString());
        evaluation.Stderr.ShouldNotContain("error");

        using var document = IndependentJson.ParseFile(output);
        var schemaRef = document.RootElement.GetProperty("$schema").GetString()!;
        var schemaPath = Path.Combine(temp.Path, schemaRef);
        File.Exists(schemaPath).ShouldBeTrue(schemaRef);
        File.ReadAllText(schemaPath).ShouldBe(Rse.Run("schema", "--method", dir).Stdout);
    }

    [Fact]
    public void NewInputs_NeutralLoanDocument_FollowsTheDeclarations()
    {
        using var temp = new TempFolder();
        var output = temp.File("loan.json");

        var r = Rse.Run("new", "inputs", "--method", Repo.LoanMethodDir, "--out", output, "--no-example");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        using var doc = IndependentJson.ParseFile(output);
        using var method = IndependentJson.ParseFile(Path.Combine(Repo.LoanMethodDir, "method.json"));
        var inputs = method.RootElement.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var root = doc.RootElement;
        // Series length follows the horizon, which is at its lower bound (1); the enum takes its first value; one
        // maintenance line, named by its key; numbers at zero or their lower bound.
        root.GetProperty("horizonYears").GetInt32().ShouldBe(inputs["horizonYears"].GetProperty("min").GetInt32());
        root.GetProperty("leasePayments").GetArrayLength().ShouldBe(root.GetProperty("horizonYears").GetInt32());
        root.GetProperty("preference").GetString().ShouldBe(inputs["preference"].GetProperty("values")[0].GetProperty("value").GetString());
        root.GetProperty("maintenance").GetArrayLength().ShouldBe(1);
        root.GetProperty("maintenance")[0].GetProperty("id").GetString().ShouldBe("maintenance1");
        root.GetProperty("loanYears").GetInt32().ShouldBe(inputs["loanYears"].GetProperty("min").GetInt32());
        root.GetProperty("assetPrice").GetDouble().ShouldBe(0);
    }

    [Fact]
    public void NewInputs_FromCatalogue_SaysTheMethodHasNoCatalogue()
    {
        using var temp = new TempFolder();

        var r = Rse.Run("new", "inputs", "--method", Repo.LoanMethodDir, "--out", temp.File("x.json"), "--from-catalogue");

        r.ExitCode.ShouldBe(ExitCodes.Invalid);
        r.Stderr.ShouldContain("loan-vs-lease@1.0.0 declares no catalogue: no collection input names a catalogue parameter");
        File.Exists(temp.File("x.json")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("fr", "Satisfaction client", "Dérive budgétaire")]
    [InlineData("en", "Customer satisfaction", "Budget overrun")]
    public void NewInputs_NormFromCatalogue_TheCatalogueInTheLanguageThatEvaluates(string lang, string stake2, string risk6)
    {
        using var temp = new TempFolder();
        var output = temp.File("start.json");

        var r = Rse.Run("new", "inputs", "--method", "rse-value@1.2.0", "--methods-dir", Path.Combine(Repo.Root, "methods"), "--from-catalogue", "--lang", lang, "--out", output);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        r.Stdout.ShouldContain("stakes from catalogue stakeCatalogue, usages from catalogue usageCatalogue, risks from catalogue riskCatalogue; the rest: the values of");
        using var doc = IndependentJson.ParseFile(output);
        var root = doc.RootElement;
        // NORM §8: 6 stakes, 10 usages, 6 risks.
        root.GetProperty("stakes").GetArrayLength().ShouldBe(6);
        root.GetProperty("usages").GetArrayLength().ShouldBe(10);
        root.GetProperty("risks").GetArrayLength().ShouldBe(6);
        root.GetProperty("stakes")[1].GetProperty("label").GetString().ShouldBe(stake2);
        root.GetProperty("risks")[5].GetProperty("label").GetString().ShouldBe(risk6);
        root.GetProperty("stakes").EnumerateArray().Sum(s => s.GetProperty("weight").GetDouble()).ShouldBe(100);
        var evaluation = Rse.Run("evaluate", "--method", "rse-value@1.2.0", "--methods-dir", Path.Combine(Repo.Root, "methods"), "--inputs", output, "--format", "json");
        evaluation.ExitCode.ShouldBe(ExitCodes.Success, evaluation.ToString());
    }

    [Fact]
    public void NewInputs_ExistingFile_IsKeptUnlessForced()
    {
        using var temp = new TempFolder();
        var output = temp.File("x.json");
        File.WriteAllText(output, "keep");

        var r = Rse.Run("new", "inputs", "--method", Repo.LoanMethodDir, "--out", output);

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        File.ReadAllText(output).ShouldBe("keep");
        Rse.Run("new", "inputs", "--method", Repo.LoanMethodDir, "--out", output, "--force").ExitCode.ShouldBe(ExitCodes.Success);
    }

    [Theory]
    [InlineData("rse-value", "1.1.0")]
    [InlineData("valmont-rse", "1.0.0")]
    public void NewMethod_OverlaySkeleton_ValidatesAndItsTestPasses(string baseId, string baseVersion)
    {
        using var temp = new TempFolder();
        var methods = temp.CopyFolder(Path.Combine(Repo.Root, "methods"), "methods");

        var r = Rse.Run("new", "method", "--extends", Path.Combine(methods, baseId, baseVersion), "--id", "acme-rse");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        var dir = Path.Combine(methods, "acme-rse", "1.0.0");
        File.Exists(Path.Combine(dir, "README.md")).ShouldBeTrue();
        using var method = IndependentJson.ParseFile(Path.Combine(dir, "method.json"));
        method.RootElement.GetProperty("extends").GetString().ShouldBe(baseId + "@" + baseVersion);
        using var manifest = IndependentJson.ParseFile(Path.Combine(Repo.Root, "methods", "manifest.json"));
        method.RootElement.GetProperty("baseSha256").GetString().ShouldBe(manifest.RootElement.GetProperty("published").GetProperty(baseId + "@" + baseVersion).GetString());
        File.Exists(Path.Combine(dir, method.RootElement.GetProperty("$schema").GetString()!)).ShouldBeTrue();
        Rse.Run("validate", dir).ExitCode.ShouldBe(ExitCodes.Success);
        var test = Rse.Run("test", dir);
        test.ExitCode.ShouldBe(ExitCodes.Success, test.ToString());
        test.Stdout.ShouldContain("1 passed, 0 failed");
    }

    [Fact]
    public void NewMethod_ChangedBase_FailsOnThePinnedHash()
    {
        using var temp = new TempFolder();
        var methods = temp.CopyFolder(Path.Combine(Repo.Root, "methods"), "methods");
        var loan = temp.CopyFolder(Repo.LoanMethodDir, Path.Combine("methods", "loan-vs-lease", "1.0.0"));
        Rse.Run("new", "method", "--extends", loan, "--id", "acme-loan").ExitCode.ShouldBe(ExitCodes.Success);
        var file = Path.Combine(loan, "method.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"value\": 500,", "\"value\": 501,", StringComparison.Ordinal));

        var r = Rse.Run("validate", Path.Combine(methods, "acme-loan", "1.0.0"));

        r.ExitCode.ShouldBe(ExitCodes.Invalid);
        r.Stderr.ShouldContain("error RSE3011");
        r.Stderr.ShouldContain("[/baseSha256]");
    }

    [Theory]
    [InlineData("Acme", "--id must be lower-case kebab")]
    [InlineData("acme", "is not empty")]
    public void NewMethod_BadIdOrUsedFolder_IsAUsageError(string id, string message)
    {
        using var temp = new TempFolder();
        var methods = temp.CopyFolder(Path.Combine(Repo.Root, "methods"), "methods");
        Directory.CreateDirectory(Path.Combine(methods, "acme", "1.0.0"));
        File.WriteAllText(Path.Combine(methods, "acme", "1.0.0", "method.json"), "{}");

        var r = Rse.Run("new", "method", "--extends", Path.Combine(methods, "rse-value", "1.1.0"), "--id", id);

        r.ExitCode.ShouldBe(ExitCodes.Usage, r.ToString());
        r.Stderr.ShouldContain(message);
    }
}
