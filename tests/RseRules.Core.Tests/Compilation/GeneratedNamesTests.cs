using RseRules.Core.Diagnostics;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

/// <summary>Roslyn's messages about a formula name the method's own concepts, never the classes the engine generates.</summary>
public class GeneratedNamesTests
{
    private const string Inputs = """
        [
          { "id": "riskCriteria", "type": "collection", "key": "id", "label": { "fr": "r", "en": "r" },
            "fields": [ { "id": "id", "type": "text" }, { "id": "weight", "type": "number" }, { "id": "score", "type": "number" } ] },
          { "id": "organization", "type": "record", "label": { "fr": "o", "en": "o" }, "fields": [ { "id": "name", "type": "text" } ] },
          { "id": "rate", "type": "number", "label": { "fr": "t", "en": "t" } }
        ]
        """;

    private static Diagnostic CompileError(string formula, string type = "number", string? rules = null)
    {
        var result = TestMethods.Compile(TestMethods.Method(
            indicators: "[" + TestMethods.Indicator("total", type, TestMethods.Quote(formula)) + "]", inputs: Inputs, rules: rules, results: "[\"total\"]"));
        result.Method.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        error.Code.ShouldBe(DiagnosticCode.FormulaCompile);
        error.Message.ShouldNotContain("__");
        error.Message.ShouldNotContain("RseRules.");
        return error;
    }

    [Fact]
    public void Compile_UnknownFieldOfAnItem_NamesTheCollectionAndSuggestsTheField()
    {
        CompileError("riskCriteria.Sum(c => c.wieght)").Message
            .ShouldBe("an item of 'riskCriteria' has no field 'wieght'; did you mean 'weight'? (CS1061) (in indicator 'total')");
    }

    [Fact]
    public void Compile_UnknownFieldFarFromEveryField_ListsTheFields()
    {
        CompileError("riskCriteria.Sum(c => c.probability)").Message
            .ShouldBe("an item of 'riskCriteria' has no field 'probability' (fields: id, weight, score) (CS1061) (in indicator 'total')");
    }

    [Fact]
    public void Compile_UnknownFieldOfARecord_NamesTheRecord()
    {
        CompileError("organization.nmae", "text").Message
            .ShouldBe("the record 'organization' has no field 'nmae'; did you mean 'name'? (CS1061) (in indicator 'total')");
    }

    [Fact]
    public void Compile_UnknownName_SuggestsTheInput()
    {
        CompileError("rtae * 2").Message
            .ShouldBe("'rtae' is not an input, parameter or indicator of the method; did you mean 'rate'? (CS0103) (in indicator 'total')");
    }

    [Fact]
    public void Compile_ItemWhereANumberIsExpected_TypeNamedAfterTheCollection()
    {
        var message = CompileError("riskCriteria.First()").Message;

        message.ShouldContain("'item of riskCriteria'");
        message.ShouldContain("(CS0029)");
    }
}
