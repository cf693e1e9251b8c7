namespace RseRules.Store;

/// <summary>A project and what it holds.</summary>
/// <param name="Name">The project's name.</param>
/// <param name="Evaluations">How many of its evaluations are not archived.</param>
/// <param name="Archived">How many are archived.</param>
/// <param name="LastSavedAt">When its latest evaluation (archived or not) was saved, UTC.</param>
public sealed record ProjectSummary(string Name, int Evaluations, int Archived, DateTimeOffset LastSavedAt);
