using System.Text.Json;
using System.Text.Json.Nodes;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// <c>rse inputs template</c> and <c>rse inputs import</c>: input documents as Excel workbooks, run in-process; workbooks are
/// opened and edited with the Open XML SDK as a spreadsheet application would, documents compared with System.Text.Json.
/// </summary>
public class InputsCommandTests
{
    private static readonly string NormDir = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string NormExample = Path.Combine(NormDir, "examples", "example.json");

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void InputsTemplateThenImport_NormExample_GivesTheExampleBack(string language)
    {
        using var temp = new TempFolder();
        var workbook = temp.File("example.xlsx");
        var json = temp.File("example.json");

        var template = Rse.Run("inputs", "template", "--method", NormDir, "--inputs", NormExample, "--lang", language, "--out", workbook);
        var import = Rse.Run("inputs", "import", workbook, "--method", NormDir, "--out", json);

        template.ExitCode.ShouldBe(0, template.ToString());
        template.Stdout.ShouldBe($"rse-value@1.0.0: input workbook ({language}) written to {workbook}\n".ReplaceLineEndings());
        template.Stderr.ShouldBeEmpty();
        import.ExitCode.ShouldBe(0, import.ToString());
        import.Stderr.ShouldBeEmpty();
        var expected = JsonNode.Parse(File.ReadAllText(NormExample))!.AsObject();
        expected.Remove("$schema");
        // Equal as JSON values (the example writes some whole numbers as 1.0, the document as 1).
        JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(json)), expected).ShouldBeTrue();
        import.Stdout.ShouldBe($"rse-value@1.0.0: input document read from {workbook} (440 cells), written to {json}\n".ReplaceLineEndings());
    }

    [Fact]
    public void InputsImport_WithoutOut_WritesTheIndentedDocumentOnStdout()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("loan.xlsx");
        Rse.Run("inputs", "template", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--out", workbook).ExitCode.ShouldBe(0);

        var import = Rse.Run("inputs", "import", workbook, "--method", Repo.LoanMethodDir);

        import.ExitCode.ShouldBe(0, import.ToString());
        using var document = JsonDocument.Parse(import.Stdout);
        JsonNode.DeepEquals(JsonNode.Parse(import.Stdout), JsonNode.Parse(File.ReadAllText(Repo.LoanExample))).ShouldBeTrue();
        // As rse writes JSON files (records, schemas): members in the method's declaration order, two-space indentation.
        using var example = JsonDocument.Parse(File.ReadAllText(Repo.LoanExample));
        document.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(example.RootElement.EnumerateObject().Select(p => p.Name));
        import.Stdout.ShouldStartWith("{\n  \"assetPrice\": 30000,\n".ReplaceLineEndings());
    }

    [Fact]
    public void InputsImport_TextInANumberCell_LocatedErrorExitOneAndNothingWritten()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("example.xlsx");
        var json = temp.File("inputs.json");
        Rse.Run("inputs", "template", "--method", NormDir, "--inputs", NormExample, "--out", workbook).ExitCode.ShouldBe(0);
        var cell = Workbooks.SetText(workbook, "Coûts", "Intégration", "douze mille");

        var import = Rse.Run("inputs", "import", workbook, "--method", NormDir, "--out", json);

        import.ExitCode.ShouldBe(1, import.ToString());
        import.Stdout.ShouldBeEmpty();
        import.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"{workbook}: error RSE5011: Coûts!{cell}: ");
        import.StderrLines[0].ShouldEndWith("[/costs/initial/integration]");
        File.Exists(json).ShouldBeFalse();
        Directory.GetFiles(temp.Path).ShouldBe([workbook]);
    }

    [Fact]
    public void InputsImport_EmptyTemplate_RequiredInputsNamedByCellExitOne()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("empty.xlsx");
        Rse.Run("inputs", "template", "--method", Repo.LoanMethodDir, "--lang", "en", "--out", workbook).ExitCode.ShouldBe(0);

        var import = Rse.Run("inputs", "import", workbook, "--method", Repo.LoanMethodDir);

        import.ExitCode.ShouldBe(1);
        import.Stdout.ShouldBeEmpty();
        import.StderrLines.ShouldContain(l => l.StartsWith($"{workbook}: error RSE5001: General!B", StringComparison.Ordinal) && l.Contains("'assetPrice'", StringComparison.Ordinal));
    }

    [Fact]
    public void InputsImport_NotAWorkbook_UnreadableExitOne()
    {
        var import = Rse.Run("inputs", "import", Repo.LoanExample, "--method", Repo.LoanMethodDir);

        import.ExitCode.ShouldBe(1);
        import.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"{Repo.LoanExample}: error RSE5010: ");
    }

    [Fact]
    public void InputsImport_MissingFile_FileNotFoundExitOne()
    {
        var import = Rse.Run("inputs", "import", "no-such.xlsx", "--method", Repo.LoanMethodDir);

        import.ExitCode.ShouldBe(1);
        import.StderrLines.ShouldHaveSingleItem().ShouldBe("no-such.xlsx: error RSE0001: File 'no-such.xlsx' does not exist.");
    }

    [Fact]
    public void InputsImport_WorkbookOfAnotherMethod_LayoutMismatchExitOne()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("loan.xlsx");
        Rse.Run("inputs", "template", "--method", Repo.LoanMethodDir, "--out", workbook).ExitCode.ShouldBe(0);

        var import = Rse.Run("inputs", "import", workbook, "--method", NormDir);

        import.ExitCode.ShouldBe(1);
        import.StderrLines.ShouldHaveSingleItem().ShouldContain("error RSE5013: ");
    }

    [Theory]
    [InlineData("--out", "inputs.json")]
    [InlineData("--lang", "de")]
    public void InputsTemplate_BadOption_UsageErrorExitTwoNothingWritten(string option, string value)
    {
        using var temp = new TempFolder();
        var args = new List<string> { "inputs", "template", "--method", Repo.LoanMethodDir, "--out", temp.File("inputs.xlsx") };
        args.AddRange([option, value.EndsWith(".json", StringComparison.Ordinal) ? temp.File(value) : value]);

        var result = Rse.Run([.. args]);

        result.ExitCode.ShouldBe(2, result.ToString());
        Directory.GetFiles(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public void InputsTemplate_InvalidPrefill_DiagnosticExitOneNothingWritten()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.json"), "{ \"assetPrice\": ");

        var result = Rse.Run("inputs", "template", "--method", Repo.LoanMethodDir, "--inputs", temp.File("bad.json"), "--out", temp.File("inputs.xlsx"));

        result.ExitCode.ShouldBe(1);
        result.StderrLines.ShouldAllBe(l => l.Contains("error RSE1001: ", StringComparison.Ordinal));
        File.Exists(temp.File("inputs.xlsx")).ShouldBeFalse();
    }
}
