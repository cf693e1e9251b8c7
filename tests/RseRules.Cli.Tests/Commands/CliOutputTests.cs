using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Cli.Tests.TestSupport;
using RseRules.Core.Evaluation;

namespace RseRules.Cli.Tests.Commands;

/// <summary>
/// The command line's output for a reader: the evaluate table (width, culture, labels), the batch table and CSV, simulate
/// and sensitivity in a language, replay's summary, and signed records. The method is a small one made for these tests
/// (TestData/cliout); every expected figure is computed here from its inputs, by hand.
/// </summary>
public sealed class CliOutputTests
{
    private const string Nbsp = "\u00A0";

    private static string MethodDir => Path.Combine(Repo.TestData, "cliout", "1.0.0");

    private static string Acme => Path.Combine(MethodDir, "examples", "acme.json");

    private static string Uncertain => Path.Combine(MethodDir, "examples", "uncertain.json");

    [Fact]
    public void Evaluate_Table_NumbersRightAlignedSeriesAndListsFromTheLeft()
    {
        var r = Rse.Run("evaluate", "--method", Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0"),
            "--inputs", Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0", "examples", "example.json"), "--lang", "en", "--width", "100");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.ToString());
        var lines = r.Stdout.Split('\n');
        string Line(string label) => lines.First(l => l.StartsWith("  " + label + " ", StringComparison.Ordinal));

        // Where a value starts (after its label's padding) and ends (before the id's padding).
        int Start(string label)
        {
            var line = Line(label);
            var k = 2 + label.Length;
            while (line[k] == ' ')
            {
                k++;
            }

            return k;
        }

        int End(string label, string id)
        {
            var line = Line(label);
            var k = line.LastIndexOf(" " + id, StringComparison.Ordinal);
            while (line[k - 1] == ' ')
            {
                k--;
            }

            return k;
        }

        // Two series and a list start at the same column (a wrapped series reads from the left, line after line)…
        var start = Start("Score of each usage");
        Start("Benefits").ShouldBe(start);
        Start("Retained usages").ShouldBe(start);

        // … and two single numbers end at the same column, while they start further right.
        End("Net present value (NPV)", "npv").ShouldBe(End("Value score (V)", "valueScore"));
        Start("Net present value (NPV)").ShouldBeGreaterThan(start);
        Line("Benefits").ShouldContain("342,000");
    }

    // acme.json: gain 4321.5 a year for 5 years, investment 12345.6; stakes A (60, score 10) and B (40, score 20).
    private const double Total = (4321.5 * 5) - 12345.6; // 9261.9
    private const double Share = 4321.5 / 12345.6;        // 0.350043…
    private const double Payback = 12345.6 / 4321.5;      // 2.856785…

    [Fact]
    public void Evaluate_NarrowAndWideWidths_TableFitsEachWidth()
    {
        var narrow = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--lang", "en", "--width", "40");
        var wide = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--lang", "en", "--width", "160");

        narrow.ExitCode.ShouldBe(0, narrow.ToString());
        wide.ExitCode.ShouldBe(0, wide.ToString());
        Lines(narrow.Stdout).ShouldAllBe(l => l.Length <= 40);
        Lines(wide.Stdout).ShouldAllBe(l => l.Length <= 160);
        Lines(narrow.Stdout).Length.ShouldBeGreaterThan(Lines(wide.Stdout).Length);
        Lines(wide.Stdout).ShouldContain(l => l.Contains("Payback period", StringComparison.Ordinal) && l.Contains("2.9 years", StringComparison.Ordinal) && l.Contains("payback", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_RedirectedWithoutWidth_FitsTheDefaultWidth()
    {
        var width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns >= 20 ? columns : 100;
        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme);

        r.ExitCode.ShouldBe(0, r.ToString());
        Lines(r.Stdout).ShouldAllBe(l => l.Length <= width);
    }

    [Fact]
    public void Evaluate_French_NumbersInFrenchCultureAndLabelsNotCodes()
    {
        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--lang", "fr", "--width", "120");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain(FrenchWhole(Total) + Nbsp + "€");                  // 9 262 €
        r.Stdout.ShouldContain(French(Share * 100, 1) + Nbsp + "%");               // 35,0 %
        r.Stdout.ShouldContain(French(Payback, 1) + Nbsp + "ans");                 // 2,9 ans
        r.Stdout.ShouldContain("Secteur privé");
        r.Stdout.ShouldContain("3 — Élevé");
        r.Stdout.ShouldContain("Rentable");
        r.Stdout.ShouldContain("Délai de récupération");
        r.Stdout.ShouldNotContain("private_sector");
        r.Stdout.ShouldNotContain("9,262");
    }

    [Fact]
    public void Evaluate_English_NumbersInEnglishCulture()
    {
        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--lang", "en", "--width", "120");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("€" + Math.Round(Total).ToString("#,0", CultureInfo.InvariantCulture)); // €9,262
        r.Stdout.ShouldContain("Private sector");
        r.Stdout.ShouldContain("3 — High");
        r.Stdout.ShouldContain("Profitable");
    }

    [Fact]
    public void Evaluate_FolderAsTable_OneRowPerDocumentWithItsSubject()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp);

        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", folder, "--format", "table", "--lang", "en", "--width", "200", "--columns", "total,sector", "--subject", "/organization/name");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldNotContain(";");
        var lines = Lines(r.Stdout);
        lines.ShouldContain(l => l.Contains("Acme, Lyon (a.json)", StringComparison.Ordinal) && l.Contains("€" + Math.Round(Total).ToString("#,0", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("Beta (b.json)", StringComparison.Ordinal) && l.Contains("€" + Math.Round((4321.5 * 5) - 20000).ToString("#,0", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("Net gain", StringComparison.Ordinal) && l.Contains("Sector", StringComparison.Ordinal));
    }

    [Fact]
    public void EvaluateFolder_FrenchCsv_SemicolonsDecimalCommaRoundedLabelsAndSubject()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp);

        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", folder, "--lang", "fr", "--subject", "/organization/name");

        r.ExitCode.ShouldBe(0, r.ToString());
        var lines = r.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("document;Organisation – Nom;total;share;payback;weighted;verdict;sector;maturity;error");
        var total = Math.Round(Total, 2).ToString("F2", CultureInfo.InvariantCulture).Replace('.', ',');                            // declared: 2 decimals
        var share = Math.Round(Share, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture).Replace('.', ','); // 6 significant digits
        var payback = Math.Round(Payback, 5, MidpointRounding.AwayFromZero).ToString("0.#####", CultureInfo.InvariantCulture).Replace('.', ',');
        lines[1].ShouldBe($"a.json;Acme, Lyon;{total};{share};{payback};14;Rentable;Secteur privé;3;");
        lines[2].ShouldStartWith("b.json;Beta;");
    }

    [Fact]
    public void EvaluateFolder_EnglishAndInvariantCsv_CommasQuotedAndCodesForPrograms()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp);

        var en = Rse.Run("evaluate", "--method", MethodDir, "--inputs", folder, "--lang", "fr", "--csv-culture", "en", "--subject", "/organization/name");
        var invariant = Rse.Run("evaluate", "--method", MethodDir, "--inputs", folder, "--lang", "en", "--csv-culture", "invariant");

        en.ExitCode.ShouldBe(0, en.ToString());
        var total = Math.Round(Total, 2).ToString("F2", CultureInfo.InvariantCulture);
        en.Stdout.Split("\r\n")[1].ShouldStartWith($"a.json,\"Acme, Lyon\",{total},");
        en.Stdout.ShouldContain(",Rentable,Secteur privé,3,");
        invariant.ExitCode.ShouldBe(0, invariant.ToString());
        invariant.Stdout.Split("\r\n")[0].ShouldBe("document,total,share,payback,weighted,verdict,sector,maturity,error");
        invariant.Stdout.ShouldContain($"a.json,{total},");
        invariant.Stdout.ShouldContain(",Profitable,private_sector,3,");
    }

    [Fact]
    public void EvaluateFolder_CsvFile_StartsWithAByteOrderMark()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp);

        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", folder, "--out", temp.File("out", "summary"));

