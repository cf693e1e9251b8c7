using RseRules.Core.Uncertainty;

namespace RseRules.Reporting;

/// <summary>What a report shows about uncertain inputs: a simulation and a sensitivity analysis of the same document.</summary>
/// <param name="Simulation">The Monte Carlo simulation (<c>rse report</c> runs 10,000 iterations with seed 1).</param>
/// <param name="Sensitivity">The one-at-a-time sensitivity analysis (tornado).</param>
public sealed record ReportUncertainty(SimulationResult Simulation, SensitivityAnalysis Sensitivity);
