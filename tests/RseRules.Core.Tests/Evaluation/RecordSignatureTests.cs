using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>Signed records: the signature is over the record hash, outside the hashed content, and any change shows.</summary>
public sealed class RecordSignatureTests
{
    private static JObject Record()
    {
        var record = new JObject { ["b"] = "x", ["a"] = 1 };
        record[EvaluationRecord.HashProperty] = EvaluationRecord.Hash(record);
        return record;
    }

    [Fact]
    public void Sign_Record_HashUnchangedAndSignatureOverItsText()
    {
        var record = Record();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        RecordSignature.Sign(record, key);

        // The hash, by hand: SHA-256 of the canonical text without recordSha256 and signature.
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("""{"a":1,"b":"x"}""")));
        ((string?)record[EvaluationRecord.HashProperty]).ShouldBe(expected);
        EvaluationRecord.Hash(record).ShouldBe(expected);
        var signature = (JObject)record["signature"]!;
        ((string?)signature["keyId"]).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16]);
        key.VerifyData(Encoding.ASCII.GetBytes(expected), Convert.FromBase64String((string)signature["value"]!), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();
        RecordSignature.Verify(record).ShouldBe(SignatureCheck.Valid((string)signature["keyId"]!));
    }

    [Fact]
    public void Verify_Unsigned_IsUnsigned() => RecordSignature.Verify(Record()).Status.ShouldBe(SignatureStatus.Unsigned);

    [Fact]
    public void Verify_ContentChangedAndRehashed_Invalid()
    {
        var record = Record();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        RecordSignature.Sign(record, key);

        record["a"] = 2;
        record[EvaluationRecord.HashProperty] = EvaluationRecord.Hash(record);

        RecordSignature.Verify(record).Status.ShouldBe(SignatureStatus.Invalid);
    }

    [Fact]
    public void Verify_PublicKeySwappedForAnother_Invalid()
    {
        var record = Record();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        RecordSignature.Sign(record, key);

        // Another key with its own key id: the signature is not that key's.
        record["signature"]!["publicKey"] = Convert.ToBase64String(other.ExportSubjectPublicKeyInfo());
        record["signature"]!["keyId"] = RecordSignature.KeyId(other);
        var swapped = RecordSignature.Verify(record);

        // Only the key id changed: it is not the embedded key's.
        record["signature"]!["publicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var mislabelled = RecordSignature.Verify(record);

        swapped.Status.ShouldBe(SignatureStatus.Invalid);
        swapped.Problem.ShouldNotBeNull().ShouldContain("not the key's signature");
        mislabelled.Status.ShouldBe(SignatureStatus.Invalid);
        mislabelled.Problem.ShouldNotBeNull().ShouldContain("key id");
    }

    [Theory]
    [InlineData("""{"keyId":"x"}""")]
    [InlineData("""{"keyId":"x","publicKey":"not base64!","algorithm":"ES256","value":"AA=="}""")]
    [InlineData("""{"keyId":"x","publicKey":"AA==","algorithm":"RS256","value":"AA=="}""")]
    [InlineData("\"text\"")]
    public void Verify_MalformedSignature_InvalidNeverThrows(string signature)
    {
        var record = Record();
        record["signature"] = JToken.Parse(signature);

        RecordSignature.Verify(record).Status.ShouldBe(SignatureStatus.Invalid);
    }

    [Fact]
    public void Verify_KeyIdOfAGarbagePublicKey_InvalidNeverThrows()
    {
        var record = Record();
        var garbage = new byte[] { 1, 2, 3 };
        record["signature"] = new JObject { ["keyId"] = RecordSignature.KeyId(garbage), ["publicKey"] = Convert.ToBase64String(garbage), ["algorithm"] = "ES256", ["value"] = "AA==" };

        RecordSignature.Verify(record).Status.ShouldBe(SignatureStatus.Invalid);
    }
}
