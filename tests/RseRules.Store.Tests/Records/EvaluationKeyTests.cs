using RseRules.Store.Records;

namespace RseRules.Store.Tests.Records;

public sealed class EvaluationKeyTests
{
    [Fact]
    public void New_ThousandKeys_WellFormedAndDistinct()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => EvaluationKey.New()).ToList();

        keys.ShouldAllBe(k => EvaluationKey.IsWellFormed(k));
        keys.Distinct().Count().ShouldBe(1000);
    }

    [Theory]
    [InlineData("abcdefghijklmnop", true)]
    [InlineData("234567234567abcd", true)]
    [InlineData("abcdefghijklmno", false)]
    [InlineData("abcdefghijklmnopq", false)]
    [InlineData("abcdefghijklmno1", false)]
    [InlineData("Abcdefghijklmnop", false)]
    [InlineData("abcdefghijklmn/p", false)]
    public void IsWellFormed_Text_Expected(string key, bool expected)
    {
        EvaluationKey.IsWellFormed(key).ShouldBe(expected);
    }
}