        r.ExitCode.ShouldBe(0, r.ToString());
        File.ReadAllBytes(temp.File("out", "summary.csv"))[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        File.ReadAllBytes(temp.File("out", "summary.json"))[0].ShouldBe((byte)'{');
    }

    [Fact]
    public void Simulate_ResultThatMayNotExist_ReportsItsShareAndStatisticsOverExistingDraws()
    {
        // gain ~ U(100, 300), 5 years, investment 1000: a payback exists when 5 × gain ≥ 1000, i.e. gain ≥ 200: half the
        // draws; where it exists it is 1000 / gain, in [3.33, 5]: always ≥ 0.
        var r = Rse.Run("simulate", "--method", MethodDir, "--inputs", Uncertain, "--iterations", "4000", "--seed", "7", "--format", "json");

        r.ExitCode.ShouldBe(0, r.ToString());
        var payback = JObject.Parse(r.Stdout)["numbers"]!.Single(n => (string?)n["id"] == "payback");
        ((double)payback["existence"]!).ShouldBe(0.5, 0.03);
        ((int)payback["count"]! + (int)payback["missing"]!).ShouldBe(4000);
        ((double)payback["probabilityNonNegative"]!).ShouldBe(1.0);
        ((double)payback["min"]!).ShouldBeGreaterThanOrEqualTo(1000.0 / 300);
        ((double)payback["max"]!).ShouldBeLessThanOrEqualTo(5.0);
    }

