namespace RseRules.Core.Uncertainty;

/// <summary>
/// A distribution given instead of a number in an input document:
/// <c>{ "distribution": "triangular" | "pert", "min": a, "mode": c, "max": b }</c> or
/// <c>{ "distribution": "uniform", "min": a, "max": b }</c>. Immutable; sampling is pure given the random stream.
/// </summary>
/// <param name="Kind">Which distribution.</param>
/// <param name="Min">Lower bound a.</param>
/// <param name="Mode">Most likely value c (for <see cref="DistributionKind.Uniform"/>, the midpoint).</param>
/// <param name="Max">Upper bound b.</param>
public sealed record Distribution(DistributionKind Kind, double Min, double Mode, double Max)
{
    /// <summary>The name used in input documents: <c>triangular</c>, <c>pert</c>, <c>uniform</c>.</summary>
    public string Name => NameOf(Kind);

    /// <summary>The value a plain evaluation uses: the mode, or the mean for a uniform distribution.</summary>
    public double Central => Kind == DistributionKind.Uniform ? (Min + Max) / 2 : Mode;

    /// <summary>The analytic mean: (a + c + b) / 3, (a + 4c + b) / 6, or (a + b) / 2.</summary>
    public double Mean => Kind switch
    {
        DistributionKind.Triangular => (Min + Mode + Max) / 3,
        DistributionKind.Pert => (Min + (4 * Mode) + Max) / 6,
        _ => (Min + Max) / 2,
    };

    /// <summary>The document name of a kind.</summary>
    public static string NameOf(DistributionKind kind) => kind switch
    {
        DistributionKind.Triangular => "triangular",
        DistributionKind.Pert => "pert",
        _ => "uniform",
    };

    /// <summary>The kind a document name designates, or null.</summary>
    public static DistributionKind? Parse(string? name) => name switch
    {
        "triangular" => DistributionKind.Triangular,
        "pert" => DistributionKind.Pert,
        "uniform" => DistributionKind.Uniform,
        _ => null,
    };

    /// <summary>Draws one value from the random stream (inverse CDF for triangular and uniform, two gamma variates for PERT).</summary>
    internal double Sample(ref RandomStream random)
    {
        var width = Max - Min;
        if (!(width > 0))
        {
            return Min;
        }

        switch (Kind)
        {
            case DistributionKind.Uniform:
                return Min + (random.NextDouble() * width);
            case DistributionKind.Triangular:
                var u = random.NextDouble();
                var split = (Mode - Min) / width;
                return u < split
                    ? Min + Math.Sqrt(u * width * (Mode - Min))
                    : Max - Math.Sqrt((1 - u) * width * (Max - Mode));
            default:
                var alpha = 1 + (4 * (Mode - Min) / width);
                var beta = 1 + (4 * (Max - Mode) / width);
                var x = random.NextGamma(alpha);
                var y = random.NextGamma(beta);
                return Min + (x / (x + y) * width);
        }
    }
}
