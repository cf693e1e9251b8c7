namespace RseRules.Core.Uncertainty;

/// <summary>What a sensitivity analysis swings.</summary>
public enum SensitivityMode
{
    /// <summary>Each distribution to its min and its max, the others at their mode (mean for uniform).</summary>
    Distributions,

    /// <summary>No distribution in the document: each scalar numeric input by −10 % and +10 % (clamped to its declared bounds).</summary>
    TenPercent,
}
