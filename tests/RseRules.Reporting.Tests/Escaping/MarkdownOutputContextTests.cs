using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;
using RseRules.Reporting.Escaping;
using RseRules.Tests.Shared;

namespace RseRules.Reporting.Tests.Escaping;

/// <summary>
/// Each hostile text printed at each place of a Markdown document, then the document rendered by a real CommonMark + GFM
/// processor (Markdig with its advanced extensions: tables, autolinks, strikethrough, maths…) and the HTML parsed: the
/// text comes back as plain text of the element the template wrote, with no link, image, emphasis, HTML or block of its own.
/// </summary>
public sealed class MarkdownOutputContextTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static TheoryData<string> Texts() => [.. HostileText.All];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InAParagraph_ComesBackAsPlainText(string value)
    {
        var body = Render("Text: ", value, " end.\n");
        var p = body.Children.ShouldHaveSingleItem();
        p.LocalName.ShouldBe("p");
        p.Children.ShouldBeEmpty();
        p.TextContent.ShouldBe("Text: " + OneLine(value) + " end.");
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_AtTheStartOfABlock_OpensNoBlockOfItsOwn(string value)
    {
        foreach (var (before, element) in new[] { (string.Empty, "p"), ("- ", "ul"), ("1. ", "ol"), ("> ", "blockquote"), ("## ", "h2"), ("- > ", "ul") })
        {
            var body = Render("Intro.\n\n" + before, value, "\n\nAfter.\n");
            body.Children.Select(c => c.LocalName).ShouldBe(["p", element, "p"], before);
            var inner = body.Children[1];
            inner.QuerySelectorAll("a, img, em, strong, code, del, span, h1, h3, hr, table, pre, script, iframe").ShouldBeEmpty(before);
            inner.TextContent.Trim().ShouldBe(OneLine(value).Trim(), before);
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InATableCell_StaysInItsCell(string value)
    {
        var body = Render("| A | B |\n|---|---|\n| ", value, " | x |\n");
        var table = body.Children.ShouldHaveSingleItem();
        table.LocalName.ShouldBe("table");
        var cells = table.QuerySelectorAll("tbody td");
        cells.Length.ShouldBe(2);
        cells[0].Children.ShouldBeEmpty();
        cells[0].TextContent.Trim().ShouldBe(OneLine(value).Trim());
        cells[1].TextContent.ShouldBe("x");
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InEmphasis_StaysInsideIt(string value)
    {
        var p = Render("Name: **", value, "** (end)\n").Children.ShouldHaveSingleItem();
        var strong = p.Children.ShouldHaveSingleItem(p.OuterHtml);
        strong.LocalName.ShouldBe("strong");
        strong.Children.ShouldBeEmpty();
        strong.TextContent.ShouldBe(OneLine(value).Trim());
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InACodeSpan_CannotCloseIt(string value)
    {
        foreach (var (before, after) in new[] { ("Code `", "` end.\n"), ("Code ``", "`` end.\n"), ("| A | B |\n|---|---|\n| `", "` | x |\n") })
        {
            var body = Render(before, value, after);
            var code = body.QuerySelectorAll("code").ShouldHaveSingleItem(before);
            code.Children.ShouldBeEmpty();
            // In a table row a pipe is "\|" even inside code (GFM spec, example 200: rendered "|"); Markdig keeps the backslash.
            code.TextContent.Replace("\\|", "|", StringComparison.Ordinal).Trim().ShouldBe(OneLine(value).Replace('`', '\u02CB').Trim(), before);
            body.QuerySelectorAll("a, img, em, strong").ShouldBeEmpty(before);
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InAFencedBlock_CannotCloseIt(string value)
    {
        foreach (var fence in new[] { "```", "~~~", "````" })
        {
            var body = Render($"Data:\n\n{fence}json\n", value, $"\n{fence}\n\nAfter.\n");
            body.Children.Select(c => c.LocalName).ShouldBe(["p", "pre", "p"], fence);
            var lines = body.Children[1].TextContent.TrimEnd('\n').Split('\n').Select(l => l.Trim());
            lines.ShouldBe(value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => new string([.. l.Select(c => c == '\r' ? ' ' : (c < ' ' && c != '\t') || c == '\u007F' ? '\uFFFD' : c)]).Trim()), fence);
        }
    }

    [Theory]
    [InlineData("https://example.org/a b", "https://example.org/a%20b")]
    [InlineData("javascript:alert(1)", "about:invalid#rse-blocked")]
    [InlineData("file:///etc/passwd", "about:invalid#rse-blocked")]
    [InlineData("x) ![i](http://127.0.0.1:8765/y", "x%29%20!%5Bi%5D%28http://127.0.0.1:8765/y")]
    public void Escape_InALinkDestination_IsEncodedAndSchemeChecked(string value, string expected)
    {
        var body = Render("See [the annex](", value, ").\n");
        body.QuerySelectorAll("img").ShouldBeEmpty();
        body.QuerySelectorAll("a").ShouldHaveSingleItem().GetAttribute("href").ShouldBe(expected);
    }

    [Fact]
    public void Feed_AfterCodeFencesAndTables_ComesBackToText()
    {
        var context = new MarkdownOutputContext();
        const string Doc = "# T\n\n```json\n{ \"a\": \"`\" }\n```\n\n| a | `b|c` |\n|---|---|\n\nSee [x](y) and `code` and ``a ` b``.\n\n";
        context.Feed(Doc, 0, Doc.Length);
        context.AcceptsMarkup(out _).ShouldBeTrue();
        context.Escape("*x*", out _).ShouldBe("\\*x\\*");
    }

    /// <summary>A text as the escaper keeps it in a line: line breaks and tabs as spaces, control characters as U+FFFD.</summary>
    private static string OneLine(string value) =>
        new([.. value.Select(c => c is '\r' or '\n' or '\t' ? ' ' : c < ' ' || c == '\u007F' ? '\uFFFD' : c)]);

    private static IElement Render(string before, string value, string after)
    {
        var context = new MarkdownOutputContext();
        context.Feed(before, 0, before.Length);
        var escaped = context.Escape(value, out var refusal);
        refusal.ShouldBeNull();
        var html = Markdown.ToHtml(before + escaped + after, Pipeline);
        return new HtmlParser().ParseDocument("<!DOCTYPE html><html><head><title>t</title></head><body>" + html + "</body></html>").Body!;
    }
}
