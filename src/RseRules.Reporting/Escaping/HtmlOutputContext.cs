using System.Globalization;
using System.Text;

namespace RseRules.Reporting.Escaping;

/// <summary>
/// Follows an HTML document as it is written, with the states of the HTML tokenizer that matter for escaping (text,
/// tags, the three kinds of attribute value, comments, raw-text and escapable raw-text elements, CSS strings and
/// comments inside <c>&lt;style&gt;</c> and <c>style=""</c>), and escapes each value for where it falls:
/// <list type="bullet">
/// <item>text and attribute values: the five HTML metacharacters as entities (and, unquoted, every separator);</item>
/// <item>CSS: inside a string or a comment, CSS escapes (<c>\22 </c>); elsewhere only a plain token (number, colour,
/// keyword) is accepted;</item>
/// <item>URL attributes (<c>href</c>, <c>src</c>…): a scheme other than http, https and mailto is replaced by
/// <c>about:invalid#rse-blocked</c>;</item>
/// <item>never inside a script, an event handler (<c>on…=</c>), <c>srcdoc</c>, a tag or attribute name, a doctype or
/// a CDATA section: refused.</item>
/// </list>
/// </summary>
internal sealed class HtmlOutputContext : IOutputContext
{
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.Ordinal)
    {
        "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "codebase", "longdesc", "manifest",
        "usemap", "profile", "icon", "lowsrc", "dynsrc", "ping", "srcset", "imagesrcset", "archive", "classid", "itemtype", "xml:base",
    };

    private static readonly System.Buffers.SearchValues<char> SchemeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    private State state = State.Data;
    private RawKind raw;
    private string rawEnd = string.Empty;
    private int rawMatched;
    private readonly StringBuilder name = new();
    private bool endTag;
    private readonly StringBuilder attribute = new();
    private AttributeKind attributeKind;
    private bool attributeValueStarted;
    private readonly StringBuilder declaration = new();
    private CommentPart comment;
    private int brackets;
    private int foreignDepth;
    private Css css;
    private bool cssBackslash;
    private char cssPrevious;

    private enum State
    {
        Data, TagOpen, EndTagOpen, TagName, BeforeAttributeName, AttributeName, AfterAttributeName, BeforeAttributeValue,
        AttributeValueDouble, AttributeValueSingle, AttributeValueUnquoted, AfterAttributeValueQuoted, SelfClosing,
        MarkupDeclaration, Comment, BogusComment, Doctype, Cdata, RawText,
    }

    private enum RawKind { None, Style, Script, Escapable, Raw, Plaintext }

    private enum AttributeKind { Plain, Style, Url, Script, Document }

    private enum Css { Normal, DoubleString, SingleString, Comment }

    private enum CommentPart { Start, StartDash, Text, EndDash, End, EndBang }

    public void Feed(string text, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            Step(text[i]);
        }
    }

    public IOutputContext Clone()
    {
        var fresh = new HtmlOutputContext
        {
            state = state, raw = raw, rawEnd = rawEnd, rawMatched = rawMatched, endTag = endTag, attributeKind = attributeKind,
            attributeValueStarted = attributeValueStarted, comment = comment, brackets = brackets, foreignDepth = foreignDepth, css = css,
            cssBackslash = cssBackslash, cssPrevious = cssPrevious,
        };
        fresh.name.Append(name);
        fresh.attribute.Append(attribute);
        fresh.declaration.Append(declaration);
        return fresh;
    }

    public bool SameState(IOutputContext other) =>
        other is HtmlOutputContext o && o.state == state && o.raw == raw && o.attributeKind == attributeKind && o.css == css && o.foreignDepth > 0 == foreignDepth > 0;

    public bool AcceptsMarkup(out string? refusal)
    {
        refusal = state == State.Data && raw == RawKind.None
            ? null
            : "Markup the engine produced (a chart) can only be placed in the text of the page, not inside a tag, an attribute, a comment, a <style> or a <script>.";
        return refusal is null;
    }

    public string? Escape(string value, out string? refusal)
    {
        refusal = null;
        switch (state)
        {
            case State.Data:
                return raw switch
                {
                    RawKind.None or RawKind.Escapable or RawKind.Raw or RawKind.Plaintext => HtmlText(value),
                    RawKind.Style => CssValue(value, ref refusal),
                    _ => Refuse(out refusal, "A value cannot be printed inside a <script>: templates print data as text only."),
                };
            case State.RawText:
                return raw == RawKind.Style ? CssValue(value, ref refusal) : raw == RawKind.Script
                    ? Refuse(out refusal, "A value cannot be printed inside a <script>: templates print data as text only.")
                    : HtmlText(value);
            case State.AttributeValueDouble:
            case State.AttributeValueSingle:
            case State.AttributeValueUnquoted:
            case State.BeforeAttributeValue:
                var unquoted = state is State.AttributeValueUnquoted or State.BeforeAttributeValue;
                string? escaped = attributeKind switch
                {
                    AttributeKind.Script => Refuse(out refusal, $"A value cannot be printed inside the event handler '{attribute}': templates print data as text only."),
                    AttributeKind.Document => Refuse(out refusal, $"A value cannot be printed inside '{attribute}', whose value is a whole document."),
                    AttributeKind.Style => CssValue(value, ref refusal),
                    AttributeKind.Url => attributeValueStarted ? value : SafeUrl(value),
                    _ => value,
                };
                return escaped is null ? null : unquoted ? UnquotedAttribute(escaped) : HtmlText(escaped);
            case State.Comment:
                return HtmlText(value).Replace("-", "&#45;", StringComparison.Ordinal).Replace("!", "&#33;", StringComparison.Ordinal);
            case State.Cdata:
                return Refuse(out refusal, "A value cannot be printed inside a CDATA section.");
            case State.Doctype:
            case State.MarkupDeclaration:
            case State.BogusComment:
                return Refuse(out refusal, "A value cannot be printed inside a <!DOCTYPE> or a <!…> declaration.");
            default:
                return Refuse(out refusal,
                    $"A value cannot be printed inside the tag <{(endTag ? "/" : string.Empty)}{name}…> outside an attribute value: print it as text or inside quotes (name=\"{{{{ … }}}}\").");
        }
    }

    private static string? Refuse(out string? refusal, string why)
    {
        refusal = why;
        return null;
    }

    /// <summary>Text and quoted attribute values: the HTML metacharacters as entities; control characters (which HTML
    /// forbids) as U+FFFD.</summary>
    internal static string HtmlText(string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                case < ' ' or '\u007F': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>An unquoted attribute value: everything but letters, digits and <c>-_.:,/</c> as a numeric entity, so the
    /// value can neither end the attribute nor the tag.</summary>
    private static string UnquotedAttribute(string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or ',' or '/' || c > '\u007F')
            {
                sb.Append(c);
            }
            else if (c < ' ' && c is not ('\t' or '\n' or '\r'))
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append("&#").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            }
        }

        return sb.ToString();
    }

    /// <summary>A value where CSS is expected: escaped inside a string or a comment; elsewhere, only a plain token.</summary>
    private string? CssValue(string value, ref string? refusal)
    {
        if (css is Css.DoubleString or Css.SingleString or Css.Comment)
        {
            return CssEscape(value);
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '#' or '.' or ',' or '%' or '+' or '-'))
            {
                refusal = $"A value printed in CSS outside a string must be a number, a colour or a keyword; '{Shorten(value)}' is not. Print text inside a CSS string (\"{{{{ … }}}}\").";
                return null;
            }
        }

        return value;
    }

    /// <summary>CSS escapes (<c>"</c> is <c>\22 </c>) for what could end a CSS string or comment, the attribute or the
    /// <c>&lt;style&gt;</c> element around it, or start an entity: quotes, backslash, <c>&lt; &gt; &amp; * /</c>, line
    /// breaks and other control characters.</summary>
    internal static string CssEscape(string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (c is '"' or '\'' or '\\' or '<' or '>' or '&' or '*' or '/' or '\u2028' or '\u2029')
            {
                sb.Append('\\').Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(' ');
            }
            else if (c < ' ' || c == '\u007F')
            {
                sb.Append("\\FFFD ");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>A URL at the start of a URL attribute: relative, a fragment, or http, https or mailto; anything else
    /// (<c>javascript:</c>, <c>file:</c>, <c>data:</c>…) becomes a link to nowhere.</summary>
    internal static string SafeUrl(string value)
    {
        // As a browser reads it: tabs and line breaks removed anywhere, spaces and control characters trimmed.
        var url = new string([.. value.Where(c => c is not ('\t' or '\n' or '\r'))]).Trim(Array.ConvertAll(Enumerable.Range(0, 33).ToArray(), i => (char)i));
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(url[0]) || url.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters))
        {
            return value; // no scheme: a relative reference
        }

        var scheme = url[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase)
            ? value
            : "about:invalid#rse-blocked";
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private void Step(char c)
    {
        switch (state)
        {
            case State.Data:
                if (raw == RawKind.None && c == '<')
                {
                    state = State.TagOpen;
                }
                else if (raw == RawKind.Style)
                {
                    StepCss(c); // CSS in an SVG <style> (foreign content) is tokenized as text
                    if (c == '<')
                    {
                        state = State.TagOpen;
                    }
                }
                else if (raw == RawKind.Script && c == '<')
                {
                    state = State.TagOpen;
                }

                break;
            case State.TagOpen:
                if (char.IsAsciiLetter(c))
                {
                    BeginTag(end: false, c);
                }
                else if (c == '/')
                {
                    state = State.EndTagOpen;
                }
                else if (c == '!')
                {
                    state = State.MarkupDeclaration;
                    declaration.Clear();
                }
                else if (c == '?')
                {
                    state = State.BogusComment;
                }
                else
                {
                    state = State.Data;
                    Step(c);
                }

                break;
            case State.EndTagOpen:
                if (char.IsAsciiLetter(c))
                {
                    BeginTag(end: true, c);
                }
                else
                {
                    state = c == '>' ? State.Data : State.BogusComment;
                }

                break;
            case State.TagName:
                if (IsSpace(c))
                {
                    state = State.BeforeAttributeName;
                }
                else if (c == '/')
                {
                    state = State.SelfClosing;
                }
                else if (c == '>')
                {
                    EmitTag(selfClosing: false);
                }
                else
                {
                    name.Append(char.ToLowerInvariant(c));
                }

                break;
            case State.BeforeAttributeName:
                if (c == '/')
                {
                    state = State.SelfClosing;
                }
                else if (c == '>')
                {
                    EmitTag(selfClosing: false);
                }
                else if (!IsSpace(c))
                {
                    BeginAttribute(c);
                }

                break;
            case State.AttributeName:
                if (IsSpace(c))
                {
                    state = State.AfterAttributeName;
                }
                else if (c == '/')
                {
                    state = State.SelfClosing;
                }
                else if (c == '=')
                {
                    state = State.BeforeAttributeValue;
                    StartAttributeValue();
                }
                else if (c == '>')
                {
                    EmitTag(selfClosing: false);
                }
                else
                {
                    attribute.Append(char.ToLowerInvariant(c));
                }

                break;
            case State.AfterAttributeName:
                if (c == '/')
                {
                    state = State.SelfClosing;
                }
                else if (c == '=')
                {
                    state = State.BeforeAttributeValue;
                    StartAttributeValue();
                }
                else if (c == '>')
                {
                    EmitTag(selfClosing: false);
                }
                else if (!IsSpace(c))
                {
                    BeginAttribute(c);
                }

                break;
            case State.BeforeAttributeValue:
                if (c == '"')
                {
                    state = State.AttributeValueDouble;
                }
                else if (c == '\'')
                {
                    state = State.AttributeValueSingle;
                }
                else if (c == '>')
                {
                    EmitTag(selfClosing: false);
                }
                else if (!IsSpace(c))
                {
                    state = State.AttributeValueUnquoted;
                    Step(c);
                }

                break;
            case State.AttributeValueDouble:
                if (c == '"')
                {
                    state = State.AfterAttributeValueQuoted;
                }
                else
                {
                    AttributeValueChar(c);
                }

                break;
            case State.AttributeValueSingle:
                if (c == '\'')
                {
                    state = State.AfterAttributeValueQuoted;
                }
                else
                {
                    AttributeValueChar(c);
                }

                break;
            case State.AttributeValueUnquoted:
                if (IsSpace(c))
                {
                    state = State.BeforeAttributeName;
                }
                else if (c == '>')
                {
                    EmitTag(selfClosing: false);
                }
                else
                {
                    AttributeValueChar(c);
                }

                break;
            case State.AfterAttributeValueQuoted:
                if (IsSpace(c))
                {
                    state = State.BeforeAttributeName;
                }
                else if (c == '/')
                {
                    state = State.SelfClosing;
                }
                else if (c == '>')
                {
                    EmitTag(selfClosing: false);
                }
                else
                {
                    state = State.BeforeAttributeName;
                    Step(c);
                }

                break;
            case State.SelfClosing:
                if (c == '>')
                {
                    EmitTag(selfClosing: true);
                }
                else
                {
                    state = State.BeforeAttributeName;
                    Step(c);
                }

                break;
            case State.MarkupDeclaration:
                declaration.Append(c);
                var d = declaration.ToString();
                if (d == "--")
                {
                    state = State.Comment;
                    comment = CommentPart.Start;
                }
                else if (d.Equals("DOCTYPE", StringComparison.OrdinalIgnoreCase))
                {
                    state = State.Doctype;
                }
                else if (d == "[CDATA[" && foreignDepth > 0)
                {
                    state = State.Cdata;
                    brackets = 0;
                }
                else if (!("--".StartsWith(d, StringComparison.Ordinal) || "DOCTYPE".StartsWith(d, StringComparison.OrdinalIgnoreCase)
                    || (foreignDepth > 0 && "[CDATA[".StartsWith(d, StringComparison.Ordinal))))
                {
                    state = c == '>' ? State.Data : State.BogusComment;
                }

                break;
            case State.Comment:
                StepComment(c);
                break;
            case State.BogusComment:
            case State.Doctype:
                if (c == '>')
                {
                    state = State.Data;
                }

                break;
            case State.Cdata:
                if (c == ']')
                {
                    brackets++;
                }
                else
                {
                    if (c == '>' && brackets >= 2)
                    {
                        state = State.Data;
                    }

                    brackets = 0;
                }

                break;
            case State.RawText:
                StepRawText(c);
                break;
            default:
                break;
        }
    }

    /// <summary>The comment states of the HTML tokenizer: <c>--&gt;</c> ends a comment, and so do <c>--!&gt;</c> and the
    /// abrupt <c>&lt;!--&gt;</c> and <c>&lt;!---&gt;</c>.</summary>
    private void StepComment(char c)
    {
        comment = (comment, c) switch
        {
            (CommentPart.Start, '-') => CommentPart.StartDash,
            (CommentPart.StartDash, '-') => CommentPart.End,
            (CommentPart.Text, '-') => CommentPart.EndDash,
            (CommentPart.EndDash, '-') => CommentPart.End,
            (CommentPart.End, '-') => CommentPart.End,
            (CommentPart.End, '!') => CommentPart.EndBang,
            (CommentPart.EndBang, '-') => CommentPart.EndDash,
            (CommentPart.Start or CommentPart.StartDash or CommentPart.End or CommentPart.EndBang, '>') => CommentPart.Start,
            _ => CommentPart.Text,
        };
        if (c == '>' && comment == CommentPart.Start)
        {
            state = State.Data;
        }
    }

    private void BeginTag(bool end, char first)
    {
        endTag = end;
        name.Clear().Append(char.ToLowerInvariant(first));
        state = State.TagName;
    }

    private void BeginAttribute(char first)
    {
        attribute.Clear().Append(char.ToLowerInvariant(first));
        state = State.AttributeName;
    }

    private void StartAttributeValue()
    {
        var n = attribute.ToString();
        attributeKind = n.StartsWith("on", StringComparison.Ordinal) ? AttributeKind.Script
            : n == "style" ? AttributeKind.Style
            : n == "srcdoc" ? AttributeKind.Document
            : UrlAttributes.Contains(n) ? AttributeKind.Url
            : AttributeKind.Plain;
        attributeValueStarted = false;
        css = Css.Normal;
        cssBackslash = false;
        cssPrevious = '\0';
    }

    private void AttributeValueChar(char c)
    {
        if (!IsSpace(c))
        {
            attributeValueStarted = true;
        }

        if (attributeKind == AttributeKind.Style)
        {
            StepCss(c);
        }
    }

    private void EmitTag(bool selfClosing)
    {
        state = State.Data;
        var tag = name.ToString();
        if (endTag)
        {
            if (tag is "svg" or "math" && foreignDepth > 0)
            {
                foreignDepth--;
            }
            else if (raw != RawKind.None && foreignDepth > 0 && tag == rawEnd)
            {
                raw = RawKind.None; // end of an SVG <style> or <script>
            }

            return;
        }

        if (tag is "svg" or "math")
        {
            if (!selfClosing)
            {
                foreignDepth++;
            }

            return;
        }

        var kind = tag switch
        {
            "style" => RawKind.Style,
            "script" => RawKind.Script,
            "title" or "textarea" => RawKind.Escapable,
            "xmp" or "iframe" or "noembed" or "noframes" or "noscript" => RawKind.Raw,
            "plaintext" => RawKind.Plaintext,
            _ => RawKind.None,
        };
        if (foreignDepth > 0)
        {
            // In SVG and MathML the tokenizer stays in the data state, but a <script> still runs and a <style> is still CSS.
            if (kind is RawKind.Style or RawKind.Script && !selfClosing)
            {
                raw = kind;
                rawEnd = tag;
                ResetCss();
            }

            return;
        }

        if (kind == RawKind.None)
        {
            return;
        }

        raw = kind;
        rawEnd = tag;
        rawMatched = 0;
        ResetCss();
        state = State.RawText;
    }

    private void ResetCss()
    {
        css = Css.Normal;
        cssBackslash = false;
        cssPrevious = '\0';
    }

    /// <summary>Inside a raw-text element: looks for its end tag, <c>&lt;/name</c> followed by a space, <c>/</c> or <c>&gt;</c>.</summary>
    private void StepRawText(char c)
    {
        if (raw == RawKind.Plaintext)
        {
            return;
        }

        var end = "</" + rawEnd;
        if (rawMatched == end.Length)
        {
            if (IsSpace(c) || c is '/' or '>')
            {
                raw = RawKind.None;
                rawMatched = 0;
                endTag = true;
                name.Clear().Append(rawEnd);
                state = State.TagName;
                Step(c);
                return;
            }

            rawMatched = 0;
        }

        if (char.ToLowerInvariant(c) == end[rawMatched])
        {
            rawMatched++;
        }
        else
        {
            rawMatched = c == '<' ? 1 : 0;
        }

        if (raw == RawKind.Style)
        {
            StepCss(c);
        }
    }

    private void StepCss(char c)
    {
        if (cssBackslash)
        {
            cssBackslash = false;
            cssPrevious = '\0';
            return;
        }

        switch (css)
        {
            case Css.Normal:
                if (c == '*' && cssPrevious == '/')
                {
                    css = Css.Comment;
                    c = '\0';
                }
                else if (c == '"')
                {
                    css = Css.DoubleString;
                }
                else if (c == '\'')
                {
                    css = Css.SingleString;
                }
                else if (c == '\\')
                {
                    cssBackslash = true;
                }

                break;
            case Css.DoubleString:
            case Css.SingleString:
                if (c == '\\')
                {
                    cssBackslash = true;
                }
                else if ((c == '"' && css == Css.DoubleString) || (c == '\'' && css == Css.SingleString) || c == '\n')
                {
                    css = Css.Normal;
                }

                break;
            case Css.Comment:
                if (c == '/' && cssPrevious == '*')
                {
                    css = Css.Normal;
                    c = '\0';
                }

                break;
            default:
                break;
        }

        cssPrevious = c;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
