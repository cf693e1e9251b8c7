using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Spreadsheets.Tests.Support;

namespace RseRules.Spreadsheets.Tests;

/// <summary>
/// A template prefilled from a document and read back gives the document again: the canonical JSON (the form every hash
/// is taken of) is identical, for every shipped and test method's examples, in both languages.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<string, string, string> Documents()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var language in new[] { "fr", "en" })
        {
            data.Add(Fixtures.NormDir, "examples/example.json", language);
            data.Add(Fixtures.NormDir, "examples/example-uncertain.json", language);
            data.Add(Fixtures.Norm11Dir, "examples/example.json", language);
            data.Add(Fixtures.LoanDir, "examples/delivery-van.json", language);
            data.Add(Fixtures.LoanDir, "examples/company-car.json", language);
            data.Add(Fixtures.AllTypesDir, "inputs.json", language);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void ReadTemplate_PrefilledFromDocument_GivesTheDocumentBack(string methodDir, string document, string language)
    {
        var method = Fixtures.Method(methodDir);
        var expected = Fixtures.Document(Path.Combine(methodDir, document));
        expected.Remove("$schema");

        var read = Fixtures.Read(method, Fixtures.Template(method, expected, language));

        read.Diagnostics.ShouldBeEmpty();
        CanonicalJson.Write(read.Document.ShouldNotBeNull()).ShouldBe(CanonicalJson.Write(expected));
    }

    [Fact]
    public void ReadTemplate_DocumentChangedAfterTheTemplate_DiffersFromIt()
    {
        // The round trip can fail: a document read back from a template of another document is not that document.
        var method = Fixtures.Norm;
        var original = Fixtures.Document(Path.Combine(Fixtures.NormDir, "examples", "example.json"));
        var changed = (JObject)original.DeepClone();
        changed["stakes"]![0]!["weight"] = 21;
        changed["stakes"]![1]!["weight"] = 14;

        var read = Fixtures.Read(method, Fixtures.Template(method, changed));

        CanonicalJson.Write(read.Document.ShouldNotBeNull()).ShouldNotBe(CanonicalJson.Write(original));
    }

    [Fact]
    public void ReadTemplate_Empty_GivesTheRequiredInputsAsMissing()
    {
        var read = Fixtures.Read(Fixtures.Loan, Fixtures.Template(Fixtures.Loan, null));

        read.Success.ShouldBeFalse();
        read.Diagnostics.ShouldContain(d => d.Code == Core.Diagnostics.DiagnosticCode.InputSchema && d.Message.Contains("assetPrice", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteTemplate_SameInputs_SameBytes()
    {
        var method = Fixtures.Norm;
        var document = Fixtures.Document(Path.Combine(Fixtures.NormDir, "examples", "example-uncertain.json"));

        Fixtures.Template(method, document).SequenceEqual(Fixtures.Template(method, document)).ShouldBeTrue();
    }
}
