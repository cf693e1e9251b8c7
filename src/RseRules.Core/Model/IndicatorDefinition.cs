namespace RseRules.Core.Model;

/// <summary>A computed value: a typed C# expression over inputs, parameters and other indicators.</summary>
/// <param name="Id">Identifier, as formulas and results name it.</param>
/// <param name="Type">The type of the formula's value.</param>
/// <param name="Formula">The C# expression.</param>
/// <param name="Label">Label in French and English.</param>
/// <param name="Description">Longer text in French and English.</param>
/// <param name="Unit">Unit as free text.</param>
/// <param name="Decimals">Digits the exposed result is rounded to (half away from zero), or null.</param>
/// <param name="Pointer">JSON pointer of the declaration in the method file.</param>
public sealed record IndicatorDefinition(
    string Id,
    TypeSpec Type,
    string Formula,
    LocalizedText Label,
    LocalizedText? Description,
    string? Unit,
    int? Decimals,
    string Pointer)
{
    /// <summary>In an overlay: this indicator replaces the base's indicator of the same id (explicitly).</summary>
    public bool Replaces { get; init; }
}
