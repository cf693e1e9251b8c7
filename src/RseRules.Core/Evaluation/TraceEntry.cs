namespace RseRules.Core.Evaluation;

/// <summary>How one indicator was computed: its formula, what it read, its value.</summary>
/// <param name="Id">The indicator.</param>
/// <param name="Formula">Its formula as declared.</param>
/// <param name="Reads">The inputs, parameters and indicators the formula names, in order of first use.</param>
/// <param name="Value">The value computed (unrounded).</param>
public sealed record TraceEntry(string Id, string Formula, IReadOnlyList<TraceRead> Reads, object? Value);
