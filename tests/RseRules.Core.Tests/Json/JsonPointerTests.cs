using RseRules.Core.Json;

namespace RseRules.Core.Tests.Json;

public class JsonPointerTests
{
    [Theory]
    [InlineData("#/a.b[1]", "/a/b/1")]
    [InlineData("a['x.y'][0]", "/a/x.y/0")]
    [InlineData("a[\"x.y\"].z", "/a/x.y/z")]
    [InlineData("stakes[2].weight", "/stakes/2/weight")]
    [InlineData("a['x/y~z']", "/a/x~1y~0z")]
    [InlineData("a['it\\'s']", "/a/it's")]
    [InlineData("$.a", "/a")]
    [InlineData("#/", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("[0][1]", "/0/1")]
    [InlineData("a['S\\\\1']", "/a/S\\1")]
    [InlineData("a['S\\']1'].b", "/a/S']1/b")]
    [InlineData("a['x\\ny']", "/a/x\ny")]
    [InlineData("a['\\u00e9']", "/a/é")]
    [InlineData("a[\"x']y\"]", "/a/x']y")]
    public void FromJsonPath_Paths_Rfc6901Pointer(string? path, string expected)
    {
        JsonPointer.FromJsonPath(path).ShouldBe(expected);
    }

    [Theory]
    [InlineData("a/b", "a~1b")]
    [InlineData("a~b", "a~0b")]
    [InlineData("~/", "~0~1")]
    [InlineData("plain", "plain")]
    public void Escape_SpecialCharacters_Escaped(string token, string expected)
    {
        JsonPointer.Escape(token).ShouldBe(expected);
    }

    [Fact]
    public void Parse_EscapedTokens_RoundTrip()
    {
        var pointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(string.Empty, "a/b"), "~1"), 3);

        pointer.ShouldBe("/a~1b/~01/3");
        JsonPointer.Parse(pointer).ShouldBe(["a/b", "~1", "3"]);
        JsonPointer.Parse(string.Empty).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", """{"a/b":[10,{"c":"x"}]}""")]
    [InlineData("/a~1b/0", "10")]
    [InlineData("/a~1b/1/c", "\"x\"")]
    [InlineData("/a~1b/2", null)]
    [InlineData("/a~1b/-1", null)]
    [InlineData("/a~1b/01x", null)]
    [InlineData("/missing", null)]
    [InlineData("/a~1b/0/c", null)]
    public void Resolve_Pointers_ValueOrNull(string pointer, string? expected)
    {
        var root = Newtonsoft.Json.Linq.JToken.Parse("""{"a/b":[10,{"c":"x"}]}""");

        var found = JsonPointer.Resolve(root, pointer);

        (found?.ToString(Newtonsoft.Json.Formatting.None)).ShouldBe(expected);
    }
}
