using RseRules.Core.Compilation;
using RseRules.Core.Runtime;
using RseRules.Core.Tests.Support;
using RseRules.Core.Uncertainty;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// Binding again only the leaves a simulation changes (<c>CompiledMethod.Rebind</c> with the leaves' paths): the bound
/// values, and every indicator computed from them, must be those of binding the changed document whole.
/// </summary>
public class CompiledMethodRebindTests
{
    private static string Label(string id) => $$"""{ "fr": "{{id}}", "en": "{{id}}" }""";

    private static readonly string Text = TestMethods.Method(
        inputs: $$"""
            [ { "id": "x", "type": "number", "label": {{Label("x")}} },
              { "id": "n", "type": "integer", "label": {{Label("n")}} },
              { "id": "deal", "type": "record", "label": {{Label("deal")}}, "fields": [
                  { "id": "price", "type": "number", "label": {{Label("price")}} },
                  { "id": "terms", "type": "record", "label": {{Label("terms")}}, "fields": [
                      { "id": "rate", "type": "number", "label": {{Label("rate")}} },
                      { "id": "years", "type": "integer", "label": {{Label("years")}} },
                      { "id": "fees", "type": "series", "length": "n", "label": {{Label("fees")}} } ] },
                  { "id": "extra", "type": "record", "required": false, "label": {{Label("extra")}}, "fields": [
                      { "id": "bonus", "type": "number", "label": {{Label("bonus")}} } ] },
                  { "id": "tags", "type": "collection", "label": {{Label("tags")}}, "fields": [
                      { "id": "id", "type": "text", "label": {{Label("id")}} },
                      { "id": "amount", "type": "number", "label": {{Label("amount")}} } ] } ] } ]
            """,
        indicators: "[" + string.Join(", ",
            TestMethods.Indicator("value", "number", TestMethods.Quote("x + deal.price * (1 + deal.terms.rate) * deal.terms.years + (deal.extra == null ? 0 : deal.extra.bonus)")),
            TestMethods.Indicator("fees", "number", TestMethods.Quote("deal.terms.fees.Sum()")),
            TestMethods.Indicator("tagged", "number", TestMethods.Quote("deal.tags.Sum(t => t.amount)")),
            TestMethods.Indicator("label", "text", TestMethods.Quote("string.Join(\",\", deal.tags.Select(t => t.id))"))) + "]",
        results: """["value", "fees", "tagged", "label"]""");

    private const string Document = """
        { "x": 1.5, "n": 3,
          "deal": { "price": 100, "terms": { "rate": 0.05, "years": 3, "fees": [1, 2.5, 3] },
                    "tags": [ { "id": "a", "amount": 10 }, { "id": "b", "amount": -4.25 } ] } }
        """;

    public static TheoryData<string[]> LeafSets => new()
    {
        new[] { "/deal/price" },
        new[] { "/deal/terms/rate" },
        new[] { "/deal/terms/rate", "/deal/terms/years", "/deal/price" },
        new[] { "/deal/terms/fees/1" },
        new[] { "/deal/tags/1/amount", "/deal/terms/rate" },
        new[] { "/x", "/deal/terms/rate" },
        new[] { "/deal/terms/fees/0", "/deal/terms/fees/2", "/deal/terms/rate", "/deal/terms/fees/1" },
        new[] { "/deal/tags/0/amount", "/deal/price", "/deal/tags/1/amount" },
        new[] { "/deal/terms/rate", "/deal/terms/fees/1", "/deal/price", "/deal/tags/1/amount", "/deal/terms/years", "/x" },
    };

