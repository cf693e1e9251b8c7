using System.Diagnostics;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// Formulas a few hundred characters long that would stall or exhaust the C# compiler (query clauses that nest anonymous
/// types, lambdas nested in overloaded calls, widths and precisions of billions) are refused before Roslyn sees them, at
/// their place in the method file; formulas just under each limit compile. The whole compilation is bounded too.
/// </summary>
public class FormulaLimitsTests
{
    public static TheoryData<string, string> OverTheLimits() => new()
    {
        { "(from a in new[] { x } " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"let b{i} = a")) + " select a).Sum()", "query clauses" },
        { "(from a in new[] { x } " + string.Join(" ", Enumerable.Range(0, 1400).Select(i => $"let b{i} = a")) + " select a).Sum()", "query clauses" },
        { "(from a0 in Seq(0, 2) " + string.Join(" ", Enumerable.Range(1, 40).Select(i => $"from a{i} in Seq(0, 2)")) + " select a0).Count()", "query clauses" },
        { "(from a0 in Seq(0, 2) " + string.Join(" ", Enumerable.Range(1, 33).Select(i => $"join a{i} in Seq(0, 2) on a0 equals a{i}")) + " select a0).Count()", "query clauses" },
        { "(from a in Seq(0, 2) orderby " + string.Join(", ", Enumerable.Range(0, 40).Select(_ => "a")) + " select a).Count()", "query clauses" },
        { Nested("Seq(0, 2).Sum(a{0} => {1})", 5), "nested 5 deep" },
        { Nested("Seq(0, 2).Max(a{0} => Seq(0, 2).Select(b{0} => {1}).Min())", 3), "nested 5 deep" },
        { Nested("(from a{0} in Seq(0, 2) select {1}).Sum()", 5), "nested 5 deep" },
        { "new[] {" + string.Join(",", Enumerable.Range(0, 6000).Select(_ => "-x")) + "}.Sum()", "syntax nodes" },
        { "$\"{x,2000000000}\".Length", "alignment" },
        { "$\"{x,-1001}\".Length", "alignment" },
        { "$\"{x,int.MaxValue}\".Length", "alignment" },
        { "$\"{x:D999999999}\".Length", "precision" },
        { "$\"{x:F101}\".Length", "precision" },
        { "x.ToString(\"N999999\").Length", "precision" },
        { "((long)x).ToString(format: \"X1000\").Length", "precision" },
        { "x.ToString(\"" + new string('0', 300) + "\").Length", "format string" },
    };

    [Theory]
    [MemberData(nameof(OverTheLimits))]
    public void Compile_FormulaOverALimit_IsRefusedAtItsPlaceQuickly(string formula, string what)
    {
        var watch = Stopwatch.StartNew();
        var result = TestMethods.Compile(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("y", "number", formula)));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        result.Method.ShouldBeNull();
        var d = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        d.Code.ShouldBe(DiagnosticCode.FormulaTooComplex);
        d.Message.ShouldContain(what);
        d.Line.ShouldBe(TestMethods.FormulaLine);
        d.Column.ShouldBeGreaterThanOrEqualTo(TestMethods.FormulaColumn);
        d.Pointer.ShouldBe("/indicators/0/formula");
    }

    public static TheoryData<string> UnderTheLimits() =>
    [
        "(from a in new[] { x } " + string.Join(" ", Enumerable.Range(0, 30).Select(i => $"let b{i} = a")) + " select a).Sum()",
        Nested("Seq(0, 2).Sum(a{0} => {1})", 3),
        Nested("(from a{0} in Seq(0, 2) select {1}).Sum()", 4),
        "$\"{x,1000:F100}\".Length + x.ToString(\"N100\").Length",
    ];

    [Theory]
    [MemberData(nameof(UnderTheLimits))]
    public void Compile_FormulaJustUnderTheLimits_Compiles(string formula)
    {
        var watch = Stopwatch.StartNew();
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("y", "number", formula)));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("{x,5000}", "alignment")]
    [InlineData("{x:N500}", "precision")]
    public void Compile_MessageHoleOverALimit_IsRefused(string hole, string what)
    {
        var rules = "[ { \"id\": \"r\", \"severity\": \"warning\", \"when\": \"x > 0\", \"message\": { \"fr\": \"a " + hole + "\", \"en\": \"b\" } } ]";
        var result = TestMethods.Compile(TestMethods.Method(rules: rules));
        var d = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        d.Code.ShouldBe(DiagnosticCode.FormulaTooComplex);
        d.Message.ShouldContain(what);
        d.Pointer.ShouldBe("/rules/0/message/fr");
    }

    [Theory]
    [InlineData(1, 4L << 30)]   // a time limit no compilation meets
    [InlineData(60_000, 1)]     // a memory limit no compilation meets
    public void Compile_PastTheCompilersLimits_StopsWithALocatedDiagnosticAndNothingStored(int milliseconds, long bytes)
    {
        using var cache = new ScratchFolder();
        var method = TestMethods.Valid(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("y", "number", Nested("Seq(0, 2).Sum(a{0} => {1})", 4))));
        var result = MethodCompiler.Compile(method, CompileOptions.Default with
        {
            CacheDirectory = cache.Path, TimeLimit = TimeSpan.FromMilliseconds(milliseconds), MemoryLimit = bytes,
        });
        result.Method.ShouldBeNull();
        var d = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        d.Code.ShouldBe(DiagnosticCode.CompilationLimitExceeded);
        d.Message.ShouldContain(milliseconds == 1 ? "longer than its limit" : "more memory than its limit");
        d.File.ShouldBe(method.Source.Path);
        Directory.GetFiles(cache.Path, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    /// <summary><paramref name="pattern"/> nested in itself <paramref name="depth"/> times: {0} the level, {1} the inner part.</summary>
    private static string Nested(string pattern, int depth)
    {
        var s = "x";
        for (var i = 0; i < depth; i++)
        {
            s = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, i, s);
        }

        return s;
    }
}
