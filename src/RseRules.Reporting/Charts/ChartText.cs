namespace RseRules.Reporting.Charts;

/// <summary>
/// A label and its value as the caller formatted them for print (the report formats numbers for its own
/// culture and unit). Charts print both strings as given and never reformat them.
/// </summary>
/// <param name="Label">The text naming the item, e.g. an axis or a row.</param>
/// <param name="Formatted">The item's value, already formatted for display.</param>
public sealed record ChartText(string Label, string Formatted);
