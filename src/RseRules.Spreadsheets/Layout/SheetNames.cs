using System.Globalization;

namespace RseRules.Spreadsheets.Layout;

/// <summary>Sheet names Excel accepts: at most 31 characters, none of <c>[ ] : * ? / \</c>, unique without regard to case.</summary>
internal sealed class SheetNames(IEnumerable<string> reserved)
{
    public const int MaxLength = 31;

    private readonly HashSet<string> taken = new(reserved.Append("History"), StringComparer.OrdinalIgnoreCase);

    public string Take(string wanted)
    {
        var name = Sanitize(wanted);
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
            candidate = name[..Math.Min(name.Length, MaxLength - suffix.Length)].TrimEnd() + suffix;
        }

        return candidate;
    }

    private static string Sanitize(string wanted)
    {
        var chars = wanted.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? ' ' : c).ToArray();
        var name = string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('\'', ' ');
        if (name.Length > MaxLength)
        {
            name = name[..(MaxLength - 1)].TrimEnd('\'', ' ') + "…";
            if (char.IsHighSurrogate(name[^2]))
            {
                name = name[..^2] + "…";
            }
        }

        return name.Length == 0 ? "Sheet" : name;
    }
}
