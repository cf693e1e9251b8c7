using RseRules.Core.Diffing;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Diffing;

/// <summary>
/// <see cref="MethodDiff.Compare"/> on a small in-memory method and variants of it, each variant made by replacing
/// exact pieces of its text, so that every expected change is read off the edit itself.
/// </summary>
public class MethodDiffTests
{
    private const string Base = """
        {
          "formatVersion": 1,
          "id": "diff-test",
          "version": "1.0.0",
          "title": { "fr": "Diff", "en": "Diff" },
          "scales": {
            "level": { "min": 0, "max": 4, "levels": { "0": { "fr": "Nul", "en": "None" }, "4": { "fr": "Fort", "en": "Strong" } } }
          },
          "parameters": [
            { "id": "rate", "type": "number", "value": 0.05, "source": "NORM §1", "label": { "fr": "Taux", "en": "Rate" } },
            { "id": "threshold", "type": "number", "value": 500, "source": "NORM §2" }
          ],
          "inputs": [
            { "id": "x", "type": "number", "min": 0, "max": 100, "unit": "EUR", "label": { "fr": "x", "en": "x" } },
            { "id": "n", "type": "integer", "required": false, "default": 3, "label": { "fr": "n", "en": "n" } },
            { "id": "kind", "type": "enum", "values": [ { "value": "a", "label": { "fr": "A", "en": "A" } }, { "value": "b" } ],
              "label": { "fr": "Genre", "en": "Kind" } },
            { "id": "flows", "type": "series", "length": "n", "of": { "type": "number", "min": 0 }, "label": { "fr": "Flux", "en": "Flows" } },
            { "id": "risks", "type": "collection", "key": "id", "label": { "fr": "Risques", "en": "Risks" },
              "fields": [
                { "id": "id", "type": "text" },
                { "id": "probability", "type": "scale", "scale": "level" },
                { "id": "impact", "type": "number", "min": 0, "max": 10 }
              ] }
          ],
          "indicators": [
            { "id": "doubled", "type": "number", "unit": "EUR", "decimals": 2, "label": { "fr": "Double", "en": "Doubled" },
              "formula": "x * 2" },
            { "id": "tripled", "type": "number", "label": { "fr": "Triple", "en": "Tripled" }, "formula": "x * 3" },
            { "id": "risky", "type": "integer", "label": { "fr": "Risqués", "en": "Risky" }, "formula": "risks.Count(r => r.impact > 5)" }
          ],
          "rules": [
            { "id": "BIG", "severity": "info", "when": "doubled > threshold",
              "message": { "fr": "Grand : {doubled}", "en": "Big: {doubled}" } },
            { "id": "RISKY", "severity": "warning", "forEach": "risks", "when": "item.impact > 8",
              "message": { "fr": "Risque {item.id}", "en": "Risk {item.id}" } }
          ],
          "results": ["doubled", "tripled", "risky", "x"]
        }
        """;

    private static MethodDiff Diff(params (string Old, string New)[] edits)
    {
        var text = Base;
        foreach (var (old, @new) in edits)
        {
            text.Split(old).Length.ShouldBe(2, $"'{old}' must occur exactly once in the base method.");
            text = text.Replace(old, @new, StringComparison.Ordinal);
        }

        return MethodDiff.Compare(TestMethods.Valid(Base), TestMethods.Valid(text));
    }

    private static MethodChange Single(MethodDiff diff) => diff.Changes.ShouldHaveSingleItem(string.Join("\n", diff.Changes));

    [Fact]
    public void Compare_SameMethod_NoChanges()
    {
        var diff = Diff();

        diff.HasChanges.ShouldBeFalse();
        diff.Changes.ShouldBeEmpty();
        diff.Old.ShouldBe(diff.New);
        diff.Old.Reference.ShouldBe("diff-test@1.0.0");
    }