    [Fact]
    public void Simulate_Lang_TableInThatLanguageWithTheExistenceColumn()
    {
        var fr = Rse.Run("simulate", "--method", MethodDir, "--inputs", Uncertain, "--iterations", "500", "--seed", "7", "--lang", "fr");
        var en = Rse.Run("simulate", "--method", MethodDir, "--inputs", Uncertain, "--iterations", "500", "--seed", "7", "--lang", "en");

        fr.ExitCode.ShouldBe(0, fr.ToString());
        fr.Stdout.ShouldContain("500 itérations");
        fr.Stdout.ShouldContain("existe");
        fr.Stdout.ShouldContain("Délai de récupération");
        en.ExitCode.ShouldBe(0, en.ToString());
        en.Stdout.ShouldContain("500 iterations");
        en.Stdout.ShouldContain("exists");
        en.Stdout.ShouldContain("Payback period");
    }

    [Fact]
    public void Sensitivity_WeightsConstrainedBySum_VariedWithTheOthersRescaled()
    {
        var r = Rse.Run("sensitivity", "--method", MethodDir, "--inputs", Acme, "--result", "weighted", "--format", "json");

        r.ExitCode.ShouldBe(0, r.ToString());
        var entries = (JArray)JObject.Parse(r.Stdout)["inputs"]!;
        var a = entries.Single(e => (string?)e["pointer"] == "/stakes/0/weight");
        a["failure"]!.Type.ShouldBe(JTokenType.Null);
        a["rescaled"]!.Values<string>().ShouldBe(["/stakes/1/weight"]);
        // A at 54 → B at 46: (54·10 + 46·20) / 100; A at 66 → B at 34: (66·10 + 34·20) / 100.
        ((double)a["resultAtLow"]!).ShouldBe(((54 * 10) + (46 * 20)) / 100.0, 1e-9);
        ((double)a["resultAtHigh"]!).ShouldBe(((66 * 10) + (34 * 20)) / 100.0, 1e-9);
        var b = entries.Single(e => (string?)e["pointer"] == "/stakes/1/weight");
        ((double)b["resultAtLow"]!).ShouldBe(((64 * 10) + (36 * 20)) / 100.0, 1e-9);
        ((double)b["resultAtHigh"]!).ShouldBe(((56 * 10) + (44 * 20)) / 100.0, 1e-9);
        entries.ShouldAllBe(e => e["failure"]!.Type == JTokenType.Null);
    }

