using System.Security.Cryptography;

namespace RseRules.Store.Records;

/// <summary>Keys of saved evaluations: 16 characters of lower-case RFC 4648 base32 (80 random bits), URL-safe.</summary>
internal static class EvaluationKey
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);

    /// <summary>A new random key.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, StoreLimits.KeyLength);

    /// <summary>Whether <paramref name="key"/> could be a key (callers need not query the database for anything else).</summary>
    public static bool IsWellFormed(string key) =>
        key.Length == StoreLimits.KeyLength && key.AsSpan().IndexOfAnyExcept(AlphabetValues) < 0;
}
