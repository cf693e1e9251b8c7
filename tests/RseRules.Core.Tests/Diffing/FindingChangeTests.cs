using RseRules.Core.Diagnostics;
using RseRules.Core.Diffing;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;

namespace RseRules.Core.Tests.Diffing;

public sealed class FindingChangeTests
{
    private static Finding F(string code, Severity severity, string en, string? item = null) => new(code, severity, new LocalizedText("fr " + en, en), item);

    [Fact]
    public void CompareAll_PerItemFindings_AreMatchedByCodeAndItem()
    {
        Finding[] old =
        [
            F("COSTLY", Severity.Warning, "costs 10"),
            F("FREE", Severity.Info, "a is free", "a"),
            F("FREE", Severity.Info, "b is free", "b"),
            F("GONE", Severity.Info, "gone"),
        ];
        Finding[] @new =
        [
            F("COSTLY", Severity.Warning, "costs 12"),
            F("FREE", Severity.Warning, "b is free", "b"),
            F("FREE", Severity.Info, "c is free", "c"),
            F("NEW", Severity.Info, "new"),
        ];

        var changes = FindingChange.CompareAll(old, @new);

        changes.Select(c => (c.Code, c.Item, c.Kind)).ShouldBe(
        [
            ("COSTLY", null, ResultChangeKind.Changed),
            ("FREE", "b", ResultChangeKind.Changed),
            ("FREE", "c", ResultChangeKind.Added),
            ("NEW", null, ResultChangeKind.Added),
            ("FREE", "a", ResultChangeKind.Removed),
            ("GONE", null, ResultChangeKind.Removed),
        ]);
        (changes[0].MessageChanged, changes[0].SeverityChanged).ShouldBe((true, false));
        (changes[1].MessageChanged, changes[1].SeverityChanged).ShouldBe((false, true));
        changes[4].Old!.Message.En.ShouldBe("a is free");
        changes[4].New.ShouldBeNull();
    }

    [Fact]
    public void CompareAll_SameFindings_AreUnchanged()
    {
        Finding[] both = [F("X", Severity.Info, "x"), F("Y", Severity.Warning, "y", "k")];

        var changes = FindingChange.CompareAll(both, [.. both.Select(f => f with { })]);

        changes.ShouldAllBe(c => c.Kind == ResultChangeKind.Unchanged);
        changes.Count.ShouldBe(2);
    }

    [Fact]
    public void CompareAll_MessageDifferingOnlyInFrench_IsChanged()
    {
        var changes = FindingChange.CompareAll([F("X", Severity.Info, "x")], [new Finding("X", Severity.Info, new LocalizedText("autre", "x"))]);

        changes.ShouldHaveSingleItem().Kind.ShouldBe(ResultChangeKind.Changed);
    }
}
