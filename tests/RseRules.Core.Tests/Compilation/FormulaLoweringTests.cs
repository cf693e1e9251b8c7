using System.Globalization;
using System.Text;
using RseRules.Core.Compilation;
using RseRules.Core.Runtime;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// Queries lowered into loops (<see cref="FormulaLowering"/>) against the same formulas run through the formulas' LINQ: one
/// method compiled both ways, evaluated on many generated documents — the same values to the last bit, the same steps
/// charged after every indicator and rule, the same failures (type and message) at the same place, and, with a budget cut
/// short at every possible step, the same step at which the evaluation stops.
/// </summary>
public class FormulaLoweringTests
{
    private const string Inputs = """
        [
            { "id": "items", "type": "collection", "key": "id", "label": { "fr": "i", "en": "i" }, "fields": [
              { "id": "id", "type": "text" },
              { "id": "w", "type": "number" },
              { "id": "n", "type": "integer" },
              { "id": "ok", "type": "boolean" },
              { "id": "opt", "type": "text", "required": false }
            ] },
            { "id": "len", "type": "integer", "min": 0, "max": 6, "label": { "fr": "l", "en": "l" } },
            { "id": "xs", "type": "series", "length": "len", "label": { "fr": "x", "en": "x" } },
            { "id": "byId", "type": "map", "keys": "text", "of": "number", "label": { "fr": "m", "en": "m" } },
            { "id": "weights", "type": "map", "keys": "items", "of": "number", "required": false, "default": 1, "label": { "fr": "p", "en": "w" } }
          ]
        """;

