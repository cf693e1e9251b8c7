using System.Text.Json;
using System.Text.Json.Nodes;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// Variants of the shipped example, deterministic: document i changes hourlyCost, discountRate, knowledgeWorkers,
/// hoursPerWeek, the licence price and the first two risks' probability and impact, so that the batch covers every
/// decision (GO, GO_WITH_CONDITIONS, NO_GO) and several sets of findings. Every variant is a valid document.
/// </summary>
public static class DocumentVariants
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The text of variant <paramref name="i"/> of a document.</summary>
    public static string Variant(string exampleJson, int i)
    {
        var doc = JsonNode.Parse(exampleJson)!.AsObject();
        doc["hourlyCost"] = 30 + (i % 41);                       // 30..70 EUR/h
        doc["discountRate"] = 0.04 + ((i % 9) * 0.01);           // 4 %..12 %
        doc["knowledgeWorkers"] = 600 + (i * 37 % 1300);         // 600..1899 (≤ employees)
        var gains = doc["gains"]!.AsObject();
        gains["timeSaved"]!["hoursPerWeek"] = 0.25 * (1 + (i % 6)); // 0.25..1.5 h
        doc["costs"]!["recurring"]!["licencePerUserPerMonth"] = 2 + (i % 5); // 2..6 EUR
        var risks = doc["risks"]!.AsArray();
        risks[0]!["probability"] = 1 + (i % 4);                  // 1..4
        risks[0]!["impact"] = (i / 4) % 5;                       // 0..4: P × I up to 16 (critical)
        risks[1]!["probability"] = 1 + ((i / 20) % 4);
        return doc.ToJsonString(Indented);
    }

    /// <summary>The texts of variants 0..count−1.</summary>
    public static string[] Generate(string exampleJson, int count) => [.. Enumerable.Range(0, count).Select(i => Variant(exampleJson, i))];
}
