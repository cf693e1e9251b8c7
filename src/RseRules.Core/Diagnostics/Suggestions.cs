namespace RseRules.Core.Diagnostics;

/// <summary>
/// "Did you mean …?": the known name closest to a misspelt one, by the optimal-string-alignment distance (Levenshtein
/// with transpositions of adjacent characters: <c>wieght</c> → <c>weight</c> is one edit). A name is suggested only when
/// it is close for its length — no edit for names of 1 or 2 characters, at most 1 up to 4 characters, 2 up to 8, 3 beyond —
/// or differs only by case. Equally close names are all suggested (at most <see cref="MaxSuggestions"/>) in ordinal
/// order, so a suggestion never depends on declaration order or hashing.
/// </summary>
public static class Suggestions
{
    /// <summary>Longest name compared (longer texts are not names: no suggestion, and the cost stays bounded).</summary>
    public const int MaxLength = 128;

    /// <summary>Most names suggested at once (equally close).</summary>
    public const int MaxSuggestions = 3;

    /// <summary>The candidates closest to <paramref name="word"/> (equally close, ordinal order), or none when none is close
    /// enough or <paramref name="word"/> is itself a candidate.</summary>
    public static IReadOnlyList<string> Closest(string? word, IEnumerable<string?> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (string.IsNullOrEmpty(word) || word.Length > MaxLength)
        {
            return [];
        }

        var best = new List<string>();
        var bestDistance = int.MaxValue;
        foreach (var c in candidates.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (string.Equals(c, word, StringComparison.Ordinal))
            {
                return [];
            }

            if (c.Length == 0 || c.Length > MaxLength)
            {
                continue;
            }

            // Case only: always a suggestion, and closer than any edit.
            var distance = string.Equals(c, word, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(word, c);
            if (distance > Threshold(word.Length) || distance > bestDistance)
            {
                continue;
            }

            if (distance < bestDistance)
            {
                best.Clear();
                bestDistance = distance;
            }

            if (best.Count < MaxSuggestions)
            {
                best.Add(c);
            }
        }

        return best;
    }

    /// <summary>How many edits a name of <paramref name="length"/> characters may be from the one meant.</summary>
    public static int Threshold(int length) => length <= 2 ? 0 : length <= 4 ? 1 : length <= 8 ? 2 : 3;

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions, each one edit.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }

                d[i, j] = v;
            }
        }

        return d[a.Length, b.Length];
    }
}
