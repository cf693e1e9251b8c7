using System.Globalization;
using System.Text;

namespace RseRules.Reporting.Charts;

/// <summary>
/// Writes SVG markup element by element: attributes in the order they are given, every number in the invariant
/// culture rounded to 2 decimals, every text XML-escaped. No element gets an id, so several charts can share a page.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _builder = new();
    private readonly Stack<string> _open = new();
    private bool _inStartTag;

    /// <summary>Writes the outer <c>svg</c> start tag with its accessibility attributes, then the <c>title</c>.</summary>
    public static SvgWriter Begin(string chartClass, string title, double width, double height)
    {
        var writer = new SvgWriter();
        writer.Start("svg")
            .Attr("xmlns", "http://www.w3.org/2000/svg")
            .Attr("viewBox", $"0 0 {Num(width)} {Num(height)}")
            .Attr("width", "100%")
            .Attr("role", "img")
            .Attr("aria-label", title)
            .Attr("class", "chart " + chartClass)
            .Attr("font-family", ChartStyle.FontFamily)
            .Attr("font-size", ChartStyle.FontSize)
            .Attr("fill", ChartStyle.Ink);
        writer.Start("title").Text(title).End();
        return writer;
    }

    /// <summary>Opens an element; attributes follow with <see cref="Attr(string, string)"/>.</summary>
    public SvgWriter Start(string name)
    {
        CloseStartTag();
        if (_open.Count > 0 && !_open.Peek().Equals("text", StringComparison.Ordinal))
        {
            _builder.Append('\n');
        }

        _builder.Append('<').Append(name);
        _open.Push(name);
        _inStartTag = true;
        return this;
    }

    /// <summary>Adds an attribute with an escaped text value.</summary>
    public SvgWriter Attr(string name, string value)
    {
        _builder.Append(' ').Append(name).Append("=\"").Append(Escape(value, attribute: true)).Append('"');
        return this;
    }

    /// <summary>Adds an attribute with a number (invariant culture, 2 decimals at most).</summary>
    public SvgWriter Attr(string name, double value) => Attr(name, Num(value));

    /// <summary>Adds an attribute with an integer.</summary>
    public SvgWriter Attr(string name, int value) => Attr(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes escaped text content inside the current element.</summary>
    public SvgWriter Text(string content)
    {
        CloseStartTag();
        _builder.Append(Escape(content, attribute: false));
        return this;
    }

    /// <summary>Closes the innermost open element (self-closing when it has no content).</summary>
    public SvgWriter End()
    {
        var name = _open.Pop();
        if (_inStartTag)
        {
            _builder.Append("/>");
            _inStartTag = false;
        }
        else
        {
            _builder.Append("</").Append(name).Append('>');
        }

        return this;
    }

    /// <summary>Closes every open element, the <c>svg</c> last, and returns the markup.</summary>
    public string Finish()
    {
        while (_open.Count > 0)
        {
            End();
        }

        return _builder.ToString();
    }

    /// <summary>A number as written into the SVG: rounded half away from zero to 2 decimals, invariant, never "-0".</summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value))
        {
            return "0";
        }

        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes <c>&amp; &lt; &gt; "</c>, and replaces characters XML 1.0 forbids with U+FFFD.</summary>
    public static string Escape(string text, bool attribute)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\t' or '\n' or '\r':
                    if (attribute)
                    {
                        builder.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Writes a text element, one <c>tspan</c> per line, the first line's baseline at <paramref name="y"/>; a halo is a
    /// white outline painted under the glyphs so that the text reads over lines and fills.
    /// </summary>
    public SvgWriter TextLines(string cssClass, IReadOnlyList<string> lines, double x, double y, string anchor, double lineHeight, string? fill = null, bool bold = false, double? fontSize = null, bool halo = false)
    {
        Start("text").Attr("class", cssClass).Attr("x", x).Attr("y", y);
        if (anchor != "start")
        {
            Attr("text-anchor", anchor);
        }

        if (fill is not null)
        {
            Attr("fill", fill);
        }

        if (bold)
        {
            Attr("font-weight", "bold");
        }

        if (fontSize is { } size)
        {
            Attr("font-size", size);
        }

        if (halo)
        {
            Attr("stroke", ChartStyle.Paper).Attr("stroke-width", 3).Attr("stroke-linejoin", "round").Attr("paint-order", "stroke");
        }

        if (lines.Count == 1)
        {
            Text(lines[0]);
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                Start("tspan").Attr("x", x);
                if (i > 0)
                {
                    Attr("dy", lineHeight);
                }

                Text(lines[i]).End();
            }
        }

        return End();
    }

    private void CloseStartTag()
    {
        if (_inStartTag)
        {
            _builder.Append('>');
            _inStartTag = false;
        }
    }
}
