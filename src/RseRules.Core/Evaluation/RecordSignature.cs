using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace RseRules.Core.Evaluation;

/// <summary>
/// Signed evaluation records. A signature is the record member
/// <c>"signature": { "keyId", "publicKey", "algorithm": "ES256", "value" }</c>, outside the hashed content (the record
/// hash is computed without <c>recordSha256</c> and <c>signature</c>, so signing leaves <c>recordSha256</c> as it was).
/// <list type="bullet">
/// <item>The signed bytes are the ASCII bytes of the record's <c>recordSha256</c> text (64 lower-case hex digits), and only
/// once that text has been checked to be the record's hash: the signature covers everything the hash covers.</item>
/// <item><c>value</c>: ECDSA over NIST P-256 with SHA-256 (JOSE "ES256"), in the IEEE P1363 form (r ‖ s, 64 bytes), base64.</item>
/// <item><c>publicKey</c>: the signer's SubjectPublicKeyInfo (DER), base64. <c>keyId</c>: the lower-case hex SHA-256 of
/// that DER, its first 16 hex digits (64 bits).</item>
/// </list>
/// </summary>
public static class RecordSignature
{
    /// <summary>The only algorithm: ECDSA P-256 with SHA-256.</summary>
    public const string Algorithm = "ES256";

    /// <summary>Hex digits of a key id.</summary>
    public const int KeyIdLength = 16;

    /// <summary>The key id of a public key: the first 16 lower-case hex digits of SHA-256 of its SubjectPublicKeyInfo DER.</summary>
    public static string KeyId(byte[] subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..KeyIdLength];

    /// <summary>The key id of a key (public or private).</summary>
    public static string KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return KeyId(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Signs a record (whose <c>recordSha256</c> must be its hash): sets its <c>signature</c> member.</summary>
    /// <exception cref="ArgumentException">The record's <c>recordSha256</c> is absent or not its hash.</exception>
    public static void Sign(JObject record, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);
        var hash = record[EvaluationRecord.HashProperty] is JValue { Type: JTokenType.String } v ? v.Value<string>()! : null;
        if (hash is null || hash != EvaluationRecord.Hash(record))
        {
            throw new ArgumentException("Only a record whose recordSha256 is its hash can be signed.", nameof(record));
        }

        var spki = key.ExportSubjectPublicKeyInfo();
        var value = key.SignData(Encoding.ASCII.GetBytes(hash), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        record[EvaluationRecord.SignatureProperty] = new JObject
        {
            ["keyId"] = KeyId(spki),
            ["publicKey"] = Convert.ToBase64String(spki),
            ["algorithm"] = Algorithm,
            ["value"] = Convert.ToBase64String(value),
        };
    }

    /// <summary>Checks a record's signature: unsigned, valid (with its key id), or invalid (with why).</summary>
    public static SignatureCheck Verify(JObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record[EvaluationRecord.SignatureProperty] is not { } token)
        {
            return SignatureCheck.Unsigned;
        }

        if (token is not JObject s)
        {
            return SignatureCheck.Invalid(null, "the signature member is not an object");
        }

        var keyId = Text(s["keyId"]);
        if (Text(s["algorithm"]) != Algorithm)
        {
            return SignatureCheck.Invalid(keyId, $"the algorithm is {Text(s["algorithm"]) ?? "(none)"}, not {Algorithm}");
        }

        if (Base64(s["publicKey"]) is not { } spki || Base64(s["value"]) is not { } value || keyId is null)
        {
            return SignatureCheck.Invalid(keyId, "keyId, publicKey and value (base64) are required");
        }

        if (KeyId(spki) != keyId)
        {
            return SignatureCheck.Invalid(keyId, $"the key id is not the public key's ({KeyId(spki)})");
        }

        var hash = Text(record[EvaluationRecord.HashProperty]);
        if (hash is null || hash != EvaluationRecord.Hash(record))
        {
            return SignatureCheck.Invalid(keyId, "the record's recordSha256 is not its hash: the record was changed after it was signed");
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length || key.KeySize != 256)
            {
                return SignatureCheck.Invalid(keyId, "the public key is not an ECDSA P-256 key");
            }

            return key.VerifyData(Encoding.ASCII.GetBytes(hash), value, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                ? SignatureCheck.Valid(keyId)
                : SignatureCheck.Invalid(keyId, "the signature is not the key's signature of the record's hash");
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Invalid(keyId, "the public key is not an ECDSA P-256 SubjectPublicKeyInfo");
        }
    }

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } v ? v.Value<string>() : null;

    private static byte[]? Base64(JToken? token)
    {
        if (Text(token) is not { } text)
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>What a record's signature is.</summary>
public enum SignatureStatus
{
    /// <summary>The record has no <c>signature</c> member.</summary>
    Unsigned,

    /// <summary>The signature verifies.</summary>
    Valid,

    /// <summary>The signature does not verify.</summary>
    Invalid,
}

/// <summary>The outcome of checking a record's signature.</summary>
/// <param name="Status">Unsigned, valid or invalid.</param>
/// <param name="KeyId">The key id the signature names (null when unsigned or unreadable).</param>
/// <param name="Problem">Why it is invalid, else null.</param>
public sealed record SignatureCheck(SignatureStatus Status, string? KeyId, string? Problem)
{
    /// <summary>No signature.</summary>
    public static SignatureCheck Unsigned { get; } = new(SignatureStatus.Unsigned, null, null);

    /// <summary>A valid signature by a key.</summary>
    public static SignatureCheck Valid(string keyId) => new(SignatureStatus.Valid, keyId, null);

    /// <summary>An invalid signature.</summary>
    public static SignatureCheck Invalid(string? keyId, string problem) => new(SignatureStatus.Invalid, keyId, problem);
}
