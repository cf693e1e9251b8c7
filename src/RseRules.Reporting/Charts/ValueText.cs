using System.Globalization;

namespace RseRules.Reporting.Charts;

/// <summary>
/// The only numbers a chart formats itself besides axis ticks: heat-map cells and threshold labels, as an integer
/// when the value rounds to a whole number at one decimal, else with one decimal, in the invariant culture.
/// </summary>
internal static class ValueText
{
    /// <summary>The text of <paramref name="value"/>; an en dash for a value that is not finite.</summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            return "–";
        }

        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            return "0";
        }

        return rounded == Math.Round(rounded)
            ? rounded.ToString("0", CultureInfo.InvariantCulture)
            : rounded.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
