using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Store.Tests.Support;

namespace RseRules.Store.Tests;

/// <summary>Records are verified when read; a changed row is reported as tampered, never returned as good.</summary>
public abstract partial class EvaluationStoreTests
{
    [Fact]
    public async Task GetAsync_ResultEditedInDatabase_Tampered()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));
        var npv = saved.ParseRecord()!["results"]!["npv"]!.ToString();

        (await ExecuteAsync($"UPDATE evaluations SET record = replace(record, '\"npv\":{npv}', '\"npv\":{npv}1') WHERE key = '{saved.Key}'")).ShouldBe(1);

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.Status.ShouldBe(IntegrityStatus.Tampered);
        read.Integrity.Reason.ShouldNotBeNull().ShouldContain("the store holds " + saved.Summary.RecordSha256);
        read.Integrity.Reason.ShouldContain("its recordSha256 says " + saved.Summary.RecordSha256);
        read.RecordJson.ShouldContain($"\"npv\":{npv}1");
    }

    [Fact]
    public async Task SaveAsync_SignedRecord_LoadsVerifiedWithItsSignature()
    {
        var record = NormRecord.Record();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var hash = (string)record[EvaluationRecord.HashProperty]!;
        RecordSignature.Sign(record, key);

        var saved = await Store.SaveAsync(Evaluation("P", "signed", record));

        saved.Summary.RecordSha256.ShouldBe(hash); // the signature is outside the hashed content
        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.Status.ShouldBe(IntegrityStatus.Verified);
        var stored = read.ParseRecord()!;
        RecordSignature.Verify(stored).Status.ShouldBe(SignatureStatus.Valid);
        ((string?)stored["signature"]!["keyId"]).ShouldBe(RecordSignature.KeyId(key));
    }

    [Fact]
    public async Task GetAsync_StoredHashEdited_Tampered()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        await ExecuteAsync($"UPDATE evaluations SET record_sha256 = '{new string('0', 64)}' WHERE key = '{saved.Key}'");

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.Status.ShouldBe(IntegrityStatus.Tampered);
        read.Integrity.Reason.ShouldBe($"the record's hash is {saved.Summary.RecordSha256}, the store holds {new string('0', 64)}");
    }

    [Fact]
    public async Task GetAsync_RecordAndItsHashesEditedConsistentlyButNotCanonical_Tampered()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        // White space added: same content, same hash, but not what the store wrote.
        await ExecuteAsync($"UPDATE evaluations SET record = replace(record, ',\"results\":', ', \"results\":') WHERE key = '{saved.Key}'");

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.Status.ShouldBe(IntegrityStatus.Tampered);
        read.Integrity.Reason.ShouldBe("the stored text is not the record's canonical JSON");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{}")]
    [InlineData("{\"x\":NaN}")]
    [InlineData("{} {}")]
    [InlineData("{\"x\":1e400}")]
    [InlineData("{\"x\":123456789012345678901234567890}")]
    [InlineData("{\"x\":\"\\ud800\"}")]
    [InlineData("deep")]
    public async Task GetAsync_RecordReplacedByOtherText_TamperedNotThrown(string text)
    {
        text = text == "deep" ? new string('[', 300) + new string(']', 300) : text;
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        await ExecuteAsync($"UPDATE evaluations SET record = '{text.Replace("'", "''", StringComparison.Ordinal)}' WHERE key = '{saved.Key}'");

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.Status.ShouldBe(IntegrityStatus.Tampered);
        read.Integrity.Reason.ShouldNotBeNullOrWhiteSpace();
        read.RecordJson.ShouldBe(text);
    }

    [Fact]
    public async Task GetAsync_MethodColumnEdited_Tampered()
    {
        var saved = await Store.SaveAsync(Evaluation("P", "n"));

        await ExecuteAsync($"UPDATE evaluations SET method_version = '9.9.9' WHERE key = '{saved.Key}'");

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.Status.ShouldBe(IntegrityStatus.Tampered);
        read.Integrity.Reason.ShouldBe("the record's method version is 1.0.0, the store's row says 9.9.9");
        read.Summary.MethodReference.ShouldBe("rse-value@9.9.9");
    }

    [Fact]
    public async Task GetAsync_OtherRowsOfATamperedStore_StillVerified()
    {
        var good = await Store.SaveAsync(Evaluation("P", "good"));
        var bad = await Store.SaveAsync(Evaluation("P", "bad"));

        await ExecuteAsync($"UPDATE evaluations SET record = 'x' WHERE key = '{bad.Key}'");

        (await Store.GetAsync(good.Key)).ShouldNotBeNull().Integrity.IsVerified.ShouldBeTrue();
        (await Store.ListAsync(new EvaluationQuery("P"))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task SaveAsync_RecordEditedAfterItWasMade_RefusedAndNothingSaved()
    {
        var record = NormRecord.Record();
        record["results"]!["npv"] = 1e9;

        var refused = await Should.ThrowAsync<InvalidEvaluationException>(() => Store.SaveAsync(Evaluation("P", "n", record)));

        refused.Reason.ShouldBe(InvalidEvaluationReason.RecordHashMismatch);
        refused.Field.ShouldBe("record");
        (await Store.ListProjectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAsync_RecordWithoutHash_Refused()
    {
        var record = NormRecord.Record();
        record.Remove(EvaluationRecord.HashProperty);

        (await Should.ThrowAsync<InvalidEvaluationException>(() => Store.SaveAsync(Evaluation("P", "n", record))))
            .Reason.ShouldBe(InvalidEvaluationReason.RecordHashMismatch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("id")]
    [InlineData("version")]
    [InlineData("sha256")]
    public async Task SaveAsync_RecordWithoutMethod_Refused(string? member)
    {
        var record = NormRecord.Rehashed(r =>
        {
            if (member is null)
            {
                r.Remove("method");
            }
            else
            {
                ((JObject)r["method"]!).Remove(member);
            }
        });

        (await Should.ThrowAsync<InvalidEvaluationException>(() => Store.SaveAsync(Evaluation("P", "n", record))))
            .Reason.ShouldBe(InvalidEvaluationReason.RecordMethodMissing);
        (await Store.ListProjectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAsync_RecordWithNaN_RefusedAsInvalid()
    {
        var record = NormRecord.Record();
        record["results"]!["npv"] = double.NaN;

        (await Should.ThrowAsync<InvalidEvaluationException>(() => Store.SaveAsync(Evaluation("P", "n", record))))
            .Reason.ShouldBe(InvalidEvaluationReason.RecordInvalid);
    }

    [Fact]
    public async Task SaveAsync_RecordWithLoneSurrogate_RefusedAsInvalid()
    {
        var record = NormRecord.Rehashed(r => r["inputs"]!["note"] = "\ud800");

        (await Should.ThrowAsync<InvalidEvaluationException>(() => Store.SaveAsync(Evaluation("P", "n", record))))
            .Reason.ShouldBe(InvalidEvaluationReason.RecordInvalid);
    }

    [Fact]
    public async Task SaveAsync_RecordWithDateLikeTextsAndUnicode_VerifiesWhenRead()
    {
        var record = NormRecord.Rehashed(r =>
        {
            r["inputs"]!["note"] = "2026-12-06T10:15:30Z — « été » 😀 \u0001 \"q\" \\";
            r["inputs"]!["tiny"] = 1e-7;
            r["inputs"]!["huge"] = 2.5e20;
        });

        var saved = await Store.SaveAsync(Evaluation("P", "n", record));

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.ShouldBe(RecordIntegrity.Verified);
        read.ParseRecord()!["inputs"]!["note"]!.Value<string>().ShouldBe("2026-12-06T10:15:30Z — « été » 😀 \u0001 \"q\" \\");
    }
}
