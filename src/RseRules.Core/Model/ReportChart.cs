namespace RseRules.Core.Model;

/// <summary>A chart a method declares over its results (<c>report.charts[]</c>).</summary>
/// <param name="Type"><c>lines</c> (series as curves), <c>bars</c> (a map, a series or several numbers) or <c>radar</c> (three or more numbers).</param>
/// <param name="Title">Its title, or null (the labels of its results).</param>
/// <param name="Results">The results it draws.</param>
/// <param name="Cumulative">Lines: plot running sums.</param>
/// <param name="Max">Bars and radar: the end of the axis, or null (the largest value).</param>
/// <param name="Pointer">JSON pointer of the chart in the method file.</param>
public sealed record ReportChart(string Type, LocalizedText? Title, IReadOnlyList<string> Results, bool Cumulative, double? Max, string Pointer);
