using CsCheck;
using RseRules.Web.Forms;

namespace RseRules.Web.Tests.Forms;

public class FormNumbersTests
{
    private static readonly Gen<double> Finite = Gen.Frequency(
        (4, Gen.Double.Where(double.IsFinite)),
        (4, Gen.Double[-1e9, 1e9]),
        (2, Gen.Int[-100_000, 100_000].Select(i => i / 1000.0)),
        (1, Gen.Double[0, 1]));

    [Theory]
    [InlineData("fr", false)]
    [InlineData("fr", true)]
    [InlineData("en", false)]
    [InlineData("en", true)]
    public void ParseOfFormat_AnyFiniteNumber_GivesTheSameDouble(string language, bool percent)
    {
        Finite.Sample(value =>
        {
            var text = FormNumbers.Format(value, percent, language);
            var back = FormNumbers.Parse(text, percent, language, out var error);
            error.ShouldBeNull(text);
            BitConverter.DoubleToInt64Bits(back!.Value).ShouldBe(BitConverter.DoubleToInt64Bits(value == 0 ? 0 : value), $"{value:R} shown as {text}");
        }, iter: 20_000);
    }

    [Theory]
    [InlineData(0.07, true, "fr", "7")]
    [InlineData(0.075, true, "fr", "7,5")]
    [InlineData(0.4, true, "en", "40")]
    [InlineData(1234.5, false, "fr", "1234,5")]
    [InlineData(1234.5, false, "en", "1234.5")]
    [InlineData(-0.0001, true, "en", "-0.01")]
    [InlineData(1e-7, false, "en", "1e-07")]
    [InlineData(1e-7, true, "fr", "0,00001")]
    public void Format_CommonValues_ReadAsTyped(double value, bool percent, string language, string expected) =>
        FormNumbers.Format(value, percent, language).ShouldBe(expected);

    [Theory]
    [InlineData("1 234,5", false, "fr", 1234.5)]
    [InlineData("1.234,5", false, "fr", 1234.5)]
    [InlineData("1234.5", false, "fr", 1234.5)]
    [InlineData("1,234.5", false, "en", 1234.5)]
    [InlineData("12,5 %", true, "fr", 0.125)]
    [InlineData("\u2212 3", false, "fr", -3)]
    [InlineData("7", true, "en", 0.07)]
    public void Parse_WhatPeopleType_GivesTheNumber(string text, bool percent, string language, double expected) =>
        FormNumbers.Parse(text, percent, language, out _).ShouldBe(expected);

    [Theory]
    [InlineData("abc")]
    [InlineData("1,2,3")]
    [InlineData("--1")]
    [InlineData("1e999")]
    [InlineData("")]
    [InlineData("12 ans")]
    public void Parse_NotANumber_NullWithAReason(string text)
    {
        FormNumbers.Parse(text, false, "fr", out var error).ShouldBeNull();
        error.ShouldNotBeNull();
    }
}
