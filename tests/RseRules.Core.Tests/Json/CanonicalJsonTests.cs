using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Json;

public class CanonicalJsonTests
{
    private static JToken Parse(string text) => TestMethods.Json(text).Root;

    [Fact]
    public void Write_Object_KeysSortedOrdinallyNoWhiteSpace()
    {
        // Ordinal: upper case before lower case, "a" before "aa" before "b".
        CanonicalJson.Write(Parse("{ \"b\": 1, \"aa\": [true, null], \"a\": \"x\", \"B\": {} }"))
            .ShouldBe("{\"B\":{},\"a\":\"x\",\"aa\":[true,null],\"b\":1}");
    }

    [Fact]
    public void Write_NestedObjects_SortedAtEveryLevelArraysKeepOrder()
    {
        CanonicalJson.Write(Parse("{ \"z\": [ { \"y\": 1, \"x\": 2 }, 3, 1 ] }")).ShouldBe("{\"z\":[{\"x\":2,\"y\":1},3,1]}");
    }

    /// <summary>
    /// As implemented: whole numbers below 1e15 as integers, others in .NET's shortest round-trip form ("R") with the
    /// exponent in lower case and a sign; .NET keeps two exponent digits (1e-07) and writes 1e15 and 1e16 in full.
    /// </summary>
    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("-2.0", "-2")]
    [InlineData("0.1", "0.1")]
    [InlineData("2.5", "2.5")]
    [InlineData("1e2", "100")]
    [InlineData("1e-7", "1e-07")]
    [InlineData("2.5e20", "2.5e+20")]
    [InlineData("1e15", "1000000000000000")]
    [InlineData("1e17", "1e+17")]
    [InlineData("1e-5", "1e-05")]
    [InlineData("1e-4", "0.0001")]
    [InlineData("999999999999999.0", "999999999999999")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("-0.0", "0")]
    [InlineData("12", "12")]
    [InlineData("9223372036854775807", "9223372036854775807")] // larger integers are rejected by the reader (JsonSourceTests)
    public void Write_Numbers_CanonicalForm(string json, string expected)
    {
        CanonicalJson.Write(Parse("[" + json + "]")).ShouldBe("[" + expected + "]");
    }

    [Fact]
    public void FormatNumber_NotFinite_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => CanonicalJson.FormatNumber(double.NaN));
        Should.Throw<ArgumentOutOfRangeException>(() => CanonicalJson.FormatNumber(double.PositiveInfinity));
    }

    [Fact]
    public void Write_Strings_OnlyQuoteBackslashAndControlsEscaped()
    {
        // Decoded: quote, backslash, slash, é, tab, newline, U+0001, U+2028.
        var token = new JValue("\"\\/é\t\n\u0001\u2028");

        CanonicalJson.Write(token).ShouldBe("\"\\\"\\\\/é\\t\\n\\u0001\u2028\"");
    }

    [Fact]
    public void Sha256_KnownDocument_HashOfItsCanonicalText()
    {
        // Canonical text {"a":[1,"x"],"b":1}; its SHA-256 computed independently (python3 hashlib).
        var token = Parse("{ \"b\": 1, \"a\": [1.0, \"x\"] }");

        CanonicalJson.Write(token).ShouldBe("{\"a\":[1,\"x\"],\"b\":1}");
        CanonicalJson.Sha256(token).ShouldBe("a88dede55f330dbae7d6c99cb78c43213f114625ed11c8fd0b769d117c06bb50");
    }

    [Fact]
    public void Sha256_SameValueDifferentLayoutAndOrder_SameHash()
    {
        var a = Parse("{\"b\":1,\"a\":{\"d\":[1,2],\"c\":0.5}}");
        var b = Parse("{\n  \"a\": { \"c\": 5e-1, \"d\": [1.0, 2] },\n  \"b\": 1\n}");

        CanonicalJson.Sha256(b).ShouldBe(CanonicalJson.Sha256(a));
        CanonicalJson.Sha256(Parse("{\"a\":{\"d\":[2,1],\"c\":0.5},\"b\":1}")).ShouldNotBe(CanonicalJson.Sha256(a));
    }

    [Fact]
    public void WriteIndented_Object_MemberOrderKeptTwoSpacesFinalNewline()
    {
        var text = CanonicalJson.WriteIndented(Parse("{\"b\":[1,2],\"a\":{\"c\":1.0},\"e\":[{\"x\":1}],\"f\":{}}"));

        text.ShouldBe("{\n  \"b\": [1, 2],\n  \"a\": {\n    \"c\": 1\n  },\n  \"e\": [\n    {\n      \"x\": 1\n    }\n  ],\n  \"f\": {}\n}\n");
    }

    [Theory]
    [InlineData("{}", "m")]
    [InlineData("{\"a\":1}", "m")]
    [InlineData("{\"z\":1}", "m")]
    [InlineData("{\"a\":1,\"z\":[1,{\"m\":2}]}", "m")]
    [InlineData("{\"a\":1,\"m\":\"old\",\"z\":2}", "m")]
    [InlineData("{\"recordSha\":1,\"recordSha256x\":2}", "recordSha256")]
    public void WriteWithout_AnyObject_IsTheCanonicalTextOfACopyWithoutTheMember(string json, string member)
    {
        var obj = (JObject)Parse(json);
        var before = CanonicalJson.Write(obj);

        var text = CanonicalJson.WriteWithout(obj, member);

        var copy = (JObject)obj.DeepClone();
        copy.Remove(member);
        text.ShouldBe(CanonicalJson.Write(copy)); // as if removed from a copy (only the top level's member)
        CanonicalJson.Write(obj).ShouldBe(before); // and the object itself is left as it was
    }
}
