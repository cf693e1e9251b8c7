using RseRules.Store.Tests.Support;

namespace RseRules.Store.Tests;

/// <summary>Bounds on what is saved, each refused with its reason and field, nothing saved.</summary>
public abstract partial class EvaluationStoreTests
{
    [Theory]
    [InlineData("project", "", InvalidEvaluationReason.TextMissing)]
    [InlineData("project", "   ", InvalidEvaluationReason.TextMissing)]
    [InlineData("name", null, InvalidEvaluationReason.TextMissing)]
    [InlineData("author", "", InvalidEvaluationReason.TextMissing)]
    [InlineData("project", "x\ny", InvalidEvaluationReason.TextInvalid)]
    [InlineData("name", "a\tb", InvalidEvaluationReason.TextInvalid)]
    [InlineData("author", "nul\0", InvalidEvaluationReason.TextInvalid)]
    [InlineData("name", "lone surrogate", InvalidEvaluationReason.TextInvalid)]
    [InlineData("project", "201", InvalidEvaluationReason.TextTooLong)]
    [InlineData("name", "201", InvalidEvaluationReason.TextTooLong)]
    [InlineData("author", "201", InvalidEvaluationReason.TextTooLong)]
    public async Task SaveAsync_BadText_RefusedWithReasonAndField(string field, string? value, InvalidEvaluationReason reason)
    {
        value = value switch
        {
            "201" => new string('x', 201),
            "lone surrogate" => "lone \ud800", // not in InlineData: test names cannot carry it
            _ => value,
        };
        var evaluation = field switch
        {
            "project" => Evaluation(value!, "n"),
            "name" => Evaluation("P", value!),
            _ => Evaluation("P", "n", author: value!),
        };

        var refused = await Should.ThrowAsync<InvalidEvaluationException>(() => Store.SaveAsync(evaluation));

        refused.Reason.ShouldBe(reason);
        refused.Field.ShouldBe(field);
        refused.Message.ShouldContain(field);
        (await Store.ListProjectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAsync_TextsAtTheLimit_Saved()
    {
        var longest = new string('é', StoreLimits.MaxTextLength);

        var saved = await Store.SaveAsync(Evaluation(longest, longest, author: longest));

        (await Store.GetAsync(saved.Key)).ShouldNotBeNull().Summary.Name.ShouldBe(longest);
    }

    [Fact]
    public async Task SaveAsync_RecordOverTheLimit_RefusedAsTooLarge()
    {
        var record = NormRecord.Rehashed(r => r["inputs"]!["padding"] = new string('x', StoreLimits.MaxRecordBytes));

        var refused = await Should.ThrowAsync<InvalidEvaluationException>(() => Store.SaveAsync(Evaluation("P", "n", record)));

        refused.Reason.ShouldBe(InvalidEvaluationReason.RecordTooLarge);
        refused.Message.ShouldContain("16,777,216");
        (await Store.ListProjectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAsync_LargeRecordUnderTheLimit_RoundTrips()
    {
        var record = NormRecord.Rehashed(r => r["inputs"]!["padding"] = new string('é', 2_000_000));

        var saved = await Store.SaveAsync(Evaluation("P", "n", record));

        var read = (await Store.GetAsync(saved.Key)).ShouldNotBeNull();
        read.Integrity.IsVerified.ShouldBeTrue();
        read.RecordJson.Length.ShouldBe(saved.RecordJson.Length);
    }
}