    [Fact]
    public void Sensitivity_WeightWithoutSiblings_NotVariedConstrainedByTheCheck()
    {
        using var temp = new TempFolder();
        var doc = JObject.Parse(File.ReadAllText(Acme));
        doc["stakes"] = JArray.Parse("""[{"code": "A", "weight": 100, "score": 10}]""");
        var path = temp.File("one.json");
        File.WriteAllText(path, doc.ToString());

        var json = Rse.Run("sensitivity", "--method", MethodDir, "--inputs", path, "--result", "weighted", "--format", "json");
        var table = Rse.Run("sensitivity", "--method", MethodDir, "--inputs", path, "--result", "weighted", "--lang", "en");

        json.ExitCode.ShouldBe(0, json.ToString());
        var entry = ((JArray)JObject.Parse(json.Stdout)["inputs"]!).Single(e => (string?)e["pointer"] == "/stakes/0/weight");
        ((string?)entry["notVaried"]).ShouldBe("WEIGHTS_SUM");
        entry["failure"]!.Type.ShouldBe(JTokenType.Null);
        table.Stdout.ShouldContain("not varied: constrained by WEIGHTS_SUM");
        table.Stdout.ShouldNotContain("failed");
    }

    [Fact]
    public void Replay_OneChangedInput_CauseFirstAndShort_VerboseListsEverything()
    {
        using var temp = new TempFolder();
        var record = temp.File("record.json");
        Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--format", "json", "--out", record).ExitCode.ShouldBe(0);
        var edited = JObject.Parse(File.ReadAllText(record));
        edited["inputs"]!["investment"] = 20000;
        File.WriteAllText(record, edited.ToString());

        var r = Rse.Run("replay", record, "--method", MethodDir);
        var verbose = Rse.Run("replay", record, "--method", MethodDir, "--verbose");

        r.ExitCode.ShouldBe(3, r.ToString());
        var lines = Lines(r.Stdout);
        lines[1].ShouldStartWith("1 input differs");
        lines[2].Trim().ShouldBe("/investment: 12345.6 → 20000");
        r.Stdout.ShouldContain("effect: 3 of 7 result(s)"); // total, share and payback; total stays ≥ 0: the verdict does not change
        r.Stdout.ShouldNotContain("recorded:");
        lines.Length.ShouldBeLessThan(10);
        verbose.ExitCode.ShouldBe(3);
        verbose.Stdout.ShouldContain("result total");
        verbose.Stdout.ShouldContain("recorded:");
    }

    [Fact]
    public void Keys_New_WritesPkcs8AndSpkiPemAndPrintsTheKeyId()
    {
        using var temp = new TempFolder();

        var r = Rse.Run("keys", "new", "--out", temp.File("org.key"));

        r.ExitCode.ShouldBe(0, r.ToString());
        File.ReadAllText(temp.File("org.key")).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
        var pub = File.ReadAllText(temp.File("org.pub"));
        pub.ShouldStartWith("-----BEGIN PUBLIC KEY-----");
        r.Stdout.ShouldContain("key " + KeyIdOf(pub));
        Rse.Run("keys", "new", "--out", temp.File("org.key")).ExitCode.ShouldBe(2); // no silent overwrite
    }

    [Fact]
    public void EvaluateSign_ValidSignature_OverTheUnchangedRecordHash()
    {
        using var temp = new TempFolder();
        var (signed, pub) = Signed(temp);
        var plain = temp.File("plain.json");
        Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--format", "json", "--out", plain).ExitCode.ShouldBe(0);

        var record = JObject.Parse(File.ReadAllText(signed));
        var hash = (string)record["recordSha256"]!;
        hash.ShouldBe((string)JObject.Parse(File.ReadAllText(plain))["recordSha256"]!);
        var signature = (JObject)record["signature"]!;
        ((string?)signature["algorithm"]).ShouldBe("ES256");
        ((string?)signature["keyId"]).ShouldBe(KeyIdOf(File.ReadAllText(pub)));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(pub));
        key.VerifyData(Encoding.ASCII.GetBytes(hash), Convert.FromBase64String((string)signature["value"]!), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();

        var replay = Rse.Run("replay", signed, "--method", MethodDir, "--trust", pub);
        replay.ExitCode.ShouldBe(0, replay.ToString());
        replay.Stdout.ShouldContain($"signature: valid, key {KeyIdOf(File.ReadAllText(pub))} (trusted)");
    }

