namespace RseRules.Reporting.Charts;

/// <summary>A labelled vertical dotted line on a <see cref="SvgCharts.Lines"/> chart.</summary>
/// <param name="X">
/// A fractional index into the x labels: 0 is the first label, 2.34 lies between the third and the fourth.
/// A marker outside <c>[0, count − 1]</c>, or not finite, is skipped (not clamped: an edge would misplace it).
/// </param>
/// <param name="Label">The text printed at the top of the line.</param>
public sealed record ChartMarker(double X, string Label);
