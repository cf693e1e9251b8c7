using Newtonsoft.Json.Linq;
using RseRules.Core.Loading;
using RseRules.Web.Forms;
using RseRules.Web.Tests.Support;

namespace RseRules.Web.Tests.Forms;

public class FormOperationsTests
{
    private static readonly RseRules.Core.Model.MethodDefinition Norm = MethodLoader.Load(Path.Combine(TestMethods.Dir, "rse-value", "1.0.0", "method.json")).Value!;

    private static JObject Example() => JObject.Parse(File.ReadAllText(TestMethods.Example("rse-value", "example")));

    [Fact]
    public void Apply_AddToCollectionWithNumberedKeys_AddsTheNextKey()
    {
        var document = Example();
        // examples/example.json: risks R1..R5, stakes E1..E6.
        FormOperations.Apply(Norm, document, "add:/risks").ShouldBeTrue();
        FormOperations.Apply(Norm, document, "add:/stakes").ShouldBeTrue();

        ((JArray)document["risks"]!).Last!["id"]!.Value<string>().ShouldBe("R6");
        ((JArray)document["stakes"]!).Last!["id"]!.Value<string>().ShouldBe("E7");
        ((JArray)document["risks"]!).Count.ShouldBe(6);
    }

    [Fact]
    public void Apply_AddToAbsentOptionalCollection_CreatesIt()
    {
        var document = Example();
        ((JObject)document["costs"]!["recurring"]!).Remove("other");

        FormOperations.Apply(Norm, document, "add:/costs/recurring/other").ShouldBeTrue();

        document["costs"]!["recurring"]!["other"].ShouldBeOfType<JArray>().Count.ShouldBe(1);
    }

    [Fact]
    public void Apply_MoveAndRemoveRows_KeepsTheOthersInOrder()
    {
        var document = Example();
        FormOperations.Apply(Norm, document, "down:/risks/0").ShouldBeTrue();
        FormOperations.Apply(Norm, document, "up:/risks/4").ShouldBeTrue();
        FormOperations.Apply(Norm, document, "remove:/risks/0").ShouldBeTrue();

        ((JArray)document["risks"]!).Select(r => r["id"]!.Value<string>()).ShouldBe(["R1", "R3", "R5", "R4"]);
    }

    [Theory]
    [InlineData("up:/risks/0")]
    [InlineData("down:/risks/4")]
    [InlineData("remove:/risks/9")]
    [InlineData("add:/nothing")]
    [InlineData("explode:/risks")]
    [InlineData("add")]
    [InlineData("remove:risks/1")]
    public void Apply_ImpossibleOrUnknown_ChangesNothing(string operation)
    {
        var document = Example();
        var before = document.ToString();

        FormOperations.Apply(Norm, document, operation).ShouldBeFalse();

        document.ToString().ShouldBe(before);
    }
}
