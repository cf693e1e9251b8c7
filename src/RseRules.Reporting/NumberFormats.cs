using System.Globalization;

namespace RseRules.Reporting;

/// <summary>
/// Numbers for the reader's culture: French <c>393 175 €</c>, <c>40,2 %</c>; English <c>€393,175</c>, <c>40.2%</c>.
/// French separators are no-break spaces (U+00A0) so that a figure never wraps. Absent figures print as an em dash.
/// </summary>
public sealed class NumberFormats
{
    private const string Nbsp = "\u00A0";
    private readonly bool french;
    private readonly NumberFormatInfo info;

    /// <summary>Formats for <c>fr</c> or <c>en</c>.</summary>
    public NumberFormats(string language)
    {
        french = !string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);
        info = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        info.NumberGroupSeparator = french ? Nbsp : ",";
        info.NumberDecimalSeparator = french ? "," : ".";
        info.NegativeSign = "-";
    }

    /// <summary>What absent figures print as.</summary>
    public static string Missing => "—";

    /// <summary>A money amount in whole euros.</summary>
    public string Money(double? value)
    {
        if (value is null)
        {
            return Missing;
        }

        var rounded = Math.Round(value.Value, 0, MidpointRounding.AwayFromZero);
        var digits = Math.Abs(rounded).ToString("N0", info);
        var sign = rounded < 0 ? "-" : string.Empty;
        return french ? $"{sign}{digits}{Nbsp}€" : $"{sign}€{digits}";
    }

    /// <summary>A money amount per unit (a licence per month, an hourly cost): whole euros when whole, else cents.</summary>
    public string MoneyExact(double? value)
    {
        if (value is null)
        {
            return Missing;
        }

        var v = value.Value;
        var decimals = Math.Abs(v - Math.Round(v)) < 0.005 ? 0 : 2;
        var digits = Math.Abs(Math.Round(v, decimals, MidpointRounding.AwayFromZero)).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), info);
        var sign = Math.Round(v, decimals, MidpointRounding.AwayFromZero) < 0 ? "-" : string.Empty;
        return french ? $"{sign}{digits}{Nbsp}€" : $"{sign}€{digits}";
    }

    /// <summary>A money amount in short form for chart axes: <c>-206 k€</c>, <c>1,2 M€</c> / <c>-€206k</c>, <c>€1.2M</c>.</summary>
    public string MoneyShort(double? value)
    {
        if (value is null)
        {
            return Missing;
        }

        var v = value.Value;
        var (scaled, suffix, decimals) = Math.Abs(v) >= 1e6 ? (v / 1e6, "M", Math.Abs(v) >= 1e7 ? 0 : 1) : Math.Abs(v) >= 1e3 ? (v / 1e3, "k", 0) : (v, string.Empty, 0);
        var digits = Math.Abs(Math.Round(scaled, decimals, MidpointRounding.AwayFromZero)).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), info);
        var sign = Math.Round(scaled, decimals, MidpointRounding.AwayFromZero) < 0 ? "-" : string.Empty;
        return french ? $"{sign}{digits}{Nbsp}{suffix}€" : $"{sign}€{digits}{suffix}";
    }

    /// <summary>A date written out: <c>6 décembre 2026</c> / <c>6 December 2026</c> (ISO yyyy-mm-dd in; other texts as they are).</summary>
    public string Date(string isoDate)
    {
        ArgumentNullException.ThrowIfNull(isoDate);
        if (!DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return isoDate;
        }

        string[] months = french
            ? ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        var day = french && date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture);
        return $"{day} {months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A fraction as a percentage (0.402 → 40,2 % / 40.2%).</summary>
    public string Percent(double? fraction, int decimals = 1)
    {
        if (fraction is null)
        {
            return Missing;
        }

        var text = Math.Round(fraction.Value * 100, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), info);
        return french ? text + Nbsp + "%" : text + "%";
    }

    /// <summary>A plain number with a fixed number of decimals.</summary>
    public string Number(double? value, int decimals = 0) =>
        value is null ? Missing : Math.Round(value.Value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), info);

    /// <summary>A duration in years, one decimal (2,3 ans / 2.3 years).</summary>
    public string Years(double? value) =>
        value is null ? Missing : Number(value, 1) + (french ? Nbsp + "ans" : " years");
}
