using RseRules.Core.Runtime;

namespace RseRules.Core.Compilation;

/// <summary>The inputs an evaluation binds again (the method's input order) and, for each, the records to make again along
/// changed leaves, or null to bind it whole (<see cref="CompiledMethod.PlanRebind"/>).</summary>
/// <param name="Indexes">The inputs, by position in the method.</param>
/// <param name="Changes">For each, its records to make again, or null.</param>
internal sealed record RebindPlan(int[] Indexes, RebindNode?[] Changes);
