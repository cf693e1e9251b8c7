using Newtonsoft.Json.Linq;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Web.Forms;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Forms;

/// <summary>The form of the all-types test method (every type kind), filled with its inputs.json.</summary>
public class FormBuilderTests
{
    private static readonly MethodDefinition AllTypes = MethodLoader.Load(Path.Combine(TestMethods.Dir, "all-types-test", "1.0.0", "method.json")).Value!;

    private static readonly JObject Inputs = JObject.Parse(File.ReadAllText(TestMethods.Example("all-types-test", "inputs")));

    private static FormModel Build(string language = "en") => FormBuilder.Build(AllTypes, Inputs, language);

    private static T Node<T>(FormModel form, string pointer)
        where T : FormNode
    {
        foreach (var node in All(form.Sections))
        {
            if (node.Pointer == pointer)
            {
                return node.ShouldBeOfType<T>();
            }
        }

        throw new ShouldAssertException($"No node at {pointer}.");
    }

    private static IEnumerable<FormNode> All(IEnumerable<FormNode> nodes)
    {
        foreach (var node in nodes)
        {
            yield return node;
            var children = node switch
            {
                GroupNode g => g.Children,
                SeriesNode s => s.Items,
                TableNode t => t.Rows.SelectMany(r => r.Cells),
                MapNode m => m.Entries.Select(e => e.Editor),
                _ => [],
            };
            foreach (var child in All(children))
            {
                yield return child;
            }
        }
    }

    [Fact]
    public void Build_Scalars_InTheGeneralGroupWithTheirKindBoundsAndValue()
    {
        var form = Build();
        var general = form.Sections[0].ShouldBeOfType<GroupNode>();
        general.Label.ShouldBe("General");
        general.Children.Select(c => c.Pointer).ShouldBe(["/years", "/rate", "/isPublic", "/name", "/sector", "/maturity", "/flows", "/tags", "/mainStake", "/discount"]);

        var years = Node<FieldNode>(form, "/years");
        (years.Kind, years.Value, years.Min, years.Max, years.Required).ShouldBe((FieldKind.Integer, "2", "1", "10", true));
        years.Structural.ShouldBeTrue(); // the length of /flows
        years.CanBeUncertain.ShouldBeFalse(); // a length is never uncertain (the document's shape must not vary)

        var rate = Node<FieldNode>(form, "/rate");
        (rate.Kind, rate.Value, rate.CanBeUncertain).ShouldBe((FieldKind.Number, "0.1", true));
        Node<FieldNode>(form, "/name").MaxLength.ShouldBe(20);
        Node<FieldNode>(form, "/discount").Required.ShouldBeFalse();
    }

    [Fact]
    public void Build_Choices_EnumsScalesBooleansAndReferencesAsLabelledChoices()
    {
        var form = Build();
        var sector = Node<FieldNode>(form, "/sector");
        (sector.Kind, sector.Value).ShouldBe((FieldKind.Enum, "services"));
        sector.Choices.Select(c => c.Value).ShouldBe(["industry", "services"]);

        var maturity = Node<FieldNode>(form, "/maturity");
        maturity.Kind.ShouldBe(FieldKind.Scale);
        maturity.Choices.Select(c => c.Label).ShouldBe(["0 — None", "1", "2", "3", "4 — Strong"]);

        var isPublic = Node<FieldNode>(form, "/isPublic");
        (isPublic.Kind, isPublic.Value, isPublic.DefaultText).ShouldBe((FieldKind.Boolean, string.Empty, "yes"));

        var main = Node<FieldNode>(form, "/mainStake");
        (main.Kind, main.Value).ShouldBe((FieldKind.Reference, "S2"));
        main.Choices.Select(c => c.Value).ShouldBe(["S1", "S2"]); // the keys of the document's stakes
    }

    [Fact]
    public void Build_SeriesAndLists_OneEditorPerElementTheSeriesFollowingItsLength()
    {
        var form = Build("fr");
        var flows = Node<SeriesNode>(form, "/flows");
        flows.Resizable.ShouldBeFalse();
        flows.ItemLabels.ShouldBe(["Année 0", "Année 1", "Année 2"]); // length years + 1, from year 0
        flows.Items.Select(i => i.Value).ShouldBe(["-100", "60", "66"]);

        var longer = FormBuilder.Build(AllTypes, new JObject(Inputs) { ["years"] = 4 }, "fr");
        Node<SeriesNode>(longer, "/flows").Items.Select(i => i.Value).ShouldBe(["-100", "60", "66", string.Empty, string.Empty]);

        var tags = Node<SeriesNode>(form, "/tags");
        tags.Resizable.ShouldBeTrue();
        tags.Items.Select(i => (i.Kind, i.Value, i.MaxLength)).ShouldBe([(FieldKind.Text, "a", (int?)5), (FieldKind.Text, "bb", 5), (FieldKind.Text, "ccc", 5)]);
    }

