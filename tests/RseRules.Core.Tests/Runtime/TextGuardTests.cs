using System.Globalization;
using RseRules.Core.Diagnostics;
using RseRules.Core.Runtime;
using RseRules.Core.Tests.Support;
using Shouldly;
using Xunit;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// The interpolated texts formulas and rule messages make (<see cref="TextGuard.Interpolate(IFormatProvider?, ref TextGuard.TextBuilder)"/>):
/// the same characters as <see cref="string.Format(IFormatProvider?, string, object?[])"/> for every kind of hole (numbers
/// written in place, texts, values of no format, alignments, formats, both cultures), texts longer than the buffer first
/// taken, and each part charged by its length as it is added. Some make texts of ten million characters: run apart.
/// </summary>
[Collection(LargeAllocations.Name)]
public class TextGuardTests
{
    public static TheoryData<string> Cultures => ["fr", "invariant"];

    private static CultureInfo Culture(string name) => name == "fr" ? RseRules.Core.Diagnostics.Cultures.French : CultureInfo.InvariantCulture;

    private static readonly double[] Doubles =
        [0.0, -0.0, 1.5, -2.5, 0.1 + 0.2, -1234567.891, 1e21, 1e-7, 123456789012345.678, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon];

    private static readonly long[] Longs = [0, 42, -7, long.MinValue, long.MaxValue, 1_000_000];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Interpolate_Doubles_SameTextAsStringFormat(string culture)
    {
        var provider = Culture(culture);
        foreach (var d in Doubles)
        {
            TextGuard.Interpolate(provider, $"[{d}|{d:F2}|{d,12}|{d,-12:N1}|{d:0.00##}|{d:E3}|{d:P1}|{d:R}]")
                .ShouldBe(string.Format(provider, "[{0}|{0:F2}|{0,12}|{0,-12:N1}|{0:0.00##}|{0:E3}|{0:P1}|{0:R}]", d), d.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Interpolate_IntegersNullablesAndDecimals_SameTextAsStringFormat(string culture)
    {
        var provider = Culture(culture);
        foreach (var n in Longs)
        {
            long? nullable = n == 42 ? null : n;
            var m = (decimal)(n % 1_000_000_007) / 1000m;
            TextGuard.Interpolate(provider, $"{n}/{n:N0}/{n,8}/{n:D12}/{n:X}/{nullable}/{nullable:N2}/{m}/{m:F1}")
                .ShouldBe(string.Format(provider, "{0}/{0:N0}/{0,8}/{0:D12}/{0:X}/{1}/{1:N2}/{2}/{2:F1}", n, nullable, m));
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Interpolate_TextsBooleansDatesAndNulls_SameTextAsStringFormat(string culture)
    {
        var provider = Culture(culture);
        var date = new DateTime(2026, 12, 6, 17, 45, 0, DateTimeKind.Unspecified);
        string? none = null;
        object boxed = 3.25;
        foreach (var text in new[] { string.Empty, "é", "Non-adoption", "« guillemets »" })
        {
            TextGuard.Interpolate(provider, $"<{text}|{text,6}|{text,-6}|{true}|{'x'}|{date}|{date:yyyy-MM-dd}|{none}|{boxed}|{boxed:F1}|{(object?)null}>")
                .ShouldBe(string.Format(provider, "<{0}|{0,6}|{0,-6}|{1}|{2}|{3}|{3:yyyy-MM-dd}|{4}|{5}|{5:F1}|{6}>", text, true, 'x', date, none, boxed, null));
        }
    }

    [Fact]
    public void Interpolate_LongerThanItsFirstBuffer_EveryPartKept()
    {
        // 300 holes of numbers and texts: past the first buffer (at most 1,024 characters), grown as it fills.
        var parts = Enumerable.Range(0, 300).Select(i => (Number: i * 1.25, Text: new string((char)('a' + (i % 26)), i % 7))).ToList();
        var built = string.Empty;
        foreach (var (number, text) in parts)
        {
            built = TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{built}{number:F2};{text},");
        }

        built.ShouldBe(string.Concat(parts.Select(p => p.Number.ToString("F2", CultureInfo.InvariantCulture) + ";" + p.Text + ",")));
        built.Length.ShouldBeGreaterThan(2048);
        TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{built}{built}{1.5}").ShouldBe(built + built + "1.5");
    }

    [Fact]
    public void Interpolate_EachPart_ChargedByItsLengthAsAdded()
    {
        // One step per part made, and one per 64 characters of it (EvaluationBudget.SpendText); an empty part is not charged.
        var label = new string('r', 130);
        const double Criticality = 9;
        string? empty = string.Empty;
        using var scope = EvaluationBudget.Begin(1_000);
        var before = EvaluationBudget.Remaining;
        var text = TextGuard.Interpolate(RseRules.Core.Diagnostics.Cultures.French, $"Risque « {label} » (criticité {Criticality}){empty} : {12345.678:N2}.");
        var amount = 12345.678.ToString("N2", RseRules.Core.Diagnostics.Cultures.French); // 12 345,68, its own group separator
        text.ShouldBe("Risque « " + label + " » (criticité 9) : " + amount + ".");
        long Steps(int length) => 1 + (length / 64);
        var expected = Steps("Risque « ".Length) + Steps(130) + Steps(" » (criticité ".Length) + Steps(1) + Steps(")".Length) + Steps(" : ".Length) + Steps(amount.Length) + Steps(1);
        (before - EvaluationBudget.Remaining).ShouldBe(expected);
    }

    [Fact]
    public void Interpolate_PartPastTheTextLimit_RefusedBeforeItIsAdded()
    {
        var big = new string('x', EvaluationBudget.MaxTextLength - 2);
        using var scope = EvaluationBudget.Begin(long.MaxValue / 4);
        TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{big}{12}").Length.ShouldBe(EvaluationBudget.MaxTextLength);
        Should.Throw<EvaluationBudgetExceededException>(() => TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{big}{123}"))
            .TextTooLong.ShouldBeTrue();
        Should.Throw<EvaluationBudgetExceededException>(() => TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{big}abc"))
            .TextTooLong.ShouldBeTrue();
    }

    [Fact]
    public void ConcatEqual_RandomTexts_SameAnswerAndStepsAsConcatThenEqual()
    {
        // Texts from a few pieces (so that many comparisons are equal or differ late), nulls, empties, lengths around the
        // 64 characters a step pays for; each comparison both ways round, under one budget each.
        var random = new Random(2026);
        string?[] pieces = [null, "", "MITIGATION:", "R1", "R", "1", "é", new string('x', 63), new string('x', 64), "MITIGATION:R1"];
        string? Text() => random.Next(6) == 0 ? pieces[random.Next(pieces.Length)] : string.Concat(pieces[random.Next(pieces.Length)], pieces[random.Next(pieces.Length)]);
        var equal = 0;
        for (var k = 0; k < 4_000; k++)
        {
            var (a, b) = (Text(), Text());
            var made = string.Concat(a, b);
            var c = random.Next(4) switch
            {
                0 => made, // equal (a copy of it, not the same instance, below)
                1 when made.Length > 0 => made[..^1] + (made[^1] == 'x' ? 'y' : 'x'), // differs at the end
                2 when made.Length > 0 => (made[0] == 'M' ? "N" : "M") + made[1..], // differs at the start
                _ => Text(),
            };
            c = c is null ? null : new string(c.AsSpan());
            var expected = Steps(() => TextGuard.Equal(TextGuard.Concat(a, b), c));
            Steps(() => TextGuard.ConcatEqual(a, b, c)).ShouldBe(expected, $"\"{a}\" + \"{b}\" == \"{c}\"");
            Steps(() => TextGuard.EqualConcat(c, a, b)).ShouldBe(Steps(() => TextGuard.Equal(c, TextGuard.Concat(a, b))));
            equal += expected.Answer ? 1 : 0;
        }

        equal.ShouldBeGreaterThan(800); // equal texts as well as different ones
    }

    [Fact]
    public void ConcatEqual_TooLongATextToMake_RefusedAsConcat()
    {
        var big = new string('x', (EvaluationBudget.MaxTextLength / 2) + 1);
        using var scope = EvaluationBudget.Begin(long.MaxValue / 4);
        Should.Throw<EvaluationBudgetExceededException>(() => TextGuard.Concat(big, big)).Message
            .ShouldBe(Should.Throw<EvaluationBudgetExceededException>(() => TextGuard.ConcatEqual(big, big, "x")).Message);
        Should.Throw<EvaluationBudgetExceededException>(() => TextGuard.EqualConcat(null, big, big)).TextTooLong.ShouldBeTrue();
    }

    /// <summary>The answer, and the steps it charged.</summary>
    private static (bool Answer, long Steps) Steps(Func<bool> compare)
    {
        using var scope = EvaluationBudget.Begin(1_000_000);
        var answer = compare();
        return (answer, 1_000_000 - EvaluationBudget.Remaining);
    }

    [Fact]
    public void Interpolate_WideAlignmentOrPrecision_FormatError()
    {
        const double X = 1.5;
        Should.Throw<FormatException>(() => TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{X,2000}"));
        Should.Throw<FormatException>(() => TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{X:F101}"));
        TextGuard.Interpolate(CultureInfo.InvariantCulture, $"{X:F100}").Length.ShouldBe(102);
    }
}
