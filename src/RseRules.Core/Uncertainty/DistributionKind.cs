namespace RseRules.Core.Uncertainty;

/// <summary>The distributions an uncertain input may be given as.</summary>
public enum DistributionKind
{
    /// <summary>Triangular on [min, max] with its peak at the mode.</summary>
    Triangular,

    /// <summary>Beta-PERT on [min, max] with its mode (λ = 4): mean (min + 4·mode + max) / 6.</summary>
    Pert,

    /// <summary>Uniform on [min, max].</summary>
    Uniform,
}
