using RseRules.Core.Diagnostics;
using RseRules.Core.Model;

namespace RseRules.Core.Evaluation;

/// <summary>What a rule raised during an evaluation.</summary>
/// <param name="Code">The rule's id.</param>
/// <param name="Severity">Info or warning.</param>
/// <param name="Message">The message in French and English, holes filled.</param>
/// <param name="Item">Key of the collection item the rule fired for (forEach rules), else null.</param>
public sealed record Finding(string Code, Severity Severity, LocalizedText Message, string? Item = null);
