using System.Security.Cryptography;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;

namespace RseRules.Cli;

/// <summary>
/// The key files of signed records: a private key as PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>), a public key as
/// SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>), both ECDSA over NIST P-256.
/// </summary>
internal static class KeyFiles
{
    private const string P256 = "1.2.840.10045.3.1.7";

    /// <summary>A new P-256 key pair written to <paramref name="privatePath"/> and its <c>.pub</c> beside it; returns the key id.</summary>
    public static (string KeyId, string PublicPath) New(string privatePath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicPath = PublicPathOf(privatePath);
        OutputFile.Write(privatePath, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        OutputFile.Write(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
        return (RecordSignature.KeyId(key), publicPath);
    }

    /// <summary><c>org.key</c> → <c>org.pub</c>; another name gets <c>.pub</c> appended.</summary>
    public static string PublicPathOf(string privatePath) =>
        string.Equals(Path.GetExtension(privatePath), ".key", StringComparison.OrdinalIgnoreCase) ? Path.ChangeExtension(privatePath, ".pub") : privatePath + ".pub";

    /// <summary>Reads a private key; null (and a diagnostic) when the file is not a P-256 PKCS#8 PEM private key.</summary>
    public static ECDsa? ReadPrivate(string path, TextWriter error) => Read(path, "PRIVATE KEY", error);

    /// <summary>Reads public keys and returns their key ids; null (and a diagnostic) when one is not a P-256 public key PEM.</summary>
    public static HashSet<string>? ReadTrusted(IEnumerable<string> paths, TextWriter error)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            using var key = Read(path, "PUBLIC KEY", error);
            if (key is null)
            {
                return null;
            }

            ids.Add(RecordSignature.KeyId(key));
        }

        return ids;
    }

    private static ECDsa? Read(string path, string label, TextWriter error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(new Diagnostic(DiagnosticCode.KeyFileInvalid, Severity.Error, $"Cannot read the key file: {ex.Message}", path).ToString());
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != label)
            {
                throw new CryptographicException();
            }

            key.ImportFromPem(text);
            if (key.ExportParameters(false).Curve.Oid?.Value != P256)
            {
                throw new CryptographicException();
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            var what = label == "PUBLIC KEY" ? "an ECDSA P-256 public key (SubjectPublicKeyInfo PEM, -----BEGIN PUBLIC KEY-----, as rse keys new writes it beside the private key)"
                : "an ECDSA P-256 private key (PKCS#8 PEM, -----BEGIN PRIVATE KEY-----, as rse keys new writes it)";
            error.WriteLine(new Diagnostic(DiagnosticCode.KeyFileInvalid, Severity.Error, $"The key file is not {what}.", path).ToString());
            return null;
        }
    }
}
