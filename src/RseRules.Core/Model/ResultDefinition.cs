namespace RseRules.Core.Model;

/// <summary>One result an evaluation exposes: its id in the record, and the indicator or input that gives its value.</summary>
/// <param name="Id">The id in the evaluation record.</param>
/// <param name="From">The indicator or input whose value it exposes (the same as <paramref name="Id"/> unless renamed).</param>
/// <param name="Pointer">JSON pointer of the entry in the method file.</param>
public sealed record ResultDefinition(string Id, string From, string Pointer);