    [Fact]
    public void Build_RecordCollectionAndMap_GroupTableAndOneEditorPerKey()
    {
        var form = Build();
        var contact = form.Sections.OfType<GroupNode>().Single(g => g.Pointer == "/contact");
        contact.Children.Select(c => (c.Pointer, c.Required)).ShouldBe([("/contact/name", true), ("/contact/email", false), ("/contact/phone", false)]);
        Node<FieldNode>(form, "/contact/phone").DefaultText.ShouldBe("n/a");

        var stakes = form.Sections.OfType<TableNode>().Single();
        stakes.Columns.Select(c => c.Label).ShouldBe(["code", "weight", "note", "bonus"]);
        stakes.Rows.Count.ShouldBe(2);
        stakes.Rows[1].Cells.Select(c => ((FieldNode)c).Value).ShouldBe(["S2", "40", string.Empty, string.Empty]);
        ((FieldNode)stakes.Rows[1].Cells[3]).DefaultText.ShouldBe("1.5");
        ((FieldNode)stakes.Rows[0].Cells[0]).Structural.ShouldBeTrue(); // a key: references and map keys follow it

        var levels = form.Sections.OfType<MapNode>().Single();
        levels.FreeKeys.ShouldBeFalse();
        levels.Entries.Select(e => (e.Key, ((FieldNode)e.Editor).Value)).ShouldBe([("S1", "4"), ("S2", string.Empty)]);
        ((FieldNode)levels.Entries[1].Editor).DefaultText.ShouldBe("2"); // a complete map: the default fills S2
    }

    [Fact]
    public void Build_MapKeyedByACollectionParameter_OneFieldPerCatalogueItem()
    {
        // vendor-scoring (format 2): the ratings map is keyed by the method's own criteria catalogue, not by an input.
        var folder = Path.Combine(TestMethods.Root, "tests", "methods", "vendor-scoring", "1.0.0");
        var method = MethodLoader.Load(Path.Combine(folder, "method.json")).Value.ShouldNotBeNull();
        var example = JObject.Parse(File.ReadAllText(Path.Combine(folder, "examples", "acme-supplies.json")));

        var ratings = FormBuilder.Build(method, example, "fr").Sections.OfType<MapNode>().Single(m => m.Pointer == "/ratings");

        // The catalogue's items in its order, labelled in French; each value from the example (price 4, quality 5, …).
        ratings.Entries.Select(e => (e.Key, e.Label)).ShouldBe([("price", "price — Prix"), ("quality", "quality — Qualité"), ("delivery", "delivery — Délais de livraison"), ("support", "support — Assistance")]);
        ratings.Entries.Select(e => ((FieldNode)e.Editor).Value).ShouldBe(["4", "5", "3", "2"]);
    }

    [Fact]
    public void Build_NormInFrench_MatrixOfContributionsAndPercentages()
    {
        var norm = MethodLoader.Load(Path.Combine(TestMethods.Dir, "rse-value", "1.0.0", "method.json")).Value!;
        var example = JObject.Parse(File.ReadAllText(TestMethods.Example("rse-value", "example")));
        var form = FormBuilder.Build(norm, example, "fr");

        var usages = form.Sections.OfType<TableNode>().Single(t => t.Pointer == "/usages");
        // examples/example.json: 6 stakes E1..E6, so one column per stake after the code and the label.
        usages.Columns.Skip(2).Select(c => c.Label).ShouldBe(["E1", "E2", "E3", "E4", "E5", "E6"]);
        usages.Columns.Skip(2).Select(c => c.Group).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        // The discount rate 0.08 (unit fraction) shows as 8 %.
        var rate = Node<FieldNode>(form, "/discountRate");
        (rate.Value, rate.Unit, rate.Percent).ShouldBe(("8", "%", true));
        // Adoption per year follows the horizon (3 years).
        Node<SeriesNode>(form, "/gains/timeSaved/adoption").Items.Count.ShouldBe(3);
    }
}
