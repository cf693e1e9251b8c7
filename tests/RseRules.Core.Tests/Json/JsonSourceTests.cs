using System.Text;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Json;

public class JsonSourceTests
{
    private static Diagnostic ParseError(string text)
    {
        var diagnostics = new List<Diagnostic>();
        JsonSource.Parse(text, "doc.json", diagnostics).ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        error.Severity.ShouldBe(Severity.Error);
        error.File.ShouldBe("doc.json");
        return error;
    }

    [Theory]
    [InlineData("{\n  // comment\n  \"a\": 1\n}", 2, 3)]
    [InlineData("{\n  \"a\": 1 /* comment */\n}", 2, 10)]
    [InlineData("[1, 2,]", 1, 7)]
    [InlineData("{\n  \"a\": 1,\n}", 3, 1)]
    [InlineData("{ \"a\": NaN }", 1, 8)]
    [InlineData("[Infinity]", 1, 2)]
    [InlineData("[-Infinity]", 1, 2)]
    [InlineData("{ 'a': 1 }", 1, 3)]
    [InlineData("{ a: 1 }", 1, 3)]
    [InlineData("[01]", 1, 3)]
    [InlineData("[1.]", 1, 4)]
    [InlineData("[.5]", 1, 2)]
    [InlineData("[+1]", 1, 2)]
    [InlineData("[1e999]", 1, 2)]
    [InlineData("[\"a\tb\"]", 1, 4)]
    [InlineData("[\"\\x\"]", 1, 3)]
    [InlineData("[\"abc", 1, 6)]
    [InlineData("{\"a\": 1} 2", 1, 10)]
    [InlineData("", 1, 1)]
    [InlineData("[tru]", 1, 2)]
    public void Parse_NotStrictJson_Rse1001AtTheOffendingCharacter(string text, int line, int column)
    {
        var error = ParseError(text);

        error.Code.ShouldBe(DiagnosticCode.JsonSyntax);
        error.CodeText.ShouldBe("RSE1001");
        (error.Line, error.Column).ShouldBe((line, column));
    }

    [Theory]
    [InlineData("{ \"a\": 9223372036854775808 }", "9223372036854775808")]
    [InlineData("{ \"a\": -9223372036854775809 }", "-9223372036854775809")]
    [InlineData("{ \"a\": 99999999999999999999999999 }", "99999999999999999999999999")]
    public void Parse_IntegerBeyond64Bits_Rse1001AtTheNumber(string text, string literal)
    {
        // Regression (property tests): Json.NET read it as a BigInteger, and the schema validator threw InvalidCastException.
        var error = ParseError(text);

        error.Code.ShouldBe(DiagnosticCode.JsonSyntax);
        error.Message.ShouldStartWith($"Integer '{literal}' is out of range");
        error.Pointer.ShouldBe("/a");
        (error.Line, error.Column).ShouldBe((1, 8));
    }

