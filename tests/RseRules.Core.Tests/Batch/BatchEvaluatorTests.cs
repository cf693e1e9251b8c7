using RseRules.Core.Batch;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Batch;

public class BatchEvaluatorTests
{
    [Fact]
    public void Run_FolderOfDocuments_RowsHoldRoundedResultsAsValues()
    {
        var text = TestMethods.Method(
            inputs: """[{ "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } }]""",
            indicators: """[{ "id": "third", "type": "number", "decimals": 2, "label": { "fr": "t", "en": "t" }, "formula": "x / 3" }]""",
            results: """["third", "x"]""");
        using var method = TestMethods.Compiled(text);
        var folder = Directory.CreateTempSubdirectory("rse-batch-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.json"), """{ "x": 1 }""");
            File.WriteAllText(Path.Combine(folder.FullName, "b.json"), """{ "x": 2 }""");
            File.WriteAllText(Path.Combine(folder.FullName, "c.json"), """{ "x": "two" }""");
            var rows = BatchEvaluator.Run(method, folder.FullName, 2);

            rows.Select(r => r.Document).ShouldBe(["a.json", "b.json", "c.json"]);
            rows[0].Results.ShouldNotBeNull().ShouldBe([new("third", 0.33), new("x", 1.0)]); // 1/3 and 2/3 to two decimals
            rows[1].Results.ShouldNotBeNull().ShouldBe([new("third", 0.67), new("x", 2.0)]);
            rows[2].Results.ShouldBeNull();
            rows[2].Diagnostics.ShouldNotBeEmpty();

            // Values, not a view of the evaluation: a batch of many documents keeps no model and no document per row.
            rows[0].Results.ShouldBeOfType<KeyValuePair<string, object?>[]>();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
