using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RseRules.Reporting.Escaping;
using RseRules.Tests.Shared;

namespace RseRules.Reporting.Tests.Escaping;

/// <summary>
/// Each hostile text printed at each place of an HTML page, then the page parsed by a real HTML5 parser (AngleSharp):
/// the text comes back exactly as data (the text of the element, the value of the attribute, the CSS string) and the
/// page holds no element or attribute the template did not write.
/// </summary>
public sealed class HtmlOutputContextTests
{
    public static TheoryData<string> Texts() => [.. HostileText.All];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InText_ComesBackAsTheElementsText(string value)
    {
        var document = Parse("<!DOCTYPE html><html><head><title>t</title></head><body><p>", value, "</p></body></html>");
        var p = document.Body!.Children.ShouldHaveSingleItem();
        p.LocalName.ShouldBe("p");
        p.Children.ShouldBeEmpty();
        p.TextContent.ShouldBe(AsParsed(value));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InAttributeValues_ComesBackAsTheValueWithNoOtherAttribute(string value)
    {
        foreach (var (before, after) in new[] { ("<p title=\"", "\">x</p>"), ("<p title='", "'>x</p>"), ("<p title=", ">x</p>"), ("<p title = ", " >x</p>") })
        {
            var document = Parse("<!DOCTYPE html><html><head><title>t</title></head><body>" + before, value, after + "</body></html>");
            var p = document.Body!.Children.ShouldHaveSingleItem(before);
            p.Attributes.Length.ShouldBe(1, before);
            // An unquoted value carries its line breaks as character references, which the parser keeps as they are.
            AsParsed(p.GetAttribute("title")!).ShouldBe(AsParsed(value), before);
            p.TextContent.ShouldBe("x");
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InTitleAndTextarea_ComesBackAsTheirText(string value)
    {
        var document = Parse("<!DOCTYPE html><html><head><title>", value, "</title></head><body><p>x</p></body></html>");
        document.Head!.Children.ShouldHaveSingleItem().TextContent.ShouldBe(AsParsed(value));
        document.Body!.Children.ShouldHaveSingleItem().TextContent.ShouldBe("x");

        document = Parse("<!DOCTYPE html><html><head><title>t</title></head><body><textarea>", value, "</textarea><p>x</p></body></html>");
        document.Body!.Children.Length.ShouldBe(2);
        // A textarea drops one leading newline, as HTML says.
        document.Body.Children[0].TextContent.ShouldBe(AsParsed(value).StartsWith('\n') ? AsParsed(value)[1..] : AsParsed(value));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InCssStrings_ComesBackAsTheStringInsideTheStyleElementAndAttribute(string value)
    {
        foreach (var quote in new[] { '"', '\'' })
        {
            var document = Parse($"<!DOCTYPE html><html><head><title>t</title><style>@page {{ @top-left {{ content: {quote}", value, $"{quote}; }} }} p {{ color: #333 }}</style></head><body><p>x</p></body></html>");
            var style = document.Head!.QuerySelectorAll("style").ShouldHaveSingleItem();
            document.Body!.Children.ShouldHaveSingleItem().TextContent.ShouldBe("x");
            CssString(style.TextContent, style.TextContent.IndexOf(quote, StringComparison.Ordinal)).ShouldBe(AsCss(value));
            style.TextContent.ShouldEndWith("p { color: #333 }");

            var attributeQuote = quote == '"' ? '\'' : '"';
            document = Parse($"<!DOCTYPE html><html><head><title>t</title></head><body><p style={attributeQuote}font-family: {quote}", value, $"{quote}; color: red{attributeQuote}>x</p></body></html>");
            var p = document.Body!.Children.ShouldHaveSingleItem();
            p.Attributes.Length.ShouldBe(1);
            var css = p.GetAttribute("style")!;
            CssString(css, css.IndexOf(quote, StringComparison.Ordinal)).ShouldBe(AsCss(value));
            css.ShouldEndWith("; color: red");
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Escape_InACommentOrSvgText_StaysInside(string value)
    {
        var document = Parse("<!DOCTYPE html><html><head><title>t</title></head><body><!-- note: ", value, " --><p>x</p></body></html>");
        document.Body!.Children.ShouldHaveSingleItem().TextContent.ShouldBe("x");
        document.Body.ChildNodes.Count(n => n.NodeType == NodeType.Comment).ShouldBe(1);

        document = Parse("<!DOCTYPE html><html><head><title>t</title></head><body><svg><text>", value, "</text></svg><p>x</p></body></html>");
        document.Body!.Children.Select(c => c.LocalName).ShouldBe(["svg", "p"]);
        document.Body.Children[0].Children.ShouldHaveSingleItem().TextContent.ShouldBe(AsParsed(value));
    }

    [Theory]
    [InlineData("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2")]
    [InlineData("mailto:dpo@example.org", "mailto:dpo@example.org")]
    [InlineData("#financial", "#financial")]
    [InlineData("notes/annexe.html", "notes/annexe.html")]
    [InlineData("javascript:alert(1)", "about:invalid#rse-blocked")]
    [InlineData(" JavaScript:alert(1)", "about:invalid#rse-blocked")]
    [InlineData("file:///etc/passwd", "about:invalid#rse-blocked")]
    [InlineData("data:text/html,<script>alert(1)</script>", "about:invalid#rse-blocked")]
    [InlineData("vbscript:x", "about:invalid#rse-blocked")]
    public void Escape_AtTheStartOfAUrlAttribute_KeepsWebLinksAndBlocksOtherSchemes(string value, string expected)
    {
        foreach (var attribute in new[] { "href", "src", "xlink:href", "formaction" })
        {
            var document = Parse("<!DOCTYPE html><html><head><title>t</title></head><body><a " + attribute + "=\"", value, "\">x</a></body></html>");
            document.Body!.Children.ShouldHaveSingleItem().GetAttribute(attribute).ShouldBe(expected, attribute);
        }
    }

    [Theory]
    [InlineData("<script>var x = \"")]
    [InlineData("<script type=\"module\">")]
    [InlineData("<svg><script>")]
    [InlineData("<p onclick=\"")]
    [InlineData("<p ONMOUSEOVER='")]
    [InlineData("<iframe srcdoc=\"")]
    [InlineData("<p ")]
    [InlineData("<p class=\"a\" ")]
    [InlineData("<")]
    [InlineData("</")]
    [InlineData("<!DOCTYPE ")]
    [InlineData("<svg><![CDATA[")]
    [InlineData("<p style=\"color: ")]
    [InlineData("<style>p { color: ")]
    public void Escape_WhereNoTextBelongs_IsRefusedWithAReason(string before)
    {
        var context = new HtmlOutputContext();
        context.Feed(before, 0, before.Length);
        context.Escape("x\" onload=\"alert(1)", out var refusal).ShouldBeNull();
        refusal.ShouldNotBeNullOrWhiteSpace();
        context.AcceptsMarkup(out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("<p style=\"color: ", "#1f3a5f")]
    [InlineData("<style>p { margin: ", "12pt 4%")]
    [InlineData("<style>p { font-weight: ", "bold")]
    public void Escape_PlainCssTokenOutsideAString_IsAccepted(string before, string value)
    {
        var context = new HtmlOutputContext();
        context.Feed(before, 0, before.Length);
        context.Escape(value, out var refusal).ShouldBe(value);
        refusal.ShouldBeNull();
    }

    [Fact]
    public void Feed_AfterElementsCommentsAndRawText_ComesBackToText()
    {
        var context = new HtmlOutputContext();
        const string Page = "<!DOCTYPE html><html lang=\"fr\"><head><style>a::after { content: \"</p>\" } /* <p> */</style>"
            + "<script>if (a < b) { x = \"</scr\" + \"ipt>\" }</script><title>a < b</title></head><body>"
            + "<!-- a <b> -- c --><!----><!---><p title='a>b' data-x=y>t</p><svg><text x=\"1\">y</text></svg><textarea></p></textarea>";
        context.Feed(Page, 0, Page.Length);
        context.AcceptsMarkup(out _).ShouldBeTrue();
        context.Escape("<b>", out _).ShouldBe("&lt;b&gt;");
    }

    /// <summary>What a parser gives back for a text: CR LF and CR as LF, other control characters as U+FFFD.</summary>
    private static string AsParsed(string value)
    {
        var sb = new StringBuilder();
        var text = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var c in text)
        {
            sb.Append(c < ' ' && c is not ('\t' or '\n') || c == '\u007F' ? '\uFFFD' : c);
        }

        return sb.ToString();
    }

    /// <summary>What a CSS string holds for a text: every control character (line breaks included) as U+FFFD.</summary>
    private static string AsCss(string value) =>
        new([.. value.Select(c => c < ' ' || c == '\u007F' ? '\uFFFD' : c)]);

    /// <summary>The value of the CSS string that opens at <paramref name="open"/>, escapes decoded (CSS Syntax §4.3.5, §4.3.7).</summary>
    private static string CssString(string css, int open)
    {
        var quote = css[open];
        var sb = new StringBuilder();
        for (var i = open + 1; i < css.Length; i++)
        {
            var c = css[i];
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c == '\n')
            {
                throw new ShouldAssertException("a newline ends the CSS string early");
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var hex = 0;
            while (hex < 6 && i + 1 + hex < css.Length && Uri.IsHexDigit(css[i + 1 + hex]))
            {
                hex++;
            }

            if (hex == 0)
            {
                sb.Append(css[++i]);
                continue;
            }

            sb.Append(char.ConvertFromUtf32(int.Parse(css.AsSpan(i + 1, hex), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            i += hex;
            if (i + 1 < css.Length && css[i + 1] == ' ')
            {
                i++;
            }
        }

        throw new ShouldAssertException("the CSS string is not closed");
    }

    /// <summary>Writes the template text, the value escaped where it falls, and the rest; parses the page.</summary>
    private static IDocument Parse(string before, string value, string after)
    {
        var context = new HtmlOutputContext();
        context.Feed(before, 0, before.Length);
        var escaped = context.Escape(value, out var refusal);
        refusal.ShouldBeNull();
        return new HtmlParser().ParseDocument(before + escaped + after);
    }
}