    [Fact]
    public void Compare_Norm110To120_TheCatalogueAndTheEnumsOnly()
    {
        // CHANGELOG 1.2.0: three catalogue parameters, three inputs naming them, decision and riskClasses as enums.
        static Core.Model.MethodDefinition Norm(string version) => Core.Loading.MethodLoader.Load(Path.Combine(Repo.Root, "methods", "rse-value", version, "method.json")).Value!;

        var diff = MethodDiff.Compare(Norm("1.1.0"), Norm("1.2.0"));

        diff.Changes.Where(c => c.Section == DiffSection.Parameters).Select(c => (c.Id, c.Kind)).ShouldBe([("stakeCatalogue", ChangeKind.Added), ("usageCatalogue", ChangeKind.Added), ("riskCatalogue", ChangeKind.Added)]);
        diff.Changes.Where(c => c.Section == DiffSection.Inputs).Select(c => (c.Id, c.Property, c.Old, c.New)).ShouldBe(
            [("stakes", "catalogue", null, "stakeCatalogue"), ("usages", "catalogue", null, "usageCatalogue"), ("risks", "catalogue", null, "riskCatalogue")]);
        diff.Changes.Where(c => c.Section == DiffSection.Indicators).Select(c => c.Id).Distinct().ShouldBe(["riskClasses[]", "decision"]);
        diff.Changes.Where(c => c.Section is DiffSection.Rules or DiffSection.Results or DiffSection.Scales).ShouldBeEmpty();
    }

    [Fact]
    public void Compare_OnlyTheVersionChanged_NoChangesButIdentitiesDiffer()
    {
        var diff = Diff(("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\""));

        diff.HasChanges.ShouldBeFalse();
        diff.New.Reference.ShouldBe("diff-test@1.1.0");
        diff.New.Sha256.ShouldNotBe(diff.Old.Sha256);
    }

    [Fact]
    public void Compare_ParameterValueChanged_OldAndNewAsCanonicalJson()
    {
        var change = Single(Diff(("\"value\": 500,", "\"value\": 7.5e2,")));

        change.ShouldBe(new MethodChange(DiffSection.Parameters, "threshold", ChangeKind.ValueChanged, "value", "500", "750"));
    }

    [Fact]
    public void Compare_ParameterValueWrittenDifferently_NoChange()
    {
        // 500 and 500.0 have the same canonical JSON.
        Diff(("\"value\": 500,", "\"value\": 500.0,")).Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Compare_ParameterSourceAndLabelChanged_OneChangePerPropertyAndLanguage()
    {
        var diff = Diff(("\"source\": \"NORM §1\", \"label\": { \"fr\": \"Taux\", \"en\": \"Rate\" }", "\"source\": \"NORM §1.2\", \"label\": { \"fr\": \"Taux\", \"en\": \"Discount rate\" }"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Parameters, "rate", ChangeKind.SourceChanged, "source", "NORM §1", "NORM §1.2"),
            new MethodChange(DiffSection.Parameters, "rate", ChangeKind.LabelChanged, "label.en", "Rate", "Discount rate"),
        ]);
    }

    [Fact]
    public void Compare_ParameterSourceTranslated_OneChangePerLanguageThatDiffers()
    {
        var diff = Diff(("\"source\": \"NORM §1\"", "\"source\": { \"fr\": \"NORM §1\", \"en\": \"NORM §1 (annual rate)\" }"));

        diff.Changes.ShouldBe([new MethodChange(DiffSection.Parameters, "rate", ChangeKind.SourceChanged, "source.en", "NORM §1", "NORM §1 (annual rate)")]);
    }