    /// <summary>Every consumer, chains of one to four stages, nested queries capturing a lambda's parameter, and what fails.</summary>
    public static readonly (string Id, string Type, string Formula)[] Shapes =
    [
        // Sum, with and without a selector, each numeric type, nullable selectors.
        ("sumW", "number", "items.Sum(i => i.w)"),
        ("sumWhere", "number", "items.Where(i => i.ok).Sum(i => i.w * 2)"),
        ("sumSelect", "number", "items.Select(i => i.w).Sum()"),
        ("sumSelectWhere", "number", "items.Where(i => i.n > 0).Select(i => i.w / i.n).Sum()"),
        ("sum3", "number", "items.Select(i => i.w).Where(w => w > 1).Select(w => w * w).Sum()"),
        ("sum4", "number", "items.Where(i => i.n != 3).Select(i => i.w).Where(w => w < 3).Select(w => -w).Sum(w => w + 1)"),
        ("sum4b", "number", "items.Select(i => i.n).Where(n => n > 0).Where(n => n < 10).Select(n => (double)n).Sum()"),
        ("sumLong", "integer", "items.Sum(i => i.n)"),
        ("sumInt", "integer", "items.Select(i => (int)(i.n % 3000000000)).Sum()"),
        ("sumCube", "integer", "items.Sum(i => i.n * i.n * i.n)"),
        ("sumDecimal", "number", "(double)items.Sum(i => (decimal)i.w)"),
        ("sumNullable", "number", "items.Sum(i => i.ok ? (double?)i.w : null) ?? -1"),
        ("sumLongNullable", "integer", "items.Select(i => i.ok ? (long?)i.n : null).Sum() ?? -1"),
        ("sumNegativeZero", "number", "1 / items.Where(i => i.ok).Sum(i => -0.0)"),
        ("sumKey", "number", "items.Sum(i => byId[i.id])"),
        ("sumXs", "number", "xs.Sum(x => x * 3)"),
        ("sumXsPlain", "number", "xs.Sum()"),

        // Count, Any, All, with and without predicates.
        ("count", "integer", "items.Count(i => i.ok)"),
        ("countWhere", "integer", "items.Where(i => i.ok).Count()"),
        ("countSelect", "integer", "items.Select(i => i.w).Where(w => w > 0).Count(w => w < 3)"),
        ("any", "boolean", "items.Any(i => i.ok)"),
        ("anyWhere", "boolean", "items.Where(i => i.n > 2).Any()"),
        ("anySelect", "boolean", "items.Select(i => i.w).Any(w => w > 2)"),
        ("anyDeep", "boolean", "items.Select(i => i.n).Where(n => n > 0).Select(n => n * 2).Any(n => n > 5)"),
        ("all", "boolean", "items.All(i => i.w >= 0)"),
        ("allWhere", "boolean", "items.Where(i => i.ok).All(i => i.n > 0)"),
        ("allDeep", "boolean", "items.Select(i => i.w).Where(w => w != 1).Select(w => w * 2).All(w => w < 5)"),

        // Min, Max, Average: empty sequences, NaN, negative zero, integers.
        ("min", "number", "items.Min(i => i.w)"),
        ("minWhere", "number", "items.Where(i => i.ok).Min(i => i.w)"),
        ("maxLong", "integer", "items.Max(i => i.n)"),
        ("minLong", "integer", "items.Select(i => i.n).Where(n => n > 1).Min()"),
        ("maxXs", "number", "xs.Max()"),
        ("minXs", "number", "xs.Min()"),
        ("minNaN", "number", "double.IsNaN(items.Select(i => i.w > 2 ? double.NaN : i.w).Min()) ? -7 : items.Select(i => i.w > 2 ? double.NaN : i.w).Min()"),
        ("maxNaN", "number", "double.IsNaN(items.Select(i => i.n == 7 ? double.NaN : i.w).Max()) ? -7 : items.Select(i => i.n == 7 ? double.NaN : i.w).Max()"),
        ("average", "number", "items.Average(i => i.w)"),
        ("averageZero", "number", "1 / items.Select(i => -0.0).Average()"),
        ("averageLong", "number", "items.Where(i => i.ok).Average(i => i.n)"),
        ("averageInt", "number", "items.Select(i => (int)(i.n % 5)).Average()"),
        ("averageXs", "number", "xs.Average()"),

        // First, FirstOrDefault, ToArray.
        ("first", "text", "items.First(i => i.ok).id"),
        ("firstPlain", "text", "items.Where(i => i.w > 2).Select(i => i.id).First()"),
        ("firstXs", "number", "xs.First()"),
        ("firstOrDefault", "text", "items.FirstOrDefault(i => i.n > 3)?.id ?? \"none\""),
        ("firstOrDefaultPlain", "text", "items.Select(i => i.opt).FirstOrDefault() ?? \"none\""),
        ("toArray", "list:text", "items.Where(i => i.ok).Select(i => i.id).ToArray()"),
        ("toArrayXs", "list:number", "xs.Where(x => x > 0).ToArray()"),
        ("toArrayEmptyShared", "boolean", "items.Where(i => false).Select(i => i.id).ToArray() == items.Where(i => i.n < -100).Select(i => i.id).ToArray()"),

        // Concat below ToArray: sequences of zero to three stages, arrays made in the formula, texts made in the loop (charged
        // at once), a failing lambda in either sequence, a second source that is null.
        ("concat", "list:text", "items.Where(i => i.w > 1 && i.w < 3).Select(i => \"R:\" + i.id).Concat(new[] { len > 2 ? \"LONG\" : null, \"ALWAYS\", xs.Sum() < 0 ? \"NEG\" : null }.Where(c => c != null)).ToArray()"),
        ("concatQuiet", "list:number", "xs.Where(x => x > 0).Concat(items.Select(i => i.w)).ToArray()"),
        ("concatPlain", "list:number", "xs.Concat(items.Where(i => i.ok).Select(i => i.w).Where(w => w > 1)).ToArray()"),
        ("concatDeep", "list:number", "items.Select(i => i.w).Where(w => w > 0.5).Select(w => w * 2).Concat(xs).ToArray()"),
        ("concatFails", "list:number", "items.Select(i => i.w).Concat(items.Where(i => i.ok).Select(i => byId[i.id])).ToArray()"),
        ("concatNull", "integer", "(long)items.Select(i => i.opt).Concat(items.Where(i => i.n > 2).Select(i => i.id)).ToArray().Count(t => t == null)"),
        ("concatOpt", "list:number", "xs.Select(x => x + 1).Concat((len > 3 ? null : xs).Where(x => x < 2)).ToArray()"),
        ("concatViews", "list:number", "items.Where(i => weights[i.id] > 1).Select(i => weights[i.id]).Concat(items.Where(i => i.ok).Select(i => weights[i.id] * 2)).ToArray()"),
        ("concatViewsMissing", "list:number", "items.Select(i => byId[i.id]).Concat(items.Where(i => i.n > 1).Select(i => weights[i.id] + byId[i.id])).ToArray()"),
        ("concatOtherArray", "list:number", "items.Select(i => weights[i.id]).Concat(items.Where(i => !i.ok).ToArray().Select(i => weights[i.id] * 3)).ToArray()"),
        ("concatFirstNull", "list:number", "(len > 2 ? null : xs).Where(x => x > 0).Concat(items.Where(i => i.ok).Select(i => byId[i.id]).ToArray()).ToArray()"),
        // Helpers: Map (null and duplicate keys), Series, Mean, Product, Sum.
        ("map", "map", "Map(items, i => i.id, i => i.w * 2)"),
        ("mapOpt", "map", "Map(items.Where(i => i.ok), i => i.opt, i => i.w)"),
        ("mapDup", "map", "Map(items.Select(i => i.n % 2 == 0 ? \"even\" : i.id), k => k, k => (double)k.Length)"),
        ("mapNested", "map", "Map(items.Where(i => i.ok).Select(i => i.id), k => k, k => items.Where(j => j.id == k).Sum(j => j.w))"),
        ("series", "series", "Series(len + 1, t => t == 0 ? 0 : items.Sum(i => i.w * t))"),
        ("seriesNested", "series", "Series(len, t => xs.Where(x => x > t).Select(x => x - t).Sum())"),
        ("seriesPlain", "series", "Series(len, t => t * 1.5)"),
        ("mean", "number", "Mean(items.Select(i => i.w))"),
        ("meanXs", "number", "Mean(xs)"),
        ("product", "number", "Product(items.Where(i => i.ok).Select(i => 1 + i.w))"),
        ("productDeep", "number", "Product(items.Select(i => i.w).Where(w => w > 0).Select(w => w / 2))"),
        ("helperSum", "number", "Sum(items.Where(i => i.n > 1).Select(i => i.w))"),

        // Lookups at the element the loop is at (read by position): maps made by Map of the items keyed by a field, an input
        // map keyed by the items, a map of other keys; from Where, Select and consumers, and from a filtered array (by key).
        ("byItem", "map", "Map(items, i => i.id, i => i.w * 3)"),
        ("byN", "map:long", "Map(items, i => i.n, i => i.w)"),
        ("sumByItem", "number", "items.Sum(i => byItem[i.id] + weights[i.id])"),
        ("whereByItem", "number", "items.Where(i => byItem[i.id] > 2).Select(i => byItem[i.id] - weights[i.id]).Sum()"),
        ("anyByN", "boolean", "items.Any(i => byN[i.n] > 2.5)"),
        ("byIdMissing", "number", "items.Where(i => i.w > 0).Sum(i => byId[i.id])"),
        ("byFiltered", "number", "items.Where(i => i.ok).Select(i => i.id).ToArray().Sum(id => byItem[id])"),
        ("byItemMap", "map", "Map(items, i => i.id, i => byItem[i.id] + weights[i.id])"),
        ("mapChosen", "number", "items.Sum(i => (i.ok ? byItem : weights)[i.id])"),
        ("okIds", "list:text", "items.Where(i => i.ok).Select(i => i.id).ToArray()"),
        ("containsIds", "integer", "items.Count(i => okIds.Contains(i.id)) + items.Where(i => i.n > 0).Count(i => okIds.Contains(i.opt))"),
        ("containsNested", "number", "items.Sum(i => items.Where(j => okIds.Contains(j.id) && j.n != i.n).Sum(j => byItem[j.id]))"),
        ("outerPosition", "map", "Map(items, i => i.id, i => items.Where(j => j.ok != i.ok).Sum(j => weights[i.id] + byItem[i.id] * j.w) + items.Count(j => okIds.Contains(i.id)))"),
        ("containsCharged", "integer", "items.Count(i => okIds.Contains(i.id) && (i.id + \"x\").Length > 1)"),
        ("containsAny", "boolean", "items.Any(i => okIds.Contains(i.id) && i.w > 2)"),
        ("outerPositionOut", "number", "items.Sum(i => items.Select(j => j.w).OrderBy(w => w).Where(w => w > byItem[i.id]).Sum())"),

        // Nested queries capturing the outer lambda's parameter; texts charged inside loops.
        ("nested", "number", "items.Sum(i => items.Where(j => j.n <= i.n).Count())"),
        ("nestedTexts", "integer", "items.Count(i => items.Any(j => j.id + \"x\" == i.id + \"x\" && j.w != i.w))"),
        ("textConcat", "text", "string.Join(\";\", items.Where(i => i.ok).Select(i => i.id + \"=\" + i.w).ToArray())"),
        ("textHoles", "integer", "items.Count(i => $\"{i.id + \"x\",4}|{byItem[i.id]:F1}|{(i.ok ? \"y\" : \"n\")}\".Length > 9)"),
        ("textHolesArray", "list:text", "items.Where(i => i.n > 0).Select(i => $\"{i.id + i.opt}:{weights[i.id]}\").ToArray()"),
    ];

