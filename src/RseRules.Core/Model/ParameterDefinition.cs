using Newtonsoft.Json.Linq;

namespace RseRules.Core.Model;

/// <summary>A named constant of a method, with the source it comes from.</summary>
/// <param name="Id">Identifier, as formulas name it.</param>
/// <param name="Type">Its type (a scalar, or a list or map of scalars).</param>
/// <param name="Value">Its value, as written in the method file.</param>
/// <param name="Source">Where the value comes from (a section of the norm, a study…), in French and English (one text
/// for both when the method file gives a plain string).</param>
/// <param name="Label">Label in French and English.</param>
/// <param name="Description">Longer text in French and English.</param>
/// <param name="Unit">Unit as free text.</param>
/// <param name="Pointer">JSON pointer of the declaration in the method file.</param>
public sealed record ParameterDefinition(
    string Id,
    TypeSpec Type,
    JToken Value,
    LocalizedText Source,
    LocalizedText? Label,
    LocalizedText? Description,
    string? Unit,
    string Pointer);