    [Theory]
    [InlineData("[9223372036854775807, -9223372036854775808]")]
    [InlineData("[1e20, 99999999999999999999.5, -0]")]
    public void Parse_NumbersWithin64BitsOrWithAnExponent_Accepted(string text)
    {
        var diagnostics = new List<Diagnostic>();

        JsonSource.Parse(text, "doc.json", diagnostics).ShouldNotBeNull();
        diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_DuplicateKey_Rse1002AtTheSecondKey()
    {
        var error = ParseError("{\n  \"a\": {\n    \"b\": 1,\n    \"b\": 2\n  }\n}");

        error.Code.ShouldBe(DiagnosticCode.JsonDuplicateKey);
        error.CodeText.ShouldBe("RSE1002");
        error.Pointer.ShouldBe("/a");
        (error.Line, error.Column).ShouldBe((4, 5));
    }

    [Fact]
    public void Parse_SameKeyInDifferentObjects_Accepted()
    {
        var source = TestMethods.Json("[{ \"a\": 1 }, { \"a\": 2 }]");

        source.Root.Count().ShouldBe(2);
    }

    [Fact]
    public void Parse_ByteOrderMark_AcceptedAndNotCounted()
    {
        var source = TestMethods.Json("\uFEFF{ \"a\": 1 }");

        source.Text[0].ShouldBe('{');
        source.PositionOf("/a").ShouldBe(new SourcePosition(1, 8));
    }

    [Fact]
    public void Load_FileWithByteOrderMark_Accepted()
    {
        var path = TempFile([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{ \"a\": \"é\" }")]);
        try
        {
            var diagnostics = new List<Diagnostic>();
            var source = JsonSource.Load(path, diagnostics);

            diagnostics.ShouldBeEmpty();
            source.ShouldNotBeNull().Root["a"]!.ToString().ShouldBe("é");
            source.PositionOf("/a").ShouldBe(new SourcePosition(1, 8));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_InvalidUtf8_Rse0003()
    {
        // 0xC3 starts a two-byte sequence; 0x28 cannot continue it.
        var path = TempFile([.. Encoding.ASCII.GetBytes("{ \"a\": \""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\" }")]);
        try
        {
            var diagnostics = new List<Diagnostic>();

            JsonSource.Load(path, diagnostics, "shown.json").ShouldBeNull();

            var error = diagnostics.ShouldHaveSingleItem();
            error.Code.ShouldBe(DiagnosticCode.FileUnreadable);
            error.CodeText.ShouldBe("RSE0003");
            error.File.ShouldBe("shown.json");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_Rse0001()
    {
        var diagnostics = new List<Diagnostic>();

        JsonSource.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json"), diagnostics).ShouldBeNull();

        diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.FileNotFound);
    }

    [Fact]
    public void Parse_SixtyFiveLevels_Accepted()
    {
        // The root and 64 nested arrays: depth 0 to 64.
        var source = TestMethods.Json(new string('[', 65) + new string(']', 65));

        source.Contains("/0/0").ShouldBeTrue();
    }

    [Fact]
    public void Parse_SixtySixLevels_Rse1001AtTheDeepestValue()
    {
        // The 66th '[' (col 66) is at depth 65, beyond the 64 accepted.
        var error = ParseError(new string('[', 66) + new string(']', 66));

        error.Code.ShouldBe(DiagnosticCode.JsonSyntax);
        (error.Line, error.Column).ShouldBe((1, 66));
    }

    [Fact]
    public void Parse_DeepObjects_Rse1001()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70);

        ParseError(text).Code.ShouldBe(DiagnosticCode.JsonSyntax);
    }

    [Fact]
    public void PositionOf_Pointers_StartOfEachValue()
    {
        var source = TestMethods.Json("{\n  \"a\": [10, {\"b~/c\": true}],\n  \"d\": null\n}");

        source.PositionOf(string.Empty).ShouldBe(new SourcePosition(1, 1));
        source.PositionOf("/a").ShouldBe(new SourcePosition(2, 8));
        source.PositionOf("/a/0").ShouldBe(new SourcePosition(2, 9));
        source.PositionOf("/a/1").ShouldBe(new SourcePosition(2, 13));
        source.PositionOf("/a/1/b~0~1c").ShouldBe(new SourcePosition(2, 22));
        source.PositionOf("/d").ShouldBe(new SourcePosition(3, 8));
        source.KeyPositionOf("/d").ShouldBe(new SourcePosition(3, 3));
    }

    [Fact]
    public void PositionOf_MissingPointer_NearestExistingAncestor()
    {
        var source = TestMethods.Json("{\n  \"a\": [10]\n}");

        source.PositionOf("/a/5").ShouldBe(new SourcePosition(2, 8));
        source.PositionOf("/nothing/deep").ShouldBe(new SourcePosition(1, 1));
        source.Contains("/a/5").ShouldBeFalse();
    }

    [Fact]
    public void PositionOf_CarriageReturnLineFeed_ColumnsFromTheLineStart()
    {
        var source = TestMethods.Json("{\r\n  \"a\": 1\r\n}");

        source.PositionOf("/a").ShouldBe(new SourcePosition(2, 8));
    }

    [Fact]
    public void PositionInString_Escapes_MapsDecodedIndexToTheFile()
    {
        // The string starts at col 7 (its quote) and its text at col 8. Decoded: x " y é z \n w.
        //   index 0 x → raw 0 (col 8); index 1 " is written \" → raw 1 (col 9);
        //   index 2 y → raw 3 (col 11); index 3 é is written \u00e9 → raw 4 (col 12);
        //   index 4 z → raw 10 (col 18); index 5 newline is written \n → raw 11 (col 19); index 6 w → raw 13 (col 21).
        var source = TestMethods.Json("{\"s\": \"x\\\"y\\u00e9z\\nw\"}");
        source.Root["s"]!.ToString().ShouldBe("x\"yéz\nw");

        int[] expected = [8, 9, 11, 12, 18, 19, 21];
        for (var i = 0; i < expected.Length; i++)
        {
            source.PositionInString("/s", i).ShouldBe(new SourcePosition(1, expected[i]), $"decoded index {i}");
        }
    }

    [Fact]
    public void PositionInString_NotAString_PositionOfTheValue()
    {
        var source = TestMethods.Json("{\"n\": 12}");

        source.PositionInString("/n", 1).ShouldBe(new SourcePosition(1, 7));
    }

    [Fact]
    public void At_Pointer_DiagnosticLocatedAtTheValue()
    {
        var source = TestMethods.Json("{\n  \"a\": 1\n}", "file.json");

        var d = source.At("/a", DiagnosticCode.InputSchema, "m");

        (d.File, d.Line, d.Column, d.Pointer, d.Code).ShouldBe(("file.json", 2, 8, "/a", DiagnosticCode.InputSchema));
        d.ToString().ShouldStartWith("file.json(2,8): error RSE5001: ");
    }

    private static string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "rse-json-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
