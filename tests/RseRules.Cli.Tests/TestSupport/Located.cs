using System.Globalization;
using System.Text.RegularExpressions;

namespace RseRules.Cli.Tests.TestSupport;

/// <summary>One located diagnostic as printed on stderr: <c>file(line,col): error RSE1234: message</c>.</summary>
internal sealed record LocatedDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message);

/// <summary>Parses printed diagnostics and finds where a text sits in a file, to state expected locations independently.</summary>
internal static partial class Located
{
    /// <summary>Parses a printed line; fails the test when it is not a located diagnostic.</summary>
    public static LocatedDiagnostic Parse(string line)
    {
        var m = Pattern().Match(line);
        m.Success.ShouldBeTrue($"Not a 'file(line,col): severity RSEnnnn: message' line: {line}");
        return new LocatedDiagnostic(
            m.Groups["file"].Value,
            int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture),
            m.Groups["severity"].Value,
            m.Groups["code"].Value,
            m.Groups["message"].Value);
    }

    /// <summary>The 1-based line and column (UTF-16 units) where <paramref name="text"/> first occurs in a file.</summary>
    public static (int Line, int Column) PositionOf(string path, string text)
    {
        var lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var col = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (col >= 0)
            {
                return (i + 1, col + 1);
            }
        }

        throw new InvalidOperationException($"'{text}' does not occur in {path}.");
    }

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>[0-9]+),(?<col>[0-9]+)\): (?<severity>error|warning|info) (?<code>RSE[0-9]{4}): (?<message>.+)$")]
    private static partial Regex Pattern();
}
