using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// What <see cref="RseRules.Core.Compilation.FormulaRewriter"/> writes for a text concatenation compared with a text: the
/// comparison without the concatenation made (<c>TextGuard.ConcatEqual</c>, <c>EqualConcat</c>) where the order of
/// evaluation cannot tell, the concatenation then the comparison otherwise — the same answers either way (the charges of
/// the fused comparison against the two steps: <c>TextGuardTests.ConcatEqual_RandomTexts_SameAnswerAndStepsAsConcatThenEqual</c>).
/// </summary>
public class FormulaRewriterTests
{
    private const string Inputs = """
        [ { "id": "items", "type": "collection", "key": "code", "label": { "fr": "i", "en": "i" },
            "fields": [ { "id": "code", "type": "text" }, { "id": "label", "type": "text" }, { "id": "n", "type": "integer" } ] },
          { "id": "wanted", "type": "text", "label": { "fr": "w", "en": "w" } } ]
        """;

    private static readonly (string Id, string Formula)[] Shapes =
    [
        ("left", "items.Count(i => \"P:\" + i.code == wanted)"), // fused: ConcatEqual
        ("right", "items.Count(i => wanted == \"P:\" + i.code)"), // fused: EqualConcat
        ("leftNot", "items.Count(i => (\"P:\" + i.code) != (wanted))"), // fused, negated
        ("literal", "items.Count(i => i.code + \"!\" == \"b!\")"), // fused: a literal on the right
        ("member", "items.Count(i => \"P:\" + i.code == i.label)"), // not fused: reading i.label comes after the concatenation
        ("number", "items.Count(i => \"P:\" + i.n == wanted)"), // not fused: a number made into text
        ("chain", "items.Count(i => \"P:\" + i.code + \"\" == wanted)"), // the outer concatenation fused, the inner one made
    ];

    [Fact]
    public void Compile_ConcatenationComparedWithAText_FusedOnlyWhereTheOrderCannotTell()
    {
        using var method = TestMethods.Compiled(TestMethods.Method(
            inputs: Inputs,
            indicators: "[" + string.Join(", ", Shapes.Select(s => TestMethods.Indicator(s.Id, "integer", TestMethods.Quote(s.Formula)))) + "]",
            results: "[" + string.Join(", ", Shapes.Select(s => "\"" + s.Id + "\"")) + "]"));

        // Each query is written twice: its loop, and the query as written for what the loop cannot walk.
        var source = method.EmittedSource.ShouldNotBeNull();
        Count(source, "TextGuard.ConcatEqual(\"P:\",i.code,wanted)").ShouldBe(2);
        Count(source, "!(global::RseRules.Core.Runtime.TextGuard.ConcatEqual(\"P:\",i.code,(wanted)))").ShouldBe(2);
        Count(source, "TextGuard.EqualConcat(wanted,\"P:\",i.code)").ShouldBe(2);
        Count(source, "TextGuard.ConcatEqual(i.code,\"!\",\"b!\")").ShouldBe(2);
        Count(source, "TextGuard.Equal(global::RseRules.Core.Runtime.TextGuard.Concat(\"P:\",i.code),i.label)").ShouldBe(2);
        Count(source, "TextGuard.Equal(global::RseRules.Core.Runtime.TextGuard.Concat(\"P:\",i.n),wanted)").ShouldBe(2);
        Count(source, "TextGuard.ConcatEqual(global::RseRules.Core.Runtime.TextGuard.Concat(\"P:\",i.code),\"\",wanted)").ShouldBe(2);
        Count(source, "TextGuard.ConcatEqual(").ShouldBe(8);

        // Counted by hand: codes a, b, P:a; labels P:a, x, P:P:a; n 7, 7, 1; wanted "P:a".
        var result = TestMethods.Evaluate(method, """
            { "items": [ { "code": "a", "label": "P:a", "n": 7 }, { "code": "b", "label": "x", "n": 7 }, { "code": "P:a", "label": "P:P:a", "n": 1 } ],
              "wanted": "P:a" }
            """);
        result.Diagnostics.ShouldBeEmpty();
        Shapes.Select(s => (s.Id, (long)result.Indicators[s.Id]!)).ShouldBe(
            [("left", 1L), ("right", 1L), ("leftNot", 2L), ("literal", 1L), ("member", 2L), ("number", 0L), ("chain", 1L)]);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
