namespace RseRules.Core.Compilation;

/// <summary>
/// Where one user-written expression was placed in the generated source, and where it came from in the
/// method file, so that Roslyn's diagnostics and the sandbox's findings map back to the method file.
/// </summary>
/// <param name="Kind">Indicator formula, rule condition or message hole.</param>
/// <param name="OwnerId">Id of the indicator or rule.</param>
/// <param name="OwnerIndex">Index of the indicator or rule in declaration order.</param>
/// <param name="Text">The expression's text.</param>
/// <param name="Start">Offset of <paramref name="Text"/> in the generated source.</param>
/// <param name="MethodPointer">JSON pointer of the string that holds it in the method file.</param>
/// <param name="StringOffset">Offset of <paramref name="Text"/> inside that (decoded) string.</param>
public sealed record FormulaSpan(FormulaKind Kind, string OwnerId, int OwnerIndex, string Text, int Start, string MethodPointer, int StringOffset)
{
    /// <summary>End offset (exclusive) in the generated source.</summary>
    public int End => Start + Text.Length;
}