    [Fact]
    public void Replay_SignedByAnUntrustedKey_RefusedWithExitThree()
    {
        using var temp = new TempFolder();
        var (signed, _) = Signed(temp);
        Rse.Run("keys", "new", "--out", temp.File("other.key")).ExitCode.ShouldBe(0);

        var r = Rse.Run("replay", signed, "--method", MethodDir, "--trust", temp.File("other.pub"));
        var explain = Rse.Run("explain", "--record", signed, "--method", MethodDir, "total", "--trust", temp.File("other.pub"));

        r.ExitCode.ShouldBe(3, r.ToString());
        r.Stderr.ShouldContain("error RSE8011");
        explain.ExitCode.ShouldBe(3, explain.ToString());
        explain.Stderr.ShouldContain("error RSE8011");
        explain.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Replay_UnsignedUnderTrust_RefusedWithExitThree()
    {
        using var temp = new TempFolder();
        var (_, pub) = Signed(temp);
        var plain = temp.File("plain.json");
        Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--format", "json", "--out", plain).ExitCode.ShouldBe(0);

        var r = Rse.Run("replay", plain, "--method", MethodDir, "--trust", pub);

        r.ExitCode.ShouldBe(3, r.ToString());
        r.Stderr.ShouldContain("error RSE8011: The record is not signed");
        Rse.Run("replay", plain, "--method", MethodDir).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Replay_TamperedSignature_IsAnErrorWithExitThree()
    {
        using var temp = new TempFolder();
        var (signed, _) = Signed(temp);
        var record = JObject.Parse(File.ReadAllText(signed));
        var value = Convert.FromBase64String((string)record["signature"]!["value"]!);
        value[10] ^= 0x01;
        record["signature"]!["value"] = Convert.ToBase64String(value);
        File.WriteAllText(signed, record.ToString());

        var r = Rse.Run("replay", signed, "--method", MethodDir);

        r.ExitCode.ShouldBe(3, r.ToString());
        r.Stderr.ShouldContain("error RSE8010");
    }

    [Fact]
    public void Replay_SignedRecordEditedAndRehashed_SignatureDoesNotVerify()
    {
        using var temp = new TempFolder();
        var (signed, pub) = Signed(temp);
        var record = JObject.Parse(File.ReadAllText(signed));
        record["note"] = "approved by the board"; // not compared by the replay, but hashed
        record["recordSha256"] = EvaluationRecord.Hash(record);
        File.WriteAllText(signed, record.ToString());

        var r = Rse.Run("replay", signed, "--method", MethodDir, "--trust", pub);

        r.ExitCode.ShouldBe(3, r.ToString());
        r.Stderr.ShouldContain("error RSE8010");
    }

    private static (string Record, string Pub) Signed(TempFolder temp)
    {
        Rse.Run("keys", "new", "--out", temp.File("org.key")).ExitCode.ShouldBe(0);
        var record = temp.File("signed.json");
        var r = Rse.Run("evaluate", "--method", MethodDir, "--inputs", Acme, "--format", "json", "--sign", temp.File("org.key"), "--out", record);
        r.ExitCode.ShouldBe(0, r.ToString());
        return (record, temp.File("org.pub"));
    }

    /// <summary>The key id as documented: SHA-256 of the DER inside the PEM, lower-case hex, first 16 digits.</summary>
    private static string KeyIdOf(string pem)
    {
        var base64 = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        return Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(base64)))[..16];
    }

    private static string Folder(TempFolder temp)
    {
        var folder = temp.File("docs");
        Directory.CreateDirectory(folder);
        File.Copy(Acme, Path.Combine(folder, "a.json"));
        var b = JObject.Parse(File.ReadAllText(Acme));
        b["organization"]!["name"] = "Beta";
        b["investment"] = 20000;
        File.WriteAllText(Path.Combine(folder, "b.json"), b.ToString());
        return folder;
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();

    private static string FrenchWhole(double value) => Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture).Replace(",", Nbsp, StringComparison.Ordinal);

    private static string French(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('.', ',');
}
