namespace RseRules.Core.Compilation;

/// <summary>The C# source generated for a method, with where each user-written expression sits in it.</summary>
/// <param name="Text">The whole source.</param>
/// <param name="Spans">Every user-written expression.</param>
internal sealed record GeneratedSource(string Text, IReadOnlyList<FormulaSpan> Spans);
