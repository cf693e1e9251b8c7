namespace RseRules.Reporting.Tests;

public sealed class NumberFormatsTests
{
    private static readonly NumberFormats French = new("fr");
    private static readonly NumberFormats English = new("en");

    [Fact]
    public void Money_French_UsesNoBreakSpacesAndTrailingEuro() => French.Money(393175.4).ShouldBe("393\u00A0175\u00A0€");

    [Fact]
    public void Money_English_UsesCommasAndLeadingEuro() => English.Money(393175.4).ShouldBe("€393,175");

    [Fact]
    public void Money_Negative_KeepsTheSignBeforeTheFigure()
    {
        French.Money(-252000).ShouldBe("-252\u00A0000\u00A0€");
        English.Money(-252000).ShouldBe("-€252,000");
    }

    [Fact]
    public void Money_HalfEuro_RoundsAwayFromZero() => English.Money(0.5).ShouldBe("€1");

    [Fact]
    public void Percent_BothLanguages_OneDecimal()
    {
        French.Percent(0.402).ShouldBe("40,2\u00A0%");
        English.Percent(0.402).ShouldBe("40.2%");
    }

    [Fact]
    public void Missing_Figure_PrintsAnEmDash()
    {
        French.Money(null).ShouldBe("—");
        English.Percent(null).ShouldBe("—");
        French.Years(null).ShouldBe("—");
    }

    [Fact]
    public void Years_French_AndEnglish() => (French.Years(2.34), English.Years(2.34)).ShouldBe(("2,3\u00A0ans", "2.3 years"));
}
