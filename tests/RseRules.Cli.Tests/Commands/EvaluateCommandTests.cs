using System.Text.Json;
using System.Text.Json.Nodes;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// <c>rse evaluate</c> on the loan-vs-lease test method. Expected figures come from
/// tests/methods/loan-vs-lease/reference.py (exact fractions), not from the engine.
/// </summary>
public class EvaluateCommandTests
{
    private static readonly string MethodFile = Path.Combine(Repo.LoanMethodDir, "method.json");

    [Fact]
    public void Evaluate_JsonFormat_RecordHasTheDocumentedTopLevelMembersInOrder()
    {
        using var record = EvaluateJson();

        record.RootElement.EnumerateObject().Select(p => p.Name)
            .ShouldBe(["method", "inputs", "inputsSha256", "results", "findings", "trace", "engine", "recordSha256"]);
    }

    [Fact]
    public void Evaluate_JsonFormat_MethodIsIdVersionAndCanonicalHash()
    {
        using var record = EvaluateJson();
        var method = record.RootElement.GetProperty("method");

        method.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "version", "sha256"]);
        method.GetProperty("id").GetString().ShouldBe("loan-vs-lease");
        method.GetProperty("version").GetString().ShouldBe("1.0.0");
        method.GetProperty("sha256").GetString().ShouldBe(IndependentJson.CanonicalSha256(MethodFile));
    }

    [Fact]
    public void Evaluate_JsonFormat_InputsAreTheDocumentWithItsCanonicalHash()
    {
        using var record = EvaluateJson();
        var root = JsonNode.Parse(record.RootElement.GetRawText())!;

        JsonNode.DeepEquals(root["inputs"], JsonNode.Parse(File.ReadAllText(Repo.LoanExample))).ShouldBeTrue(root["inputs"]!.ToJsonString());
        root["inputsSha256"]!.GetValue<string>().ShouldBe(IndependentJson.CanonicalSha256(Repo.LoanExample));
    }

    [Fact]
    public void Evaluate_ReformattedInputs_SameInputsHash()
    {
        using var temp = new TempFolder();
        var original = JsonNode.Parse(File.ReadAllText(Repo.LoanExample))!.AsObject();
        var reordered = new JsonObject(original.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        File.WriteAllText(temp.File("reordered.json"), reordered.ToJsonString());

        using var a = EvaluateJson();
        using var b = EvaluateJson(temp.File("reordered.json"));

        b.RootElement.GetProperty("inputsSha256").GetString().ShouldBe(a.RootElement.GetProperty("inputsSha256").GetString());
        b.RootElement.GetProperty("results").GetRawText().ShouldBe(a.RootElement.GetProperty("results").GetRawText());
    }

    [Fact]
    public void Evaluate_JsonFormat_ResultsHoldEveryDeclaredResultInOrder()
    {
        using var method = IndependentJson.ParseFile(MethodFile);
        var declared = method.RootElement.GetProperty("results").EnumerateArray().Select(e => e.GetString()).ToArray();

        using var record = EvaluateJson();

        declared.Length.ShouldBe(11);
        record.RootElement.GetProperty("results").EnumerateObject().Select(p => p.Name).ShouldBe(declared);
    }

    [Fact]
    public void Evaluate_JsonFormat_ResultsMatchTheReferenceFigures()
    {
        using var record = EvaluateJson();
        var results = record.RootElement.GetProperty("results");

        results.GetProperty("loanPrincipal").GetDouble().ShouldBe(25000);
        results.GetProperty("annuityPayment").GetDouble().ShouldBe(6887.25);
        results.GetProperty("totalLoanInterest").GetDouble().ShouldBe(2549);
        results.GetProperty("loanBalanceAtHorizon").GetDouble().ShouldBe(0);
        Doubles(results.GetProperty("loanCashFlows")).ShouldBe([-5000, -9287.25, -9335.25, -9384.45, -9434.88, 9400.67]);
        Doubles(results.GetProperty("leaseCashFlows")).ShouldBe([-1500, -7600, -7624, -7848.48, -7873.45, -8098.92]);
        results.GetProperty("npvLoan").GetDouble().ShouldBe(-30815.42);
        results.GetProperty("npvLease").GetDouble().ShouldBe(-35256.32);
        results.GetProperty("cheapestOption").GetString().ShouldBe("loan");
        results.GetProperty("savings").GetDouble().ShouldBe(4440.9);
        results.GetProperty("recommendation").GetString().ShouldBe("loan");
    }

    [Fact]
    public void Evaluate_JsonFormat_FindingsHoldCodeSeverityAndBothMessages()
    {
        using var record = EvaluateJson();

        var finding = record.RootElement.GetProperty("findings").EnumerateArray().ShouldHaveSingleItem();
        finding.GetProperty("code").GetString().ShouldBe("PREFERENCE_COSTLY");
        finding.GetProperty("severity").GetString().ShouldBe("warning");
        finding.GetProperty("message").GetProperty("en").GetString().ShouldBe("The preference 'lease' costs 4440.90 EUR more than 'loan'.");
        finding.GetProperty("message").GetProperty("fr").GetString().ShouldBe("La préférence « lease » coûte 4440,90 EUR de plus que « loan »."); // French holes in French
    }

    [Fact]
    public void Evaluate_ForEachFinding_NamesTheItemByKey()
    {
        using var temp = new TempFolder();
        var doc = JsonNode.Parse(File.ReadAllText(Repo.LoanExample))!;
        doc["maintenance"]![1]!["yearlyCost"] = 0;
        File.WriteAllText(temp.File("free-tires.json"), doc.ToJsonString());

        using var record = EvaluateJson(temp.File("free-tires.json"));

        var free = record.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "MAINTENANCE_FREE");
        free.GetProperty("severity").GetString().ShouldBe("info");
        free.GetProperty("item").GetString().ShouldBe("tires");
        free.GetProperty("message").GetProperty("en").GetString().ShouldBe("Maintenance line Tires costs nothing.");
    }

    [Fact]
    public void Evaluate_JsonFormat_EngineHasAVersion()
    {
        using var record = EvaluateJson();

        var engine = record.RootElement.GetProperty("engine");
        engine.EnumerateObject().Select(p => p.Name).ShouldBe(["version"]);
        engine.GetProperty("version").GetString()!.ShouldMatch(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$");
    }

    [Fact]
    public void Evaluate_JsonFormatTwice_ByteIdenticalOutput()
    {
        var first = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json");
        var second = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json");

        first.ExitCode.ShouldBe(0, first.ToString());
        second.Stdout.ShouldBe(first.Stdout);
        first.Stdout.ShouldEndWith("}\n");
    }

    [Fact]
    public void Evaluate_MethodByIdAtVersion_SameRecordAsByFolder()
    {
        var byFolder = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json");
        var byReference = Rse.Run("evaluate", "--method", "loan-vs-lease@1.0.0", "--methods-dir", Repo.TestMethodsDir, "--inputs", Repo.LoanExample, "--format", "json");

        byReference.ExitCode.ShouldBe(0, byReference.ToString());
        byReference.Stdout.ShouldBe(byFolder.Stdout);
    }

    [Fact]
    public void Evaluate_OutOption_WritesTheRecordToTheFileOnly()
    {
        using var temp = new TempFolder();
        var target = temp.File("records", "van.json");

        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json", "--out", target);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldNotContain("\"method\"", Case.Sensitive, "the record goes to the file, not to stdout");
        r.Stderr.ShouldBeEmpty();
        var bytes = File.ReadAllBytes(target);
        bytes.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF }, "no byte order mark");
        System.Text.Encoding.UTF8.GetString(bytes).ShouldBe(Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json").Stdout);
        Directory.GetFileSystemEntries(temp.File("records")).Select(Path.GetFileName).ShouldBe(["van.json"], "no temporary file is left beside the output");
    }

    [Fact]
    public void Evaluate_OutOptionOnExistingFile_ReplacesIt()
    {
        using var temp = new TempFolder();
        var target = temp.File("record.json");
        File.WriteAllText(target, new string('x', 100_000));

        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--format", "json", "--out", target);

        r.ExitCode.ShouldBe(0, r.ToString());
        using var record = JsonDocument.Parse(File.ReadAllText(target));
        record.RootElement.GetProperty("method").GetProperty("id").GetString().ShouldBe("loan-vs-lease");
        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["record.json"]);
    }

    [Fact]
    public void Evaluate_TableFormat_ShowsFrenchLabelsValuesUnitsAndFindings()
    {
        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--width", "200");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stderr.ShouldBeEmpty();
        var table = r.Stdout;
        table.ShouldContain("(loan-vs-lease@1.0.0)");
        table.ShouldContain("résultat");
        table.ShouldContain("valeur");
        RowOf(table, "loanPrincipal").ShouldContain("Capital emprunté");
        RowOf(table, "loanPrincipal").ShouldContain("25\u00A0000\u00A0€"); // 30,000 − 5,000 down payment, in whole euros
        RowOf(table, "annuityPayment").ShouldContain("Annuité de l'emprunt");
        RowOf(table, "annuityPayment").ShouldContain("6\u00A0887\u00A0€");
        RowOf(table, "npvLoan").ShouldContain("VAN de l'emprunt");
        RowOf(table, "npvLoan").ShouldContain("-30\u00A0815\u00A0€");
        RowOf(table, "npvLease").ShouldContain("-35\u00A0256\u00A0€");
        RowOf(table, "cheapestOption").ShouldContain("loan");
        RowOf(table, "recommendation").ShouldContain("Option recommandée");
        RowOf(table, "loanCashFlows").ShouldContain("-5\u00A0000\u00A0€ · -9\u00A0287\u00A0€ ·");
        table.ShouldContain("Constats :");
        table.ShouldContain("avertissement PREFERENCE_COSTLY: La préférence « lease » coûte 4440,90 EUR");
    }

    [Fact]
    public void Evaluate_TableFormatInEnglish_ShowsEnglishLabels()
    {
        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--lang", "en", "--width", "200");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("Loan or lease: total cost of ownership");
        r.Stdout.ShouldContain("result");
        r.Stdout.ShouldContain("value");
        RowOf(r.Stdout, "loanPrincipal").ShouldContain("Loan principal");
        RowOf(r.Stdout, "loanPrincipal").ShouldContain("€25,000");
        RowOf(r.Stdout, "npvLease").ShouldContain("Lease NPV");
        r.Stdout.ShouldContain("Findings:");
        r.Stdout.ShouldContain("warning PREFERENCE_COSTLY: The preference 'lease' costs 4440.90 EUR");
    }

    [Fact]
    public void Evaluate_TableFormat_HasNoEscapeSequence()
    {
        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample);

        r.Stdout.ShouldNotContain("\u001b");
    }

    [Fact]
    public void Evaluate_TableFormatWithOut_WritesThePlainTable()
    {
        using var temp = new TempFolder();
        var target = temp.File("table.txt");

        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", Repo.LoanExample, "--lang", "en", "--out", target, "--width", "200");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldNotContain("annuityPayment", Case.Sensitive, "the table goes to the file, not to stdout");
        var text = File.ReadAllText(target);
        text.ShouldNotContain("\u001b");
        RowOf(text, "annuityPayment").ShouldContain("Loan annuity");
        RowOf(text, "annuityPayment").ShouldContain("€6,887");
    }

    [Fact]
    public void Evaluate_InputCheckFails_ExitsWith1WithRse5006AtThePointedValue()
    {
        var inputs = Path.Combine(Repo.TestData, "inputs", "down-payment-above-price.json");
        var (line, column) = Located.PositionOf(inputs, "12000");

        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", inputs, "--format", "json", "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.Stdout.ShouldBeEmpty();
        var d = Located.Parse(r.StderrLines.ShouldHaveSingleItem());
        d.ShouldBe(new LocatedDiagnostic(inputs, line, column, "error", "RSE5006",
            "The down payment (12000) exceeds the asset price (10000). (DOWN_PAYMENT_ABOVE_PRICE) [/downPayment]"));
    }

    [Fact]
    public void Evaluate_WrongSeriesLengthAndDuplicateKey_ExitsWith1WithBothLocated()
    {
        var inputs = Path.Combine(Repo.TestData, "inputs", "series-length.json");
        var series = Located.PositionOf(inputs, "[3000, 3000]");
        var duplicate = Located.PositionOf(inputs, "\"tires\", \"label\": \"More tires\"");

        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", inputs, "--lang", "en");

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.StderrLines.Select(Located.Parse).ShouldBe([
            new LocatedDiagnostic(inputs, series.Line, series.Column, "error", "RSE5002",
                "'leasePayments' has 2 value(s); it must have 3 (horizonYears). [/leasePayments]"),
            new LocatedDiagnostic(inputs, duplicate.Line, duplicate.Column, "error", "RSE5004",
                "'tires' is already the key of item 0 of 'maintenance'. [/maintenance/1/id]"),
        ]);
    }

    [Fact]
    public void Evaluate_InvalidMethod_ExitsWith1WithMethodDiagnosticsOnly()
    {
        var method = Path.Combine(Repo.TestData, "broken", "formula-error");

        var r = Rse.Run("evaluate", "--method", method, "--inputs", Path.Combine(Repo.TestData, "inputs", "does-not-exist.json"));

        r.ExitCode.ShouldBe(ExitCodes.Invalid, r.ToString());
        r.StderrLines.Length.ShouldBe(2);
        r.StderrLines.Select(Located.Parse).ShouldAllBe(d => d.Code == "RSE4002" && d.File == Path.Combine(method, "method.json"));
    }

    private static JsonDocument EvaluateJson(string? inputs = null)
    {
        var r = Rse.Run("evaluate", "--method", Repo.LoanMethodDir, "--inputs", inputs ?? Repo.LoanExample, "--format", "json");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stderr.ShouldBeEmpty();
        return JsonDocument.Parse(r.Stdout);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The table line of a result id (the last column; the tests give a width at which no row wraps).</summary>
    private static string RowOf(string table, string id)
    {
        var line = table.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(l => l.TrimEnd().EndsWith(" " + id, StringComparison.Ordinal));
        line.ShouldNotBeNull($"no row for {id} in:\n{table}");
        return line;
    }
}
