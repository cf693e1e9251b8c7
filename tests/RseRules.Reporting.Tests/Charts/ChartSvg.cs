using System.Globalization;
using System.Xml.Linq;

namespace RseRules.Reporting.Tests.Charts;

/// <summary>Reads a chart's SVG back: parsing, elements by class, numeric attributes.</summary>
internal static class ChartSvg
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses <paramref name="svg"/> as XML (throws when it is not well formed) and returns its root.</summary>
    public static XElement Parse(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        root.Name.ShouldBe(Svg + "svg");
        return root;
    }

    /// <summary>The elements whose class attribute has the token <paramref name="cssClass"/>, in document order.</summary>
    public static List<XElement> ByClass(this XElement root, string cssClass) =>
        [.. root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass, StringComparer.Ordinal) == true)];

    /// <summary>A numeric attribute, parsed in the invariant culture.</summary>
    public static double Num(this XElement element, string attribute) =>
        double.Parse((string?)element.Attribute(attribute) ?? throw new InvalidOperationException($"No attribute '{attribute}' on {element.Name.LocalName}."), CultureInfo.InvariantCulture);

    /// <summary>The text content of every text element, joined by newlines.</summary>
    public static string AllText(this XElement root) =>
        string.Join('\n', root.Descendants(Svg + "text").Select(t => t.Value));

    /// <summary>A culture whose numbers look French (comma decimals, narrow no-break space groups, minus sign U+2212).</summary>
    public static CultureInfo FrenchNumbers()
    {
        try
        {
            var french = new CultureInfo("fr-FR");
            if (french.NumberFormat.NumberDecimalSeparator == ",")
            {
                return french;
            }
        }
        catch (CultureNotFoundException)
        {
            // Globalization-invariant mode has no culture data: build the French number format by hand.
        }

        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u202F";
        culture.NumberFormat.NegativeSign = "\u2212";
        return culture;
    }
}
