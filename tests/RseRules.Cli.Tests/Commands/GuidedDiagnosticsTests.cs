using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// What a document writer reads from <c>rse evaluate</c> on the norm's rse-value 1.1.0 when the example was copied and
/// mistyped: every input error in one round, sorted by position, with the fix, in the language of <c>--lang</c> (French
/// by default). Positions are found in the written file; messages are written by hand from the method's declarations.
/// </summary>
public class GuidedDiagnosticsTests
{
    private static readonly string MethodDir = Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0");

    private static readonly string Example = File.ReadAllText(Path.Combine(MethodDir, "examples", "example.json"));

    /// <summary>The text with the first occurrence of <paramref name="from"/> replaced.</summary>
    private static string Replace(string text, string from, string to)
    {
        text.ShouldContain(from);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }

    private static string Mistyped()
    {
        var text = Replace(Example, "\"discountRate\": 0.08", "\"discountRate\": 8");
        text = Replace(text, "\"knowledgeWorkers\": 1200", "\"knowlegeWorkers\": 1200");
        text = Replace(text, "\"hourlyCost\": 45", "\"hourlyCost\": \"45,5\"");
        return Replace(text, "\"E1\": 3", "\"e1\": 3"); // the first usage's contributions
    }

    private static CliResult Evaluate(TempFolder temp, string text, params string[] lang)
    {
        var path = temp.File("cio.json");
        File.WriteAllText(path, text);
        return Rse.Run(["evaluate", "--method", MethodDir, "--inputs", path, .. lang]);
    }

    [Fact]
    public void Evaluate_MistypedCopyOfTheExample_EveryErrorOnceInOneRoundWithTheFix()
    {
        using var temp = new TempFolder();
        var r = Evaluate(temp, Mistyped(), "--lang", "en");
        var path = temp.File("cio.json");
        var rate = Located.PositionOf(path, "\"discountRate\"");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var lines = r.StderrLines.Select(Located.Parse).ToList();
        lines.Select(l => (l.Line, l.Column, l.Code, l.Message)).ShouldBe(
        [
            (rate.Line, rate.Column + "\"discountRate\": ".Length, "RSE5001",
                "8 is above the maximum 1; a rate is written as a fraction: 0.08 for 8 %. [/discountRate]"),
            (Located.PositionOf(path, "\"knowlegeWorkers\"").Line, Located.PositionOf(path, "\"knowlegeWorkers\"").Column, "RSE5001",
                "Property 'knowlegeWorkers' is not allowed here; did you mean 'knowledgeWorkers'? [/knowlegeWorkers]"),
            (Located.PositionOf(path, "\"45,5\"").Line, Located.PositionOf(path, "\"45,5\"").Column, "RSE5001",
                "Number expected; write 45.5 (with a decimal point, without quotes). [/hourlyCost]"),
            (Located.PositionOf(path, "\"e1\"").Line, Located.PositionOf(path, "\"e1\"").Column, "RSE5005",
                "'e1' is not the key of an item of 'stakes'; did you mean 'E1'? [/usages/0/contributions/e1]"),
        ]);
    }

    [Fact]
    public void Evaluate_MistypedCopyOfTheExample_FrenchByDefault()
    {
        using var temp = new TempFolder();
        var r = Evaluate(temp, Mistyped());

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.StderrLines.Select(l => Located.Parse(l).Message).ShouldBe(
        [
            "8 est au-dessus du maximum 1\u00A0; un taux s'écrit en fraction\u00A0: 0.08 pour 8\u00A0%. [/discountRate]",
            "La propriété «\u00A0knowlegeWorkers\u00A0» n'est pas admise ici\u00A0; vouliez-vous dire «\u00A0knowledgeWorkers\u00A0»\u00A0? [/knowlegeWorkers]",
            "Nombre attendu\u00A0; écrivez 45.5 (avec un point décimal, sans guillemets). [/hourlyCost]",
            "«\u00A0e1\u00A0» n'est la clé d'aucun élément de «\u00A0stakes\u00A0»\u00A0; vouliez-vous dire «\u00A0E1\u00A0»\u00A0? [/usages/0/contributions/e1]",
        ]);
    }

    [Theory]
    [InlineData("fr", "La somme des poids des enjeux vaut 105 au lieu de 100. (WEIGHTS_SUM) [/stakes]")]
    [InlineData("en", "The stake weights sum to 105 instead of 100. (WEIGHTS_SUM) [/stakes]")]
    public void Evaluate_InputCheckRejects_MethodMessageInTheChosenLanguage(string lang, string message)
    {
        // Weights 25 + 15 + 15 + 20 + 15 + 15 = 105.
        using var temp = new TempFolder();
        var r = Evaluate(temp, Replace(Example, "\"weight\": 20", "\"weight\": 25"), "--lang", lang);

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var line = Located.Parse(r.StderrLines.ShouldHaveSingleItem());
        line.Code.ShouldBe("RSE5006");
        line.Message.ShouldBe(message);
    }

    [Fact]
    public void Evaluate_InvalidJson_SyntaxErrorInFrench()
    {
        using var temp = new TempFolder();
        var r = Evaluate(temp, "{ \"horizonYears\": 3 ");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        var line = Located.Parse(r.StderrLines.ShouldHaveSingleItem());
        line.Code.ShouldBe("RSE1001");
        line.Message.ShouldStartWith("',' ou '}' était attendu.");
    }
}
