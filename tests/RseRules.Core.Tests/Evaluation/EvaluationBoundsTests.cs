using System.Diagnostics;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Runtime;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>
/// Formulas whose cost is set by an argument or by a text's length rather than by the data's size — memory bombs, and
/// single steps that walk huge texts — end with a diagnostic naming the indicator within bounded time and memory, never
/// an OutOfMemoryException or minutes of work.
/// </summary>
public class EvaluationBoundsTests
{
    private const string Inputs = """
        [
            { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } },
            { "id": "s", "type": "text", "label": { "fr": "s", "en": "s" } },
            { "id": "fmt", "type": "text", "label": { "fr": "f", "en": "f" } },
            { "id": "w", "type": "integer", "label": { "fr": "w", "en": "w" } }
          ]
        """;

    private const string Values = """{ "x": 1.5, "s": "0123456789abcdef", "fmt": "D999999999", "w": 2000000000 }""";

    public static TheoryData<string> MemoryBombs() =>
    [
        // A text doubled: by a chain of Selects, by interpolation, by Join, by a separator as long as the input.
        "Seq(0, 1).Select(i => s)" + string.Concat(Enumerable.Repeat(".Select(a => a + a)", 40)) + ".First().Length",
        "Seq(0, 1).Select(i => s)" + string.Concat(Enumerable.Repeat(".Select(a => $\"{a}{a}\")", 40)) + ".First().Length",
        "Seq(0, 1).Select(i => s)" + string.Concat(Enumerable.Repeat(".Select(a => string.Join(a, new[] { a, a, a }))", 20)) + ".First().Length",
        // A format set by the data: the precision of a standard format, at run time.
        "((long)x).ToString(fmt).Length",
        "x.ToString(fmt).Length",
        // Texts kept: a list of long texts growing until the memory limit or the text limit.
        "Seq(0, 100000).Select(i => string.Join(s, Seq(0, 1000))).Sum(t => t.Length)",
    ];

