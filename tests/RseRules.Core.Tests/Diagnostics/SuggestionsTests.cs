using RseRules.Core.Diagnostics;

namespace RseRules.Core.Tests.Diagnostics;

public class SuggestionsTests
{
    [Theory]
    [InlineData("wieght", "weight", 1)] // one transposition
    [InlineData("knowlegeWorkers", "knowledgeWorkers", 1)] // one deletion
    [InlineData("kitten", "sitting", 3)] // k→s, e→i, +g
    [InlineData("abc", "ca", 3)] // optimal string alignment: no edit of a transposed pair
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_CountedByHand(string a, string b, int expected)
    {
        Suggestions.Distance(a, b).ShouldBe(expected);
        Suggestions.Distance(b, a).ShouldBe(expected);
    }

    [Fact]
    public void Closest_OneCloseName_SuggestsIt()
    {
        Suggestions.Closest("knowlegeWorkers", ["employees", "knowledgeWorkers", "hourlyCost"]).ShouldBe(["knowledgeWorkers"]);
    }

    [Fact]
    public void Closest_TiesInOrdinalOrderWhateverTheCandidatesOrder()
    {
        // "cost" is one edit from "costs", "coat" and "most".
        Suggestions.Closest("cost", ["most", "costs", "coat", "zzzz"]).ShouldBe(["coat", "costs", "most"]);
        Suggestions.Closest("cost", ["coat", "zzzz", "costs", "most"]).ShouldBe(["coat", "costs", "most"]);
    }

    [Theory]
    [InlineData("E7", new[] { "E1", "E2" })] // two characters: only a difference of case counts
    [InlineData("rate", new[] { "wage" })] // 2 edits in 4 characters
    [InlineData("employees", new[] { "revenue" })]
    [InlineData("weight", new[] { "weight" })] // the word itself is known: nothing to suggest
    public void Closest_NothingCloseEnough_NoSuggestion(string word, string[] candidates)
    {
        Suggestions.Closest(word, candidates).ShouldBeEmpty();
    }

    [Fact]
    public void Closest_DifferenceOfCaseOnly_PreferredToAnEdit()
    {
        Suggestions.Closest("s2", ["S2", "s3"]).ShouldBe(["S2"]);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(8, 2)]
    [InlineData(9, 3)]
    [InlineData(40, 3)]
    public void Threshold_GrowsWithTheLength(int length, int edits) => Suggestions.Threshold(length).ShouldBe(edits);
}
