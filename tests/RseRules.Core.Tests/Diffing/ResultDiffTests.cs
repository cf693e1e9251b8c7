using RseRules.Core.Diffing;
using RseRules.Core.Model;

namespace RseRules.Core.Tests.Diffing;

public class ResultDiffTests
{
    private static ResultChange One(object? old, object? @new) =>
        ResultDiff.CompareValues([new("r", old)], [new("r", @new)]).ShouldHaveSingleItem();

    [Fact]
    public void CompareValues_NumberChanged_DifferenceAndChangeRelativeToTheOldMagnitude()
    {
        // -200 → -250: difference -50, relative -50 / |-200| = -0.25.
        var change = One(-200.0, -250.0);

        change.Kind.ShouldBe(ResultChangeKind.Changed);
        change.Old.ShouldBe(-200.0);
        change.New.ShouldBe(-250.0);
        change.Difference.ShouldBe(-50);
        change.RelativeChange.ShouldBe(-0.25);
        change.Elements.ShouldBeNull();
    }

    [Fact]
    public void CompareValues_OldIsZero_RelativeChangeIsNull()
    {
        var change = One(0.0, 3.5);

        change.Difference.ShouldBe(3.5);
        change.RelativeChange.ShouldBeNull();
    }

    [Fact]
    public void CompareValues_DecimalNumbers_DifferenceHasNoBinaryNoise()
    {
        // In doubles 0.1 - 0.3 is -0.19999999999999998.
        One(0.3, 0.1).Difference.ShouldBe(-0.2);
    }

    [Fact]
    public void CompareValues_IntegerAndNumber_ComparedAsNumbers()
    {
        var change = One(2L, 2.5);

        change.Kind.ShouldBe(ResultChangeKind.Changed);
        change.Difference.ShouldBe(0.5);
        change.RelativeChange.ShouldBe(0.25);
    }

    [Theory]
    [InlineData(5e-10, ResultChangeKind.Unchanged)]
    [InlineData(1e-9, ResultChangeKind.Unchanged)]
    [InlineData(3e-9, ResultChangeKind.Changed)]
    public void CompareValues_NumbersAbsoluteTolerance_1e9(double delta, ResultChangeKind expected)
    {
        One(1000.0, 1000.0 + delta).Kind.ShouldBe(expected);
    }

    [Fact]
    public void CompareValues_SeriesShorterAndChanged_ElementByElement()
    {
        var change = One(new[] { 1.0, 2.0, 3.0 }, new[] { 1.0, 2.5 });

        change.Kind.ShouldBe(ResultChangeKind.Changed);
        change.Difference.ShouldBeNull();
        change.Elements.ShouldNotBeNull().ShouldBe(
        [
            new ElementChange("0", ResultChangeKind.Unchanged, 1, 1, 0, 0),
            new ElementChange("1", ResultChangeKind.Changed, 2, 2.5, 0.5, 0.25),
            new ElementChange("2", ResultChangeKind.Removed, 3, null, null, null),
        ]);
    }

    [Fact]
    public void CompareValues_EqualSeries_UnchangedWithEveryElement()
    {
        var change = One(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 });

        change.Kind.ShouldBe(ResultChangeKind.Unchanged);
        change.Elements.ShouldNotBeNull().Count.ShouldBe(2);
    }

    [Fact]
    public void CompareValues_MapOfNumbers_NewKeyOrderThenRemovedKeys()
    {
        var old = new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 };
        var @new = new Dictionary<string, double> { ["b"] = 4, ["c"] = 3 };

        var change = One(old, @new);

        change.Elements.ShouldNotBeNull().ShouldBe(
        [
            new ElementChange("b", ResultChangeKind.Changed, 2, 4, 2, 1),
            new ElementChange("c", ResultChangeKind.Added, null, 3, null, null),
            new ElementChange("a", ResultChangeKind.Removed, 1, null, null, null),
        ]);
    }

    [Fact]
    public void CompareValues_Texts_ChangedOrUnchangedWithoutDifference()
    {
        var changed = One("loan", "lease");
        var same = One("loan", "loan");

        changed.Kind.ShouldBe(ResultChangeKind.Changed);
        changed.Difference.ShouldBeNull();
        changed.RelativeChange.ShouldBeNull();
        same.Kind.ShouldBe(ResultChangeKind.Unchanged);
    }

    [Fact]
    public void CompareValues_ListsOfTextsAndLocalizedTexts_ChangedOrUnchanged()
    {
        One(new[] { "U1", "U3" }, new[] { "U1", "U3" }).Kind.ShouldBe(ResultChangeKind.Unchanged);
        One(new[] { "U1", "U3" }, new[] { "U1" }).Kind.ShouldBe(ResultChangeKind.Changed);
        One(new[] { "U1" }, new[] { "U1" }).Elements.ShouldBeNull();
        One(new LocalizedText("Oui", "Yes"), new LocalizedText("Oui", "Yes")).Kind.ShouldBe(ResultChangeKind.Unchanged);
        One(new LocalizedText("Oui", "Yes"), new LocalizedText("Oui", "Yes!")).Kind.ShouldBe(ResultChangeKind.Changed);
    }

    [Fact]
    public void CompareValues_NullAndNumber_ChangedWithoutDifference()
    {
        var change = One(null, 1.5);

        change.Kind.ShouldBe(ResultChangeKind.Changed);
        change.Difference.ShouldBeNull();
        One(null, null).Kind.ShouldBe(ResultChangeKind.Unchanged);
    }

    [Fact]
    public void CompareValues_ResultsOnOneSideOnly_NewOrderThenRemovedInOldOrder()
    {
        var changes = ResultDiff.CompareValues(
            [new("a", 1.0), new("gone1", "x"), new("b", 2.0), new("gone2", true)],
            [new("b", 2.0), new("added", 3L), new("a", 1.0)]);

        changes.Select(c => (c.Id, c.Kind)).ShouldBe(
        [
            ("b", ResultChangeKind.Unchanged),
            ("added", ResultChangeKind.Added),
            ("a", ResultChangeKind.Unchanged),
            ("gone1", ResultChangeKind.Removed),
            ("gone2", ResultChangeKind.Removed),
        ]);
        changes[1].New.ShouldBe(3L);
        changes[1].Old.ShouldBeNull();
        changes[3].Old.ShouldBe("x");
    }
}
