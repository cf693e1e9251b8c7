using System.Globalization;

namespace RseRules.Core.Diagnostics;

/// <summary>
/// One problem found in a method file, an input document or during evaluation. Diagnostics are data:
/// loaders, compilers and evaluators return them instead of throwing.
/// </summary>
/// <param name="Code">The catalogued code (see <see cref="DiagnosticCode"/>).</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">The message, one sentence, no trailing newline: in English, or for an input document's
/// diagnostics in the language asked for (see <see cref="InputMessages"/>).</param>
/// <param name="File">The file the problem is in, as given by the user; null when not about a file.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, 0 when unknown.</param>
/// <param name="Column">1-based column (UTF-16 code units) in <paramref name="File"/>, 0 when unknown.</param>
/// <param name="Pointer">RFC 6901 JSON pointer of the offending value in the file, null when not about a JSON value.</param>
public sealed record Diagnostic(
    DiagnosticCode Code,
    Severity Severity,
    string Message,
    string? File = null,
    int Line = 0,
    int Column = 0,
    string? Pointer = null)
{
    /// <summary>The code as printed: <c>RSE1234</c>.</summary>
    public string CodeText => FormatCode(Code);

    /// <summary>Formats a code as <c>RSE</c> followed by four digits.</summary>
    public static string FormatCode(DiagnosticCode code) =>
        "RSE" + ((int)code).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>
    /// The MSBuild-style line: <c>file(line,col): error RSE1234: message</c>. The JSON pointer, when known,
    /// closes the message in brackets so that a reader can find values that share a line.
    /// </summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        var where = File is null
            ? "rse"
            : Line > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column})")
                : File;
        var pointer = Pointer is null ? string.Empty : $" [{(Pointer.Length == 0 ? "/" : Pointer)}]";
        return $"{where}: {severity} {CodeText}: {Message}{pointer}";
    }
}
