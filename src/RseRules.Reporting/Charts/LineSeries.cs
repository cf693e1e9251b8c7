namespace RseRules.Reporting.Charts;

/// <summary>One line of a <see cref="SvgCharts.Lines"/> chart.</summary>
/// <param name="Name">The name shown in the legend.</param>
/// <param name="Values">
/// One value per x label, in the same order; a series may be shorter than the x labels (it stops early),
/// and a non-finite value (NaN, infinity) leaves a gap in the line.
/// </param>
/// <param name="Dashed">Whether the line is drawn dashed rather than solid.</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> Values, bool Dashed);
