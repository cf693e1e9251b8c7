using Newtonsoft.Json.Linq;

namespace RseRules.Reporting;

/// <summary>One evaluation of a comparison report: its name (the input file's name, say) and its record.</summary>
/// <param name="Name">How the report names the scenario.</param>
/// <param name="Record">Its evaluation record.</param>
public sealed record Scenario(string Name, JObject Record);