    private const string Rules = """
        [
            { "id": "TWIN", "severity": "warning", "forEach": "items", "when": "items.Count(j => j.n == item.n) > 1",
              "message": { "fr": "{items.Where(j => j.n == item.n).Sum(j => j.w)}", "en": "{items.Where(j => j.n == item.n).Select(j => j.id).First()}" } },
            { "id": "HEAVY", "severity": "info", "when": "items.Any(i => i.w > 2) && xs.All(x => x < 4)",
              "message": { "fr": "lourd", "en": "heavy" } }
          ]
        """;

    private static readonly Lazy<(CompiledMethod Lowered, CompiledMethod Linq)> Both = new(() =>
    {
        var text = TestMethods.Method(
            inputs: Inputs,
            indicators: "[\n    " + string.Join(",\n    ", Shapes.Select(s => TestMethods.Indicator(s.Id, s.Type.Split(':')[0], TestMethods.Quote(s.Formula),
                s.Type switch { "list:text" => "\"of\": \"text\", ", "list:number" => "\"of\": \"number\", ", "map" => "\"keys\": \"text\", \"of\": \"number\", ", "map:long" => "\"keys\": \"integer\", \"of\": \"number\", ", _ => string.Empty }))) + "\n  ]",
            rules: Rules,
            results: "[\"len\"]");
        return LoweringHarness.CompileBoth(TestMethods.Valid(text));
    });

