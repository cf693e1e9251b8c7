using RseRules.Core.Evaluation;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

public class CompiledMethodBindingTests
{
    private static readonly string Text = TestMethods.Method(
        inputs: """[ { "id": "x", "type": "number", "label": { "fr": "x", "en": "x" } } ]""",
        indicators: "[ " + TestMethods.Indicator("twice", "number", TestMethods.Quote("2 * x")) + " ]");

    [Fact]
    public void Bind_SameDocumentTwice_ConvertsOnce()
    {
        using var method = TestMethods.Compiled(Text);
        var document = TestMethods.Inputs(method.Method, """{ "x": 3 }""");

        method.Bind(document).ShouldBeSameAs(method.Bind(document));
        method.Bind(document with { }).ShouldBeSameAs(method.Bind(document)); // same values: the copy shares the binding
    }

    [Fact]
    public void Bind_CopyWithOtherValues_BindsItsOwnValues()
    {
        using var method = TestMethods.Compiled(Text);
        var document = TestMethods.Inputs(method.Method, """{ "x": 3 }""");
        var other = TestMethods.Inputs(method.Method, """{ "x": 5 }""");
        Evaluator.Evaluate(method, document).Indicators["twice"].ShouldBe(6.0);

        // A copy of the first document with the second one's values shares the first one's binding slot: it must not be fooled by it.
        var copy = document with { Values = other.Values };

        method.Bind(copy).ShouldNotBeSameAs(method.Bind(document));
        Evaluator.Evaluate(method, copy).Indicators["twice"].ShouldBe(10.0);
        Evaluator.Evaluate(method, document).Indicators["twice"].ShouldBe(6.0);
    }

    [Fact]
    public void Bind_AnotherCompiledMethod_BindsAgain()
    {
        using var first = TestMethods.Compiled(Text);
        using var second = TestMethods.Compiled(Text);
        var document = TestMethods.Inputs(first.Method, """{ "x": 3 }""");

        var a = first.Bind(document);
        var b = second.Bind(document);

        b.ShouldNotBeSameAs(a);
        Should.Throw<ArgumentException>(() => first.CreateModel(b));
        Evaluator.Evaluate(first, document).Indicators["twice"].ShouldBe(6.0);
    }

    [Fact]
    public void Binding_NeverPartOfTheDocumentsEquality()
    {
        using var method = TestMethods.Compiled(Text);
        var document = TestMethods.Inputs(method.Method, """{ "x": 3 }""");
        var copy = document with { };
        method.Bind(document);

        copy.ShouldBe(document);
        copy.GetHashCode().ShouldBe(document.GetHashCode());
    }
}
