using System.Globalization;

namespace RseRules.Core.Diagnostics;

/// <summary>
/// How the engine writes numbers for a reader: English is the invariant culture (<c>1,234.5</c> with <c>N</c>); French
/// has a decimal comma and a no-break space (U+00A0) between thousands (<c>1 234,5</c>), as the reports write them.
/// Built from the invariant culture (the engine runs with invariant globalization), so the output is the same on every machine.
/// </summary>
public static class Cultures
{
    /// <summary>French numbers.</summary>
    public static CultureInfo French { get; } = MakeFrench();

    /// <summary>English numbers (the invariant culture).</summary>
    public static CultureInfo English => CultureInfo.InvariantCulture;

    /// <summary><c>fr</c> for a French language tag (<c>fr</c>, <c>fr-FR</c>, <c>FR</c>…), else <c>en</c>.</summary>
    public static string Normalize(string? language) =>
        language is not null && (language.Equals("fr", StringComparison.OrdinalIgnoreCase) || language.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
            ? "fr"
            : "en";

    /// <summary>The culture of a language (see <see cref="Normalize"/>).</summary>
    public static CultureInfo For(string? language) => Normalize(language) == "fr" ? French : English;

    private static CultureInfo MakeFrench()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var n = culture.NumberFormat;
        n.NumberDecimalSeparator = ",";
        n.NumberGroupSeparator = "\u00A0";
        n.PercentDecimalSeparator = ",";
        n.PercentGroupSeparator = "\u00A0";
        n.CurrencyDecimalSeparator = ",";
        n.CurrencyGroupSeparator = "\u00A0";
        n.CurrencySymbol = "€";
        n.CurrencyPositivePattern = 3; // 1 234,50 €
        n.CurrencyNegativePattern = 8; // -1 234,50 €
        n.PercentPositivePattern = 0; // 12,5 %
        n.PercentNegativePattern = 0;
        n.NegativeSign = "-";
        return CultureInfo.ReadOnly(culture);
    }
}