    [Fact]
    public void PlanRebind_LeavesInsideOneSeriesOrCollection_TheFieldConvertedWholeOnce()
    {
        using var method = TestMethods.Compiled(Text);
        var plan = method.PlanRebind(["/deal/terms/fees/0", "/x", "/deal/terms/fees/2", "/deal/terms/rate", "/deal/tags/1/amount",
            "/deal/tags/0/amount", "/deal/terms/fees/1", "/deal/price", "/deal/terms/rate"]);

        plan.Indexes.ShouldBe([0, 2]);
        plan.Changes[0].ShouldBeNull(); // x, bound whole
        var deal = plan.Changes[1].ShouldNotBeNull();
        Changed(deal).ShouldBe(["price", "terms", "tags"]);
        deal.Field(3).ShouldNotBeNull().Whole.ShouldBeTrue(); // tags: one collection converted whole for its two leaves
        var terms = deal.Field(1).ShouldNotBeNull();
        terms.Whole.ShouldBeFalse();
        terms.Field(0).ShouldNotBeNull().Whole.ShouldBeTrue(); // rate, given twice
        terms.Field(2).ShouldNotBeNull().Whole.ShouldBeTrue(); // fees: one series converted whole for its three leaves
    }

    /// <summary>The fields of the test's <c>deal</c> record that a node changes, by name.</summary>
    private static string[] Changed(RebindNode deal) =>
        [.. new[] { "price", "terms", "extra", "tags" }.Where((_, i) => deal.Field(i) is not null)];

    [Fact]
    public void PlanRebind_LeavesOfOneInput_OneTreeMergingTheirPaths()
    {
        using var method = TestMethods.Compiled(Text);
        var plan = method.PlanRebind(["/deal/terms/rate", "/x", "/deal/price", "/deal/terms/fees/1", "/deal/tags/0/amount", "/deal/terms/fees/2"]);

        plan.Indexes.ShouldBe([0, 2]);
        plan.Changes[0].ShouldBeNull(); // x: the input itself, bound again whole
        var deal = plan.Changes[1].ShouldNotBeNull();
        deal.Whole.ShouldBeFalse();
        deal.Field(0).ShouldNotBeNull().Whole.ShouldBeTrue(); // price
        var terms = deal.Field(1).ShouldNotBeNull();
        terms.Whole.ShouldBeFalse();
        terms.Field(0).ShouldNotBeNull().Whole.ShouldBeTrue(); // rate
        terms.Field(1).ShouldBeNull(); // years: unchanged, shared
        terms.Field(2).ShouldNotBeNull().Whole.ShouldBeTrue(); // fees: one series converted again, once for its two leaves
        deal.Field(2).ShouldBeNull(); // extra
        deal.Field(3).ShouldNotBeNull().Whole.ShouldBeTrue(); // tags: the collection converted again
        deal.Field(4).ShouldBeNull(); // past the last field
    }

