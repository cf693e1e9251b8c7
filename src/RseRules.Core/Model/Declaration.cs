using Newtonsoft.Json.Linq;

namespace RseRules.Core.Model;

/// <summary>A typed input or record field.</summary>
/// <param name="Id">Identifier, as formulas name it.</param>
/// <param name="Type">Its type.</param>
/// <param name="Label">Label in French and English.</param>
/// <param name="Description">Longer text in French and English.</param>
/// <param name="Unit">Unit as free text (EUR, h, years, fraction…).</param>
/// <param name="Required">Whether the input document must give it.</param>
/// <param name="Default">Value used when it is absent, or null.</param>
/// <param name="Pointer">JSON pointer of the declaration in the method file.</param>
public sealed record Declaration(
    string Id,
    TypeSpec Type,
    LocalizedText? Label,
    LocalizedText? Description,
    string? Unit,
    bool Required,
    JToken? Default,
    string Pointer);
