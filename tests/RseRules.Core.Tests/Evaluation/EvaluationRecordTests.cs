using RseRules.Core.Evaluation;
using RseRules.Core.Loading;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Evaluation;

public class EvaluationRecordTests(AllTypesFixture fixture) : IClassFixture<AllTypesFixture>
{
    [Fact]
    public void ToText_SameMethodAndInputs_IdenticalText()
    {
        var inputs = TestMethods.Inputs(fixture.Method.Method, File.ReadAllText(AllTypesFixture.InputsPath));

        var first = EvaluationRecord.ToText(Evaluator.Evaluate(fixture.Method, inputs));
        var second = EvaluationRecord.ToText(Evaluator.Evaluate(fixture.Method, inputs));

        second.ShouldBe(first);
        first.ShouldEndWith("\n");
    }

    [Fact]
    public void BuildWithText_AllTypes_TextIsTheRecordsCanonicalTextAndHashVerifies()
    {
        var result = Engine.Evaluate(fixture.Method, AllTypesFixture.InputsPath).Result.ShouldNotBeNull();

        var (record, text) = EvaluationRecord.BuildWithText(result);

        text.ShouldBe(RseRules.Core.Json.CanonicalJson.Write(record));
        var copy = (Newtonsoft.Json.Linq.JObject)record.DeepClone();
        copy.Remove(EvaluationRecord.HashProperty);
        record[EvaluationRecord.HashProperty]!.ToString().ShouldBe(RseRules.Core.Json.CanonicalJson.Sha256(copy));
    }

    [Fact]
    public void ToText_SeparateCompilationsAndReads_IdenticalText()
    {
        var first = Engine.Evaluate(fixture.Method, AllTypesFixture.InputsPath).Result.ShouldNotBeNull();
        using var again = Engine.LoadAndCompile(AllTypesFixture.MethodPath).Method.ShouldNotBeNull();
        var second = Engine.Evaluate(again, AllTypesFixture.InputsPath).Result.ShouldNotBeNull();

        EvaluationRecord.ToText(second).ShouldBe(EvaluationRecord.ToText(first));
    }

    [Fact]
    public void Build_AllTypes_HoldsHashesResultsInOrderAndFindings()
    {
        var result = Engine.Evaluate(fixture.Method, AllTypesFixture.InputsPath).Result.ShouldNotBeNull();

        var record = EvaluationRecord.Build(result);

        record["method"]!["id"]!.ToString().ShouldBe("all-types-test");
        record["method"]!["sha256"]!.ToString().ShouldBe(fixture.Method.Method.Sha256);
        record["inputsSha256"]!.ToString().ShouldBe(result.Inputs.Sha256);
        ((Newtonsoft.Json.Linq.JObject)record["results"]!).Properties().Select(p => p.Name).ToArray()
            .ShouldBe([.. fixture.Method.Method.Results.Select(r => r.Id)]);
        record["results"]!["npv"]!.ToString().ShouldBe("9.09");
        record["findings"]!.Select(f => f["code"]!.ToString()).ShouldBe(["LIGHT_STAKE", "NPV_POSITIVE"]);
        record["findings"]![0]!["item"]!.ToString().ShouldBe("S2");
    }

    [Fact]
    public void Build_InputsRelaidOut_SameHashes()
    {
        var original = File.ReadAllText(AllTypesFixture.InputsPath);
        var relaid = original.Replace("\n", "\n\n", StringComparison.Ordinal).Replace(": ", ":", StringComparison.Ordinal);

        var a = InputValidator.Validate(fixture.Method.Method, TestMethods.Json(original, "a.json")).Value.ShouldNotBeNull();
        var b = InputValidator.Validate(fixture.Method.Method, TestMethods.Json(relaid, "b.json")).Value.ShouldNotBeNull();

        b.Sha256.ShouldBe(a.Sha256);
        MethodLoader.Load(AllTypesFixture.MethodPath).Value.ShouldNotBeNull().Sha256.ShouldBe(fixture.Method.Method.Sha256);
    }
}
