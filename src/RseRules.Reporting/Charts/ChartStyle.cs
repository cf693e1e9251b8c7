using System.Globalization;

namespace RseRules.Reporting.Charts;

/// <summary>
/// The sober palette and type of every chart: dark blue and grey tones whose lightness differs enough to read in
/// black and white, and a sans-serif font stack that print engines and browsers all resolve.
/// </summary>
internal static class ChartStyle
{
    /// <summary>The font stack, the first available being used.</summary>
    public const string FontFamily = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

    /// <summary>The base font size, in viewBox units.</summary>
    public const double FontSize = 12;

    /// <summary>The small font size of ticks, legends and values.</summary>
    public const double SmallFontSize = 11;

    /// <summary>The width of every chart's viewBox.</summary>
    public const double Width = 640;

    /// <summary>Main text.</summary>
    public const string Ink = "#1F2933";

    /// <summary>Secondary text: ticks, axis titles.</summary>
    public const string MutedInk = "#52606D";

    /// <summary>Gridlines and ring lines.</summary>
    public const string Grid = "#D9DEE4";

    /// <summary>Axis lines and the zero line.</summary>
    public const string Axis = "#7B8794";

    /// <summary>The main data tone (bars, areas).</summary>
    public const string Primary = "#2E4A6B";

    /// <summary>The darkest data tone (strokes, points).</summary>
    public const string PrimaryDark = "#1F3A5F";

    /// <summary>The background of a bar's full length.</summary>
    public const string Track = "#ECEFF3";

    /// <summary>White, for text on dark fills and halos.</summary>
    public const string Paper = "#FFFFFF";

    /// <summary>The lightest tone of a ramp.</summary>
    public const string RampLight = "#F1F4F8";

    /// <summary>The darkest tone of a ramp.</summary>
    public const string RampDark = "#1F3A5F";

    /// <summary>Line colours, told apart in black and white by lightness and by <see cref="PointShapes"/>.</summary>
    public static readonly IReadOnlyList<string> SeriesColors = ["#1F3A5F", "#7B8794", "#4C6A92", "#3E4C59", "#A3AEBA"];

    /// <summary>The point shape of each series, by index modulo the count.</summary>
    public static readonly IReadOnlyList<string> PointShapes = ["circle", "square", "triangle", "diamond"];

    /// <summary>The dash pattern of a dashed line.</summary>
    public const string DashPattern = "7 4";

    /// <summary>The dash pattern of a dotted line.</summary>
    public const string DotPattern = "2 3";

    /// <summary>The colour at <paramref name="t"/> (0 = lightest, 1 = darkest) of the light-to-dark ramp.</summary>
    public static string Ramp(double t)
    {
        t = Math.Clamp(double.IsFinite(t) ? t : 0, 0, 1);
        var (r1, g1, b1) = Rgb(RampLight);
        var (r2, g2, b2) = Rgb(RampDark);
        var r = (int)Math.Round(r1 + ((r2 - r1) * t), MidpointRounding.AwayFromZero);
        var g = (int)Math.Round(g1 + ((g2 - g1) * t), MidpointRounding.AwayFromZero);
        var b = (int)Math.Round(b1 + ((b2 - b1) * t), MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:X2}{g:X2}{b:X2}");
    }

    /// <summary>Whether text on <paramref name="color"/> (<c>#RRGGBB</c>) must be white to read (relative luminance below ~0.3).</summary>
    public static bool IsDark(string color)
    {
        var (r, g, b) = Rgb(color);
        var luminance = (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));
        return luminance < 0.3;
    }

    private static double Linear(int channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static (int R, int G, int B) Rgb(string color) => (
        int.Parse(color.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(color.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(color.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