    [Theory]
    [MemberData(nameof(MemoryBombs))]
    public void Evaluate_FormulaThatMakesHugeTexts_StopsWithADiagnosticAndBoundedMemory(string formula)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = Evaluate(("bomb", "number", formula));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(EvaluationBudget.MemoryLimit + (1L << 30));
        var error = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        error.Code.ShouldBeOneOf(DiagnosticCode.EvaluationBudgetExceeded, DiagnosticCode.EvaluationFailed);
        error.Message.ShouldContain("'bomb'");
        error.Pointer.ShouldBe("/indicators/0/formula");
    }

    [Theory]
    [InlineData("Seq(0, 5000).Count(i => big.Contains(\"zz\"))")] // 5,000 walks of an 8-million-character text: one step each, before
    [InlineData("Seq(0, 5000).Count(i => big.IndexOf(\"zz\") >= 0)")]
    [InlineData("Seq(0, 5000).Count(i => big == big2)")]
    [InlineData("Seq(0, 5000).Count(i => big.Substring(1).Length > 0)")]
    [InlineData("Seq(0, 5000).Count(i => big.Trim().EndsWith(\"zz\"))")]
    public void Evaluate_StepsThatWalkHugeTexts_CountWhatTheyCost(string formula)
    {
        // big: 16 × 2^19 ≈ 8.4 million characters (under the 10-million text limit), made once; then 5,000 walks of it.
        var make = "Seq(0, 1).Select(i => s)" + string.Concat(Enumerable.Repeat(".Select(a => a + a)", 19)) + ".First()";
        var watch = Stopwatch.StartNew();
        var result = Evaluate(("big", "text", make), ("big2", "text", make), ("walks", "number", formula));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(25)); // each walk charged 131,072 steps: the budget stops it within ~400 walks (it ran 160 s before)
        var error = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        error.Code.ShouldBe(DiagnosticCode.EvaluationBudgetExceeded);
        error.Message.ShouldContain("'walks'");
    }

    [Theory]
    [InlineData("Seq(0, 100000).Count(i => list.Contains(-1.0))")]
    [InlineData("Seq(0, 100000).Count(i => list.IndexOf(-1.0) >= 0)")]
    [InlineData("Seq(0, 100000).Count(i => map.ContainsValue(-1))")]
    public void Evaluate_StepsThatSearchALargeCollection_CountWhatTheyCost(string formula)
    {
        // 10^5 searches of a 10^5-element list or dictionary, in one call each: 10^10 comparisons, 10^5 steps before.
        var make = formula.Contains("map", StringComparison.Ordinal)
            ? "Seq(0, 1).Select(i => Seq(0, 100000).ToDictionary(k => k, k => k)).Select(map => "
            : "Seq(0, 1).Select(i => Seq(0, 100000).Select(k => (double)k).ToList()).Select(list => ";
        var watch = Stopwatch.StartNew();
        var result = Evaluate(("search", "number", make + formula + ").First()"));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(25));
        var error = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        error.Code.ShouldBe(DiagnosticCode.EvaluationBudgetExceeded);
        error.Message.ShouldContain("'search'");
    }

    [Fact]
    public void Evaluate_TextsWithinTheLimits_GiveWhatCSharpGives()
    {
        var result = Evaluate(
            ("a", "text", "s + \"-\" + x + \"-\" + w"),
            ("b", "text", "$\"{x,8:F2}|{s,-18}|{w:N0}\""),
            ("c", "text", "string.Join(\", \", Seq(0, 4))"),
            ("d", "text", "x.ToString(\"F3\") + ((long)x).ToString(\"D5\")"),
            ("e", "boolean", "s.Contains(\"9a\") && s.Substring(2, 3) == \"234\" && s.Trim().StartsWith(\"01\") && s?.EndsWith(\"ef\") == true"));
        result.Diagnostics.ShouldBeEmpty();
        var values = result.Indicators!;
        values["a"].ShouldBe("0123456789abcdef-1.5-2000000000");
        values["b"].ShouldBe("    1.50|0123456789abcdef  |2,000,000,000");
        values["c"].ShouldBe("0, 1, 2, 3");
        values["d"].ShouldBe("1.50000001");
        values["e"].ShouldBe(true);
    }

    [Fact]
    public void Spend_StepsThatEachTakeLong_TimeLimitHoldsWhateverAStepCosts()
    {
        // Before, the clock was read every 4,096 steps: 4,096 steps of 30 ms each ran two minutes past a 100 ms limit.
        using var scope = EvaluationBudget.Begin(long.MaxValue, TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        var ex = Should.Throw<EvaluationBudgetExceededException>(() =>
        {
            for (var i = 0; i < 4096; i++)
            {
                Thread.Sleep(30);
                EvaluationBudget.Spend(1);
            }
        });

        ex.OutOfTime.ShouldBeTrue();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Spend_PastTheMemoryLimit_ThrowsOutOfMemory()
    {
        using var scope = EvaluationBudget.Begin(long.MaxValue, TimeSpan.FromSeconds(30), memoryLimit: 16 << 20);
        var kept = new List<byte[]>();
        var ex = Should.Throw<EvaluationBudgetExceededException>(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                kept.Add(new byte[1 << 20]);
                Thread.Sleep(5);
                EvaluationBudget.Spend(1);
            }
        });

        ex.OutOfMemory.ShouldBeTrue();
        kept.Count.ShouldBeLessThan(200);
    }

    private static EvaluationResult Evaluate(params (string Id, string Type, string Formula)[] indicators)
    {
        var text = TestMethods.Method(
            inputs: Inputs,
            indicators: "[\n    " + string.Join(",\n    ", indicators.Select(i => TestMethods.Indicator(i.Id, i.Type, TestMethods.Quote(i.Formula)))) + "\n  ]",
            results: "[" + string.Join(", ", indicators.Select(i => "\"" + i.Id + "\"")) + "]");
        using var method = TestMethods.Compiled(text);
        return TestMethods.Evaluate(method, Values);
    }
}
