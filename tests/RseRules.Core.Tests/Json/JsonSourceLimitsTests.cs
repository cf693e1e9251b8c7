using System.Text;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;

namespace RseRules.Core.Tests.Json;

/// <summary>Hostile documents: sizes beyond the limits are refused with a located error, never read into memory whole.</summary>
public sealed class JsonSourceLimitsTests
{
    [Fact]
    public void Parse_ArrayLongerThanTheLimit_IsRefusedAtTheExtraElement()
    {
        var text = "[" + string.Join(",", Enumerable.Repeat("0", JsonSource.MaxArrayLength + 1)) + "]";
        var diagnostics = new List<Diagnostic>();

        JsonSource.Parse(text, "big.json", diagnostics).ShouldBeNull();

        var d = diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCode.JsonSyntax);
        d.Message.ShouldContain("100000");
        d.Column.ShouldBe(1 + (2 * JsonSource.MaxArrayLength) + 1); // after "[" and 100,000 times "0,"
    }

    [Fact]
    public void Parse_ArrayAtTheLimit_IsAccepted()
    {
        var text = "[" + string.Join(",", Enumerable.Repeat("0", JsonSource.MaxArrayLength)) + "]";
        JsonSource.Parse(text, "ok.json", []).ShouldNotBeNull();
    }

    [Fact]
    public void Parse_StringLongerThanTheLimit_IsRefused()
    {
        var text = "{\"a\": \"" + new string('x', JsonSource.MaxStringLength + 1) + "\"}";
        var diagnostics = new List<Diagnostic>();

        JsonSource.Parse(text, "s.json", diagnostics).ShouldBeNull();

        diagnostics.ShouldHaveSingleItem().Message.ShouldContain("longer than");
    }

    [Fact]
    public void Parse_ObjectWithTooManyMembers_IsRefused()
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i <= JsonSource.MaxObjectMembers; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append("\"k").Append(i).Append("\":0");
        }

        var diagnostics = new List<Diagnostic>();
        JsonSource.Parse(sb.Append('}').ToString(), "o.json", diagnostics).ShouldBeNull();
        diagnostics.ShouldHaveSingleItem().Message.ShouldContain("members");
    }

    [Fact]
    public void Load_FileLargerThanTheLimit_IsRefusedWithoutReadingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rse-big-{Guid.NewGuid():N}.json");
        using (var stream = File.Create(path))
        {
            stream.SetLength(JsonSource.MaxFileBytes + 1); // sparse: nothing to read
        }

        try
        {
            var diagnostics = new List<Diagnostic>();
            JsonSource.Load(path, diagnostics).ShouldBeNull();
            diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.FileTooLarge);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