    [Fact]
    public void Compare_ParameterAddedAndRemoved_SummaryIsTheValue()
    {
        var diff = Diff(("{ \"id\": \"threshold\", \"type\": \"number\", \"value\": 500, \"source\": \"NORM §2\" }",
            "{ \"id\": \"limit\", \"type\": \"list\", \"of\": \"number\", \"value\": [1, 2.5], \"source\": \"NORM §3\" }"), ("doubled > threshold", "doubled > limit[0]"));

        diff.In(DiffSection.Parameters).ShouldBe(
        [
            new MethodChange(DiffSection.Parameters, "limit", ChangeKind.Added, null, null, "[1,2.5]"),
            new MethodChange(DiffSection.Parameters, "threshold", ChangeKind.Removed, null, "500", null),
        ]);
    }

    [Fact]
    public void Compare_ScaleBoundsAndLevelLabelChanged_BoundsThenLevels()
    {
        var diff = Diff(("\"max\": 4, \"levels\": { \"0\": { \"fr\": \"Nul\", \"en\": \"None\" }", "\"max\": 5, \"levels\": { \"0\": { \"fr\": \"Aucun\", \"en\": \"None\" }"),
            ("\"4\": { \"fr\": \"Fort\", \"en\": \"Strong\" } }", "\"4\": { \"fr\": \"Fort\", \"en\": \"Strong\" }, \"5\": { \"fr\": \"Total\", \"en\": \"Full\" } }"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Scales, "level", ChangeKind.BoundsChanged, "max", "4", "5"),
            new MethodChange(DiffSection.Scales, "level", ChangeKind.LabelChanged, "levels.0.fr", "Nul", "Aucun"),
            new MethodChange(DiffSection.Scales, "level", ChangeKind.LabelChanged, "levels.5.fr", null, "Total"),
            new MethodChange(DiffSection.Scales, "level", ChangeKind.LabelChanged, "levels.5.en", null, "Full"),
        ]);
    }

    [Fact]
    public void Compare_ScaleAdded_SummaryIsItsRange()
    {
        var change = Single(Diff(("\"scales\": {\n", "\"scales\": {\n    \"impact\": { \"min\": 1, \"max\": 3 },\n")));

        change.ShouldBe(new MethodChange(DiffSection.Scales, "impact", ChangeKind.Added, null, null, "1..3"));
    }

    [Fact]
    public void Compare_InputAdded_SummaryNamesTypeBoundsAndDefault()
    {
        var change = Single(Diff(("\"inputs\": [\n", "\"inputs\": [\n    { \"id\": \"fee\", \"type\": \"number\", \"min\": 0, \"required\": false, \"default\": 250, \"label\": { \"fr\": \"Frais\", \"en\": \"Fee\" } },\n")));

        change.ShouldBe(new MethodChange(DiffSection.Inputs, "fee", ChangeKind.Added, null, null, "number, min 0, optional, default 250"));
    }

    [Fact]
    public void Compare_InputRemoved_SummaryIsTheOldType()
    {
        var change = Single(Diff(("{ \"id\": \"kind\", \"type\": \"enum\", \"values\": [ { \"value\": \"a\", \"label\": { \"fr\": \"A\", \"en\": \"A\" } }, { \"value\": \"b\" } ],\n      \"label\": { \"fr\": \"Genre\", \"en\": \"Kind\" } },\n", string.Empty)));

        change.ShouldBe(new MethodChange(DiffSection.Inputs, "kind", ChangeKind.Removed, null, "enum a|b", null));
    }

    [Fact]
    public void Compare_InputTypeAndBoundsChanged_TypeFirstThenEachBound()
    {
        var diff = Diff(("{ \"id\": \"x\", \"type\": \"number\", \"min\": 0, \"max\": 100,", "{ \"id\": \"x\", \"type\": \"integer\", \"min\": 1,"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Inputs, "x", ChangeKind.TypeChanged, "type", "number", "integer"),
            new MethodChange(DiffSection.Inputs, "x", ChangeKind.BoundsChanged, "min", "0", "1"),
            new MethodChange(DiffSection.Inputs, "x", ChangeKind.BoundsChanged, "max", "100", null),
        ]);
    }

    [Fact]
    public void Compare_InputRequiredAndDefaultChanged_BothReported()
    {
        var diff = Diff(("\"required\": false, \"default\": 3,", "\"required\": true,"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Inputs, "n", ChangeKind.RequiredChanged, "required", "false", "true"),
            new MethodChange(DiffSection.Inputs, "n", ChangeKind.DefaultChanged, "default", "3", null),
        ]);
    }

    [Fact]
    public void Compare_InputUnitAndDescriptionChanged_Reported()
    {
        var diff = Diff(("\"unit\": \"EUR\", \"label\": { \"fr\": \"x\", \"en\": \"x\" } }", "\"unit\": \"kEUR\", \"label\": { \"fr\": \"x\", \"en\": \"x\" }, \"description\": { \"fr\": \"En milliers\", \"en\": \"In thousands\" } }"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Inputs, "x", ChangeKind.UnitChanged, "unit", "EUR", "kEUR"),
            new MethodChange(DiffSection.Inputs, "x", ChangeKind.DescriptionChanged, "description.fr", null, "En milliers"),
            new MethodChange(DiffSection.Inputs, "x", ChangeKind.DescriptionChanged, "description.en", null, "In thousands"),
        ]);
    }

    [Fact]
    public void Compare_EnumValueAddedAndLabelChanged_ValuesAsJsonThenValueLabels()
    {
        var diff = Diff(("[ { \"value\": \"a\", \"label\": { \"fr\": \"A\", \"en\": \"A\" } }, { \"value\": \"b\" } ]",
            "[ { \"value\": \"a\", \"label\": { \"fr\": \"A\", \"en\": \"Ay\" } }, { \"value\": \"b\" }, { \"value\": \"c\" } ]"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Inputs, "kind", ChangeKind.TypeChanged, "values", "[\"a\",\"b\"]", "[\"a\",\"b\",\"c\"]"),
            new MethodChange(DiffSection.Inputs, "kind", ChangeKind.LabelChanged, "values.a.en", "A", "Ay"),
        ]);
    }

    [Fact]
    public void Compare_SeriesElementBoundChanged_PathEndsWithBrackets()
    {
        var change = Single(Diff(("\"of\": { \"type\": \"number\", \"min\": 0 }", "\"of\": { \"type\": \"number\", \"min\": -1 }")));

        change.ShouldBe(new MethodChange(DiffSection.Inputs, "flows[]", ChangeKind.BoundsChanged, "min", "0", "-1"));
    }

    [Fact]
    public void Compare_CollectionFieldsAddedAndChanged_NamedByDottedPath()
    {
        var diff = Diff(("{ \"id\": \"impact\", \"type\": \"number\", \"min\": 0, \"max\": 10 }",
            "{ \"id\": \"impact\", \"type\": \"number\", \"min\": 0, \"max\": 20 },\n        { \"id\": \"mitigationCost\", \"type\": \"number\", \"min\": 0, \"required\": false }"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Inputs, "risks.impact", ChangeKind.BoundsChanged, "max", "10", "20"),
            new MethodChange(DiffSection.Inputs, "risks.mitigationCost", ChangeKind.Added, null, null, "number, min 0, optional"),
        ]);
    }

    [Fact]
    public void Compare_CollectionFieldRemoved_NamedByDottedPath()
    {
        var diff = Diff((",\n        { \"id\": \"impact\", \"type\": \"number\", \"min\": 0, \"max\": 10 }", string.Empty),
            ("risks.Count(r => r.impact > 5)", "risks.Count()"), ("item.impact > 8", "item.probability > 3"));

        diff.In(DiffSection.Inputs).ShouldHaveSingleItem()
            .ShouldBe(new MethodChange(DiffSection.Inputs, "risks.impact", ChangeKind.Removed, null, "number, min 0, max 10", null));
    }

    [Fact]
    public void Compare_IndicatorFormulaChanged_OldAndNewFormula()
    {
        var change = Single(Diff(("\"formula\": \"x * 3\"", "\"formula\": \"x * 3 + 1\"")));

        change.ShouldBe(new MethodChange(DiffSection.Indicators, "tripled", ChangeKind.FormulaChanged, "formula", "x * 3", "x * 3 + 1"));
    }

    [Fact]
    public void Compare_IndicatorTypeDecimalsUnitLabelChanged_InThatOrder()
    {
        var diff = Diff(("{ \"id\": \"doubled\", \"type\": \"number\", \"unit\": \"EUR\", \"decimals\": 2, \"label\": { \"fr\": \"Double\", \"en\": \"Doubled\" },",
            "{ \"id\": \"doubled\", \"type\": \"integer\", \"unit\": \"k€\", \"label\": { \"fr\": \"Le double\", \"en\": \"Doubled\" },"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Indicators, "doubled", ChangeKind.TypeChanged, "type", "number", "integer"),
            new MethodChange(DiffSection.Indicators, "doubled", ChangeKind.DecimalsChanged, "decimals", "2", null),
            new MethodChange(DiffSection.Indicators, "doubled", ChangeKind.UnitChanged, "unit", "EUR", "k€"),
            new MethodChange(DiffSection.Indicators, "doubled", ChangeKind.LabelChanged, "label.fr", "Double", "Le double"),
        ]);
    }

    [Fact]
    public void Compare_IndicatorAddedAndRemoved_SummaryIsTheFormula()
    {
        var diff = Diff(("{ \"id\": \"tripled\", \"type\": \"number\", \"label\": { \"fr\": \"Triple\", \"en\": \"Tripled\" }, \"formula\": \"x * 3\" }",
            "{ \"id\": \"halved\", \"type\": \"number\", \"label\": { \"fr\": \"Moitié\", \"en\": \"Halved\" }, \"formula\": \"x / 2\" }"),
            ("[\"doubled\", \"tripled\",", "[\"doubled\", \"halved\","));

        diff.In(DiffSection.Indicators).ShouldBe(
        [
            new MethodChange(DiffSection.Indicators, "halved", ChangeKind.Added, null, null, "x / 2"),
            new MethodChange(DiffSection.Indicators, "tripled", ChangeKind.Removed, null, "x * 3", null),
        ]);
    }

    [Fact]
    public void Compare_RuleSeverityConditionAndMessageChanged_InThatOrder()
    {
        var diff = Diff(("{ \"id\": \"BIG\", \"severity\": \"info\", \"when\": \"doubled > threshold\",", "{ \"id\": \"BIG\", \"severity\": \"warning\", \"when\": \"doubled >= threshold\","),
            ("\"en\": \"Big: {doubled}\"", "\"en\": \"Large: {doubled}\""));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Rules, "BIG", ChangeKind.SeverityChanged, "severity", "info", "warning"),
            new MethodChange(DiffSection.Rules, "BIG", ChangeKind.ConditionChanged, "when", "doubled > threshold", "doubled >= threshold"),
            new MethodChange(DiffSection.Rules, "BIG", ChangeKind.MessageChanged, "message.en", "Big: {doubled}", "Large: {doubled}"),
        ]);
    }

    [Fact]
    public void Compare_RuleAddedAndRemoved_SummaryIsSeverityAndCondition()
    {
        var diff = Diff(("{ \"id\": \"RISKY\", \"severity\": \"warning\", \"forEach\": \"risks\", \"when\": \"item.impact > 8\",\n      \"message\": { \"fr\": \"Risque {item.id}\", \"en\": \"Risk {item.id}\" } }",
            "{ \"id\": \"NONE\", \"severity\": \"error\", \"when\": \"risks.Count == 0\",\n      \"message\": { \"fr\": \"Aucun risque\", \"en\": \"No risk\" } }"));

        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Rules, "NONE", ChangeKind.Added, null, null, "error: risks.Count == 0"),
            new MethodChange(DiffSection.Rules, "RISKY", ChangeKind.Removed, null, "warning: item.impact > 8", null),
        ]);
    }

    [Fact]
    public void Compare_ResultsAddedRemovedAndReordered_OnlyTheMovedResultIsReordered()
    {
        // doubled, tripled, risky, x → risky, doubled, tripled, n: risky moved to the front; x removed; n added.
        var change = Diff(("[\"doubled\", \"tripled\", \"risky\", \"x\"]", "[\"risky\", \"doubled\", \"tripled\", \"n\"]"));

        change.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Results, "risky", ChangeKind.Reordered, "position", "3", "1"),
            new MethodChange(DiffSection.Results, "n", ChangeKind.Added, null, null, "n"),
            new MethodChange(DiffSection.Results, "x", ChangeKind.Removed, null, "x", null),
        ]);
    }

    [Fact]
    public void Compare_ResultExposesAnotherValue_FromChanged()
    {
        var change = Single(Diff(("\"risky\", \"x\"]", "\"risky\", { \"id\": \"x\", \"from\": \"n\" }]")));

        change.ShouldBe(new MethodChange(DiffSection.Results, "x", ChangeKind.FromChanged, "from", "x", "n"));
    }

    [Fact]
    public void Compare_ChangesInSeveralSections_SectionOrderThenNewDeclarationOrderThenRemoved()
    {
        var diff = Diff(
            ("\"results\": [", "\"results\": [\"n\", "),
            ("\"formula\": \"x * 2\"", "\"formula\": \"x + x\""),
            ("\"formula\": \"x * 3\"", "\"formula\": \"x + x + x\""),
            ("\"value\": 0.05,", "\"value\": 0.04,"),
            ("{ \"id\": \"x\", \"type\": \"number\", \"min\": 0, \"max\": 100,", "{ \"id\": \"x\", \"type\": \"number\", \"min\": 0, \"max\": 200,"),
            ("{ \"id\": \"n\", \"type\": \"integer\", \"required\": false, \"default\": 3, \"label\": { \"fr\": \"n\", \"en\": \"n\" } },\n", string.Empty),
            ("\"inputs\": [\n", "\"inputs\": [\n    { \"id\": \"n\", \"type\": \"integer\", \"required\": false, \"default\": 4, \"label\": { \"fr\": \"n\", \"en\": \"n\" } },\n    { \"id\": \"m\", \"type\": \"integer\", \"label\": { \"fr\": \"m\", \"en\": \"m\" } },\n"));

        diff.Changes.Select(c => $"{c.Section} {c.Id} {c.Kind}").ShouldBe(
        [
            "Parameters rate ValueChanged",
            "Inputs n DefaultChanged",
            "Inputs m Added",
            "Inputs x BoundsChanged",
            "Indicators doubled FormulaChanged",
            "Indicators tripled FormulaChanged",
            "Results n Added",
        ]);
    }

    [Fact]
    public void Compare_OverlayLikeMethod_ComparedAsAnOrdinaryDefinition()
    {
        // An overlay resolves to an ordinary MethodDefinition: the diff needs nothing else.
        var @base = TestMethods.Valid(Base);
        var overlay = @base with
        {
            Id = "diff-test-acme",
            Parameters = [.. @base.Parameters.Select(p => p.Id == "threshold" ? p with { Value = new Newtonsoft.Json.Linq.JValue(800), Source = new RseRules.Core.Model.LocalizedText("ACME policy", "ACME policy") } : p)],
        };

        var diff = MethodDiff.Compare(@base, overlay);

        diff.New.Reference.ShouldBe("diff-test-acme@1.0.0");
        diff.Changes.ShouldBe(
        [
            new MethodChange(DiffSection.Parameters, "threshold", ChangeKind.ValueChanged, "value", "500", "800"),
            new MethodChange(DiffSection.Parameters, "threshold", ChangeKind.SourceChanged, "source", "NORM §2", "ACME policy"),
        ]);
    }
}
