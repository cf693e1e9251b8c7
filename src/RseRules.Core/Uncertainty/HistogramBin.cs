namespace RseRules.Core.Uncertainty;

/// <summary>One bin of a histogram: values in [Lower, Upper) (the last bin includes its upper bound).</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Count">How many values fell in it.</param>
public sealed record HistogramBin(double Lower, double Upper, int Count);
