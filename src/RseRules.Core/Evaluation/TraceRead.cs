namespace RseRules.Core.Evaluation;

/// <summary>One name a formula read, and what it was.</summary>
/// <param name="Name">The input, parameter or indicator id.</param>
/// <param name="Kind">What the name is.</param>
public sealed record TraceRead(string Name, TraceReadKind Kind);
