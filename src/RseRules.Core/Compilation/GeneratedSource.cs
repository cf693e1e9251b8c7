namespace RseRules.Core.Compilation;

/// <summary>The C# source generated for a method, with where each user-written expression sits in it.</summary>
/// <param name="Text">The whole source.</param>
/// <param name="Spans">Every user-written expression.</param>
/// <param name="Conversions">Generated code around a formula that converts its value to the declared type (a record,
/// a collection): a compile error there is the formula's value not fitting the declaration.</param>
internal sealed record GeneratedSource(string Text, IReadOnlyList<FormulaSpan> Spans, IReadOnlyList<(int Start, int End, FormulaSpan Formula)> Conversions)
{
    public GeneratedSource(string text, IReadOnlyList<FormulaSpan> spans)
        : this(text, spans, [])
    {
    }
}