    [Fact]
    public void Compile_EveryShape_LoweredIntoLoops()
    {
        var (lowered, _) = Both.Value;

        // Every indicator above holds at least one query the lowering handles (minNaN and maxNaN two, the nested ones two).
        lowered.LoweredQueries.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(Shapes.Length);
        var source = lowered.EmittedSource.ShouldNotBeNull();
        source.ShouldContain("private double __Q0(");

        // Lookups at the loop's element read by position, through a view of the map made before the loop when the map is
        // named by a path (23 lookups of 21 views: sumKey 1, sumByItem 2, whereByItem 3 of 2 maps, anyByN 1, byIdMissing 1,
        // byItemMap 2, textHoles 1, textHolesArray 1, containsNested 1, concatFirstNull 1; and in a concatenation's two loops,
        // each through views of its own array, concatFails 1, concatViews 3 of 2 views, concatViewsMissing 3 of 3 views,
        // concatOtherArray 2 of 2 views),
        // else through Lowered.At (mapChosen 1); searches of a
        // list at the loop's element, in a query that walks every element, answered from a table made before the loop
        // (containsIds 2, containsNested 1: counted; containsCharged 1: charged at once, its loop makes a text), else searched
        // until the calls have paid for a table (containsAny: Any may stop early; outerPosition: at the enclosing loop's
        // element); maps of the items keyed by a field laid out by position as they are made (byItem, byN, byItemMap, map,
        // outerPosition).
        System.Text.RegularExpressions.Regex.Count(source, @"\.Values\[__i\]").ShouldBe(23);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.View\(").ShouldBe(23);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.View\([^;]*, __a1, ").ShouldBe(5);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.At\(").ShouldBe(1);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.Searched\(").ShouldBe(4);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.Found\([^;]*ref __n\)").ShouldBe(3);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.Found\([^;]*__m\)").ShouldBe(1);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.Contains\(").ShouldBe(2);

        // Queries inside a loop's step reading the loop's element are given its position (nested, nestedTexts, containsNested,
        // and outerPosition's two: its Sum reads weights[i.id] and byItem[i.id] through views at i's position, its Count
        // searches okIds at i's position); not from inside a lambda of their own (outerPositionOut: after OrderBy).
        System.Text.RegularExpressions.Regex.Count(source, @"\.Values\[__pi0\]").ShouldBe(2);
        System.Text.RegularExpressions.Regex.Count(source, @"__pa0, int __pi0\)\r?\n\{").ShouldBe(5);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.Positioned\(").ShouldBe(5);

        // Those five maps are kept as their keys and values when their list's keys are unique (the dictionary otherwise).
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.UniqueKeys\(__s, ").ShouldBe(5);
        System.Text.RegularExpressions.Regex.Count(source, @"Lowered\.Laid\(__q, __a, ").ShouldBe(5);

        // Each Concat below a ToArray: two loops into one array, the second source evaluated after the first is found to be
        // one (concatNull's first sequence holds nulls; concatOpt's second source may be null: it falls back; concatFirstNull's first, before its second is made).
        System.Text.RegularExpressions.Regex.Count(source, @"var __a1 = ").ShouldBe(11);

        // A query that takes the variables it reads from around it as parameters holds no lambda but static ones: a lambda capturing a
        // parameter would make the method allocate its closure at every call, loop or not. Its fallback (the query as
        // written, with those lambdas) is a method of its own, __QnF, called only when the loop does not run.
        var methods = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().ToList();
        var taking = methods.Where(m => System.Text.RegularExpressions.Regex.IsMatch(m.Identifier.ValueText, @"^__Q\d+$") && m.ParameterList.Parameters.Count > 0).ToList();
        taking.Count.ShouldBeGreaterThanOrEqualTo(7); // nested, nestedTexts, containsNested, outerPosition's two, TWIN's message and condition…
        foreach (var m in taking)
        {
            m.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LambdaExpressionSyntax>()
                .Where(l => !l.Modifiers.Any(t => t.ValueText == "static")).ShouldBeEmpty(m.Identifier.ValueText);
            m.Body.ShouldNotBeNull().ToString().ShouldContain("return " + m.Identifier.ValueText + "F(__s, ");
            methods.ShouldContain(f => f.Identifier.ValueText == m.Identifier.ValueText + "F" && f.ParameterList.Parameters.Count == m.ParameterList.Parameters.Count + 1);
        }
    }

    [Fact]
    public void Evaluate_GeneratedDocuments_SameValuesStepsAndFailures()
    {
        var (lowered, linq) = Both.Value;
        foreach (var (d, document) in Documents(lowered.Method, 20261206, 300))
        {
            var expected = LoweringHarness.Run(linq, document, everyIndicator: true);
            var actual = LoweringHarness.Run(lowered, document, everyIndicator: true);
            actual.ShouldBe(expected, $"document {d}: {document.Source.Root}");
        }
    }

    [Fact]
    public void Evaluate_BudgetCutShortAtEveryStep_StopsAtTheSameStep()
    {
        var (lowered, linq) = Both.Value;
        foreach (var (d, document) in Documents(lowered.Method, 7, 4))
        {
            var full = LoweringHarness.Run(linq, document);
            var used = LoweringHarness.StepsUsed(full[^1]);
            for (var budget = 0L; budget <= used + 1; budget++)
            {
                LoweringHarness.Run(lowered, document, budget).ShouldBe(LoweringHarness.Run(linq, document, budget), $"budget {budget} of {used}: {document.Source.Root}");
            }
        }
    }

    [Fact]
    public void Evaluate_FailuresInsideLoops_SameExceptionAndMessage()
    {
        var (lowered, linq) = Both.Value;

        // Duplicate ids (Map), a missing map key, an empty filtered sequence, an integer overflow, a null key.
        var document = TestMethods.Inputs(lowered.Method, """
            { "items": [
                { "id": "a", "w": 1, "n": 2097152, "ok": false },
                { "id": "b", "w": 3, "n": 2097152, "ok": false }
              ], "len": 1, "xs": [5], "byId": { "a": 1 } }
            """);
        var lines = LoweringHarness.Run(lowered, document, everyIndicator: true);
        lines.ShouldBe(LoweringHarness.Run(linq, document, everyIndicator: true));
        lines.ShouldContain(l => l.StartsWith("sumCube threw System.OverflowException", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_UnvalidatedItemsWithDuplicateOrNullKeys_SameFailuresAsLinq()
    {
        // Bound without validation (the public Bind takes any values): items whose ids repeat or are missing, short lists and
        // lists long enough to be hashed. The maps keyed by the items' ids (byItem, map, byItemMap, outerPosition) fail where
        // the dictionary's Add fails, with its message; with unique ids, they are kept as keys and values, and read the same.
        var (lowered, linq) = Both.Value;
        var random = new Random(77);
        foreach (var (count, ids) in new[] { (3, "dup"), (3, "null"), (20, "dup"), (20, "null"), (3, "unique"), (20, "unique") })
        {
            var items = Enumerable.Range(0, count).Select(k =>
                $$"""{ "id": "i{{k}}", "w": {{random.Next(0, 4)}}, "n": {{k}}, "ok": {{(k % 2 == 0 ? "true" : "false")}} }""");
            var valid = TestMethods.Inputs(lowered.Method, "{ \"items\": [" + string.Join(", ", items) + "], \"len\": 1, \"xs\": [2], \"byId\": {}, \"weights\": {} }");

            // The last item takes the first one's id, or the middle one loses its id.
            var bound = ((object?[])valid.Values["items"]!).Select((o, k) =>
            {
                var item = new Dictionary<string, object?>((IReadOnlyDictionary<string, object?>)o!, StringComparer.Ordinal);
                if (ids == "dup" && k == count - 1)
                {
                    item["id"] = "i0";
                }
                else if (ids == "null" && k == count / 2)
                {
                    item.Remove("id");
                }

                return (object?)item;
            }).ToArray();
            var document = valid with { Values = new Dictionary<string, object?>(valid.Values, StringComparer.Ordinal) { ["items"] = bound } };
            var lines = LoweringHarness.Run(lowered, document, everyIndicator: true);
            lines.ShouldBe(LoweringHarness.Run(linq, document, everyIndicator: true), $"{count} items, {ids}");
            lines.Count(l => l.StartsWith("byItem threw System.ArgumentException", StringComparison.Ordinal)
                || l.StartsWith("byItem threw System.ArgumentNullException", StringComparison.Ordinal)).ShouldBe(ids == "unique" ? 0 : 1, string.Join("\n", lines));
        }
    }

    [Fact]
    public void ComputeAll_GeneratedDocumentsAndEveryBudget_SameValuesStepsAndFailuresAsOneByOne()
    {
        // The evaluator computes the indicators in one call, whose loops read the meter taken once: the same values, the same
        // failure at the same indicator, the same steps left as computing them one by one — lowered or not.
        var (lowered, linq) = Both.Value;
        foreach (var (d, document) in Documents(lowered.Method, 1606, 120))
        {
            foreach (var compiled in new[] { lowered, linq })
            {
                var expected = LoweringHarness.RunInOrder(compiled, document, EvaluationBudget.DefaultSteps, oneCall: false);
                LoweringHarness.RunInOrder(compiled, document, EvaluationBudget.DefaultSteps, oneCall: true).ShouldBe(expected, $"document {d}: {document.Source.Root}");
                if (d < 3)
                {
                    var used = LoweringHarness.StepsUsed(expected[0]);
                    for (var budget = 0L; budget <= used + 1; budget++)
                    {
                        LoweringHarness.RunInOrder(compiled, document, budget, oneCall: true)
                            .ShouldBe(LoweringHarness.RunInOrder(compiled, document, budget, oneCall: false), $"budget {budget} of {used}: {document.Source.Root}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Evaluate_ListsLongerThanAShortList_SameValuesAndSteps()
    {
        // okIds holds up to 40 ids: a membership table hashed (longer than Lowered.ShortList) or searched, item by item.
        var (lowered, linq) = Both.Value;
        var random = new Random(16);
        foreach (var count in new[] { Lowered.ShortList - 1, Lowered.ShortList, Lowered.ShortList + 1, 40 })
        {
            var items = Enumerable.Range(0, count).Select(k =>
                $$"""{ "id": "i{{k}}", "w": {{random.Next(0, 4)}}, "n": {{random.Next(-2, 9)}}, "ok": {{(k % 7 == 3 ? "false" : "true")}}, "opt": "i{{random.Next(0, 2 * count)}}" }""");
            var document = TestMethods.Inputs(lowered.Method, "{ \"items\": [" + string.Join(", ", items) + "], \"len\": 2, \"xs\": [1, 2], \"byId\": {}, \"weights\": {} }");
            var lines = LoweringHarness.Run(lowered, document, everyIndicator: true);
            lines.ShouldBe(LoweringHarness.Run(linq, document, everyIndicator: true), $"{count} items");
            lines.ShouldContain(l => l.StartsWith("containsIds", StringComparison.Ordinal));
        }
    }

    /// <summary><paramref name="count"/> documents made by <see cref="Document"/> from a seed, numbered.</summary>
    private static IEnumerable<(int Index, RseRules.Core.Validation.InputDocument Document)> Documents(Model.MethodDefinition method, int seed, int count)
    {
        var random = new Random(seed);
        for (var d = 0; d < count; d++)
        {
            yield return (d, TestMethods.Inputs(method, Document(random)));
        }
    }

    /// <summary>A document: up to six items with few distinct ids and integers (duplicates, overflows, missing map keys).</summary>
    private static string Document(Random random)
    {
        string[] ids = ["a", "b", "c", "d", "a2", "b"];
        double[] ws = [0, 0.5, 1, 2.5, 3, -1, 1e300, 0.1];
        long[] ns = [0, 1, 3, 7, -2, 3037000500, 2147483648, 9, 2000000000];
        var count = random.Next(0, 7);
        var sb = new StringBuilder("{ \"items\": [");
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < count; k++)
        {
            var id = random.Next(4) == 0 ? ids[random.Next(ids.Length)] + k.ToString(CultureInfo.InvariantCulture) : ids[random.Next(ids.Length)];
            if (!used.Add(id))
            {
                continue; // item keys are unique in a valid document
            }

            sb.Append(k == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{{ \"id\": \"{id}\", \"w\": {ws[random.Next(ws.Length)].ToString("R", CultureInfo.InvariantCulture)}, ")
              .Append(CultureInfo.InvariantCulture, $"\"n\": {ns[random.Next(ns.Length)]}, \"ok\": {(random.Next(2) == 0 ? "true" : "false")}");
            if (random.Next(3) > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $", \"opt\": \"{(random.Next(2) == 0 ? "o" : "p")}{k}\"");
            }

            sb.Append(" }");
        }

        var len = random.Next(0, 5);
        sb.Append(CultureInfo.InvariantCulture, $"], \"len\": {len}, \"xs\": [");
        sb.Append(string.Join(", ", Enumerable.Range(0, len).Select(_ => ws[random.Next(ws.Length - 1)].ToString("R", CultureInfo.InvariantCulture))));
        sb.Append("], \"byId\": {");
        sb.Append(string.Join(", ", used.Where(_ => random.Next(5) > 0).Select(id => $"\"{id}\": {random.Next(10)}")));
        sb.Append("}, \"weights\": {");
        sb.Append(string.Join(", ", used.Where(_ => random.Next(2) > 0).Select(id => $"\"{id}\": {random.Next(10)}.5")));
        sb.Append("} }");
        return sb.ToString().Replace("[,", "[", StringComparison.Ordinal);
    }
}
