using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Loading;

public class MethodLoaderTests
{
    [Fact]
    public void Load_JsonSyntaxError_Rse1001AndNothingElse()
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Parse("{\n  \"formatVersion\": 1,\n}", "method.json", diagnostics);

        source.ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.JsonSyntax);

        // The trailing comma is followed by a newline; '}' at line 3 col 1 is where a property name was expected.
        (error.Line, error.Column).ShouldBe((3, 1));
    }

    [Theory]
    [InlineData("-1e19", "5", "/scales/s/min")]
    [InlineData("1", "1e19", "/scales/s/max")]
    [InlineData("1", "2.5", "/scales/s/max")]
    public void Load_ScaleBoundNotA64BitInteger_Rse2001AtTheBound(string min, string max, string pointer)
    {
        // MethodReader casts the bounds to long: the schema must have let through only what fits (a literal beyond 64
        // bits such as 99999999999999999999 is already refused when the JSON is read, RSE1001).
        var text = TestMethods.Method(scales: "{ \"s\": { \"min\": " + min + ", \"max\": " + max + ", \"label\": { \"fr\": \"s\", \"en\": \"s\" } } }");

        var result = TestMethods.Load(text);

        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.MethodSchema);
        error.Pointer.ShouldBe(pointer);
    }

    [Fact]
    public void Load_MissingFile_Rse0001()
    {
        var result = MethodLoader.Load(Path.Combine(TestMethods.DataDir, "no-such-method.json"));

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldHaveSingleItem().CodeText.ShouldBe("RSE0001");
    }

    [Fact]
    public void Load_UnknownTopLevelProperty_Rse2001AtTheProperty()
    {
        var text = TestMethods.Method().Replace("\"formatVersion\": 1", "\"formatVersion\": 1,\n  \"colour\": \"blue\"", StringComparison.Ordinal);

        var result = TestMethods.Load(text);

        result.Value.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.MethodSchema);
        error.CodeText.ShouldBe("RSE2001");
        error.Pointer.ShouldBe("/colour");

        // The property name, line 3, after two spaces.
        (error.Line, error.Column).ShouldBe((3, 3));
    }

    [Fact]
    public void Load_MissingResults_Rse2001AtTheRoot()
    {
        var text = TestMethods.Method().Replace(",\n  \"results\": [\"x\"]", string.Empty, StringComparison.Ordinal);

        var result = TestMethods.Load(text);

        result.Value.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.MethodSchema);
        error.Pointer.ShouldBe(string.Empty);
        (error.Line, error.Column).ShouldBe((1, 1));
    }

    [Fact]
    public void Load_SchemaError_SemanticChecksDoNotRun()
    {
        // The unknown result would be RSE3002, but the schema error (a number label) stops the load first.
        var text = TestMethods.Method(results: "[\"nope\"]").Replace("\"title\": { \"fr\": \"Test\", \"en\": \"Test\" }", "\"title\": 3", StringComparison.Ordinal);

        var result = TestMethods.Load(text);

        result.Diagnostics.ShouldAllBe(d => d.Code == DiagnosticCode.MethodSchema);
        result.Diagnostics.ShouldContain(d => d.Pointer == "/title");
    }

    [Fact]
    public void Load_ExtendsUnknownBase_Rse3011()
    {
        var text = TestMethods.Method().Replace("\"formatVersion\": 1", "\"formatVersion\": 1,\n  \"extends\": \"no-such-base@1.0.0\"", StringComparison.Ordinal);

        var result = TestMethods.Load(text);

        result.Value.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.OverlayBaseInvalid);
        error.Pointer.ShouldBe("/extends");
    }

    [Fact]
    public void Load_SameMethodDifferentLayout_SameSha256()
    {
        var compact = TestMethods.Valid(TestMethods.Method());
        var spread = TestMethods.Valid(TestMethods.Method().Replace("\n", "\n\n", StringComparison.Ordinal).Replace(": ", " :  ", StringComparison.Ordinal));

        spread.Sha256.ShouldBe(compact.Sha256);
        compact.Sha256.Length.ShouldBe(64);
    }
}