    [Theory]
    [InlineData("/deal/nothing")]
    [InlineData("/deal/terms/nothing/0")]
    [InlineData("/deal")]
    public void PlanRebind_LeafNotInsideTheRecords_InputBoundWhole(string pointer)
    {
        using var method = TestMethods.Compiled(Text);
        var plan = method.PlanRebind(["/deal/price", pointer]);

        plan.Indexes.ShouldBe([2]);
        plan.Changes[0].ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(LeafSets))]
    public void Rebind_ChangedLeaves_SameValuesAsBindingTheDocumentWhole(string[] pointers)
    {
        using var method = TestMethods.Compiled(Text);
        var document = TestMethods.Inputs(method.Method, Document);
        var template = method.Bind(document);
        var plan = method.PlanRebind(pointers);
        var tree = new ValueTree(document.Values, pointers);
        var random = new Random(16);
        for (var round = 0; round < 200; round++)
        {
            for (var k = 0; k < pointers.Length; k++)
            {
                tree.Set(k, pointers[k].EndsWith("/years", StringComparison.Ordinal) ? (object)(long)random.Next(-5, 40) : Sample(random, round));
            }

            var partly = method.Rebind(template, tree.Root, plan);
            var whole = method.Bind(tree.Root);

            for (var k = 0; k < whole.Values.Length; k++)
            {
                Same(partly.Values[k], whole.Values[k], method.Method.Inputs[k].Id);
            }

            Indicators(method, partly).ShouldBe(Indicators(method, whole));
        }
    }

    [Fact]
    public void Rebind_LeafInANestedRecord_SharesTheFieldsOffItsPath()
    {
        using var method = TestMethods.Compiled(Text);
        var document = TestMethods.Inputs(method.Method, Document);
        var template = method.Bind(document);
        var tree = new ValueTree(document.Values, ["/deal/terms/rate"]);
        tree.Set(0, 0.25);

        var partly = method.Rebind(template, tree.Root, method.PlanRebind(["/deal/terms/rate"]));

        var before = Fields(template.Values[2]);
        var after = Fields(partly.Values[2]);
        after["tags"].ShouldBeSameAs(before["tags"]); // off the path: shared, not converted again
        after["terms"].ShouldNotBeSameAs(before["terms"]);
        Fields(after["terms"])["fees"].ShouldBeSameAs(Fields(before["terms"])["fees"]);
        Fields(after["terms"])["rate"].ShouldBe(0.25);
        Fields(before["terms"])["rate"].ShouldBe(0.05); // the template is never written
    }

    [Fact]
    public void Rebind_AbsentOptionalRecordGivenALeaf_BindsItFromTheDocument()
    {
        using var method = TestMethods.Compiled(Text);
        var document = TestMethods.Inputs(method.Method, Document);
        var template = method.Bind(document);
        var values = new Dictionary<string, object?>(document.Values, StringComparer.Ordinal);
        var deal = new Dictionary<string, object?>((IReadOnlyDictionary<string, object?>)values["deal"]!, StringComparer.Ordinal)
        {
            ["extra"] = new Dictionary<string, object?> { ["bonus"] = 7.0 },
        };
        values["deal"] = deal;

        var partly = method.Rebind(template, values, method.PlanRebind(["/deal/extra/bonus"]));

        Same(partly.Values[2], method.Bind(values).Values[2], "deal");
        Indicators(method, partly)[0].ShouldBe(Indicators(method, method.Bind(values))[0]);
    }

    /// <summary>A number of every kind a sample can be: ordinary, negative, zero of either sign, tiny, huge.</summary>
    private static double Sample(Random random, int round) => (round % 8) switch
    {
        0 => 0.0,
        1 => -0.0,
        2 => double.Epsilon * random.Next(1, 100),
        3 => 1e300 * random.NextDouble(),
        4 => -random.NextDouble() * 1000,
        _ => Math.Round(random.NextDouble() * 200, random.Next(0, 4)),
    };

    private static Dictionary<string, object?> Fields(object? record) =>
        ((IEnumerable<KeyValuePair<string, object?>>)record.ShouldNotBeNull()).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Two bound values alike to the bit: records field by field, lists element by element, numbers by their bits.</summary>
    private static void Same(object? actual, object? expected, string where)
    {
        switch (expected)
        {
            case null:
                actual.ShouldBeNull(where);
                break;
            case double d:
                BitConverter.DoubleToInt64Bits(actual.ShouldBeOfType<double>(where)).ShouldBe(BitConverter.DoubleToInt64Bits(d), where);
                break;
            case RecordValue record:
                actual.ShouldBeOfType(record.GetType(), where);
                var fields = Fields(actual);
                foreach (var (name, value) in Fields(record))
                {
                    Same(fields[name], value, where + "." + name);
                }

                break;
            case System.Collections.IEnumerable list and not string:
                var items = ((System.Collections.IEnumerable)actual.ShouldNotBeNull(where)).Cast<object?>().ToArray();
                var expectedItems = list.Cast<object?>().ToArray();
                items.Length.ShouldBe(expectedItems.Length, where);
                for (var i = 0; i < items.Length; i++)
                {
                    Same(items[i], expectedItems[i], where + "[" + i + "]");
                }

                break;
            default:
                actual.ShouldBe(expected, where);
                break;
        }
    }

    /// <summary>Every indicator in evaluation order, numbers as their bits.</summary>
    private static List<object?> Indicators(CompiledMethod method, BoundInputs inputs)
    {
        var model = method.CreateModel(inputs);
        var values = new List<object?>();
        foreach (var i in method.EvaluationOrder)
        {
            model.Compute(i);
            var value = model.GetIndicator(i);
            values.Add(value is double d ? BitConverter.DoubleToInt64Bits(d) : value);
        }

        return values;
    }
}
