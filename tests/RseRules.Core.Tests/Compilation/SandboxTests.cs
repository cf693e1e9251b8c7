using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// Every formula below is compiled as the only indicator of a method (input <c>x</c>, a number) whose formula sits
/// alone on line 10, from column 19. The sandbox must reject it before anything is emitted.
/// </summary>
public class SandboxTests
{
    private const string Pointer = "/indicators/0/formula";

    private static CompileResult Compile(string formula, string type = "number") =>
        TestMethods.Compile(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("v", type, formula)));

    public static TheoryData<string, string, DiagnosticCode> Forbidden => new()
    {
        // files
        { "System.IO.File.WriteAllText(\"rse-sandbox.txt\", \"x\")", "number", DiagnosticCode.ForbiddenMember },
        { "System.IO.File.ReadAllText(\"/etc/passwd\")", "text", DiagnosticCode.ForbiddenMember },
        { "global::System.IO.File.ReadAllText(\"/etc/passwd\")", "text", DiagnosticCode.ForbiddenConstruct },
        { "default(System.IO.FileInfo).Name", "text", DiagnosticCode.ForbiddenConstruct },

        // processes, network, console (types of assemblies formulas do not reference)
        { "System.Diagnostics.Process.Start(\"ls\").Id", "number", DiagnosticCode.ForbiddenMember },
        { "new System.Net.WebClient().DownloadString(\"http://example.com\")", "text", DiagnosticCode.ForbiddenConstruct },
        { "System.Net.Dns.GetHostName()", "text", DiagnosticCode.ForbiddenMember },
        { "System.Console.WriteLine(1)", "number", DiagnosticCode.ForbiddenMember },

        // environment, process state
        { "Environment.GetEnvironmentVariable(\"HOME\")", "text", DiagnosticCode.ForbiddenMember },
        { "Environment.Exit(1)", "number", DiagnosticCode.ForbiddenMember },
        { "AppDomain.CurrentDomain.FriendlyName", "text", DiagnosticCode.ForbiddenMember },
        { "GC.Collect()", "number", DiagnosticCode.ForbiddenMember },

        // threads
        { "System.Threading.Thread.Sleep(1)", "number", DiagnosticCode.ForbiddenMember },
        { "System.Threading.Tasks.Task.Run(() => 1).Result", "number", DiagnosticCode.ForbiddenMember },
        { "await x", "number", DiagnosticCode.ForbiddenConstruct },

        // reflection
        { "typeof(string).Name", "text", DiagnosticCode.ForbiddenConstruct },
        { "\"x\".GetType().Name", "text", DiagnosticCode.ForbiddenMember },
        { "GetType().Assembly.FullName", "text", DiagnosticCode.ForbiddenMember },
        { "Activator.CreateInstance<object>().ToString()", "text", DiagnosticCode.ForbiddenMember },
        { "Activator.CreateInstance(typeof(object)).ToString()", "text", DiagnosticCode.ForbiddenConstruct },
        { "System.Type.GetType(\"System.IO.File\").Name", "text", DiagnosticCode.ForbiddenMember },

        // unsafe code, pointers, dynamic
        { "*(&x)", "number", DiagnosticCode.ForbiddenConstruct },
        { "(int*)null == null ? 1 : 0", "number", DiagnosticCode.ForbiddenConstruct },
        { "stackalloc int[1]", "number", DiagnosticCode.ForbiddenConstruct },
        { "sizeof(int)", "number", DiagnosticCode.ForbiddenConstruct },
        { "((dynamic)x).Foo", "number", DiagnosticCode.ForbiddenConstruct },
        { "x is dynamic", "boolean", DiagnosticCode.ForbiddenMember },

        // object creation
        { "new object().ToString()", "text", DiagnosticCode.ForbiddenConstruct },
        { "new System.Text.StringBuilder().ToString()", "text", DiagnosticCode.ForbiddenConstruct },
        { "new string('a', 3)", "text", DiagnosticCode.ForbiddenConstruct },

        // effects
        { "x = 1", "number", DiagnosticCode.ForbiddenConstruct },
        { "x += 1", "number", DiagnosticCode.ForbiddenConstruct },
        { "x++", "number", DiagnosticCode.ForbiddenConstruct },
        { "++x", "number", DiagnosticCode.ForbiddenConstruct },
        { "x--", "number", DiagnosticCode.ForbiddenConstruct },
        { "Seq(0, 3).ToList().RemoveAll(i => true)", "number", DiagnosticCode.ForbiddenMember },
        { "__Compute(0) ? 1 : 0", "number", DiagnosticCode.ForbiddenMember },

        // statements, block lambdas, typed lambda parameters
        { "Seq(0, 3).Select(i => { return i; }).Sum()", "number", DiagnosticCode.ForbiddenConstruct },
        { "Seq(0, 3).Select((int i) => i * 1.0).Sum()", "number", DiagnosticCode.ForbiddenConstruct },
        { "Seq(0, 3).Select<int, System.IO.FileInfo>(i => null).Count()", "number", DiagnosticCode.ForbiddenMember },

        // unbounded sequences
        { "Enumerable.Range(0, int.MaxValue).Sum()", "number", DiagnosticCode.ForbiddenMember },
        { "Enumerable.Repeat(1.0, 3).Sum()", "number", DiagnosticCode.ForbiddenMember },
        { "Enumerable.Sequence(0, 10, 1).Sum()", "number", DiagnosticCode.ForbiddenMember },
        { "Enumerable.InfiniteSequence(0, 1).Take(3).Sum()", "number", DiagnosticCode.ForbiddenMember },
        { "Seq(0, 3).AggregateBy(i => i, 0, (a, i) => a + i).Count()", "number", DiagnosticCode.ForbiddenMember },

        // not deterministic
        { "Seq(0, 3).Shuffle().First()", "number", DiagnosticCode.ForbiddenMember },

        // System.Linq's own operators named in full: they would walk sequences without charging the budget
        { "System.Linq.Enumerable.Sum(Seq(0, 3))", "number", DiagnosticCode.ForbiddenMember },
        { "System.Linq.Enumerable.Count(System.Linq.Enumerable.Where(Seq(0, 3), i => i > 0))", "number", DiagnosticCode.ForbiddenMember },

        // preprocessor directives
        { "#r \"x.dll\"\n1", "number", DiagnosticCode.PreprocessorDirective },
        { "#load \"x.csx\"\n1", "number", DiagnosticCode.PreprocessorDirective },
        { "#pragma warning disable\n1", "number", DiagnosticCode.PreprocessorDirective },
        { "#if false\nSystem.IO.File.Delete(\"x\")\n#endif\n1", "number", DiagnosticCode.PreprocessorDirective },

        // casts, checked/unchecked, throw
        { "((Func<int, int>)null)(1)", "number", DiagnosticCode.ForbiddenConstruct },
        { "checked(1 + 1)", "number", DiagnosticCode.ForbiddenConstruct },
        { "unchecked(1 + 1)", "number", DiagnosticCode.ForbiddenConstruct },
        { "x > 0 ? 1 : throw null", "number", DiagnosticCode.ForbiddenConstruct },

        // a member denied on an allowed type
        { "\"a\".Replace(\"a\", \"b\")", "text", DiagnosticCode.ForbiddenMember },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Compile_ForbiddenConstruct_RejectedAtTheFormula(string formula, string type, DiagnosticCode expected)
    {
        var result = Compile(formula, type);

        result.Success.ShouldBeFalse();
        result.Method.ShouldBeNull();
        var found = result.Diagnostics.Where(d => d.Code == expected).ToList();
        found.ShouldNotBeEmpty($"expected {Diagnostic.FormatCode(expected)}, got: {string.Join("; ", result.Diagnostics)}");

        // Located in the formula: its pointer, its line, a column inside its text.
        var end = TestMethods.FormulaColumn + TestMethods.Quote(formula).Length - 2;
        result.Diagnostics.ShouldAllBe(d => d.Severity == Severity.Error && d.Pointer == Pointer && d.File == "method.json");
        found.ShouldAllBe(d => d.Line == TestMethods.FormulaLine && d.Column >= TestMethods.FormulaColumn && d.Column < end);
    }

    [Fact]
    public void Compile_UnqualifiedConsole_RejectedAsUnknownName()
    {
        // System.Console is not referenced and the name alone cannot be told from a typo: Roslyn's own error.
        var result = Compile("Console.WriteLine(1)");

        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaCompile);
        (error.Line, error.Column).ShouldBe((TestMethods.FormulaLine, TestMethods.FormulaColumn));
    }

    [Fact]
    public void Compile_ForbiddenMember_LocatedAtTheMember()
    {
        // `"a".Replace(…)`: decoded, Replace is at index 4; the file writes the quotes as \" (two more characters).
        var result = Compile("\"a\".Replace(\"a\", \"b\")", "text");

        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.ForbiddenMember && d.Column == TestMethods.FormulaColumn + 6);
    }

    [Fact]
    public void Compile_AssignmentAfterEscapedQuotes_LocatedAtTheAssignment()
    {
        // Decoded `"a".Length + (x = 1)`: the assignment starts at index 14, in the file 16 characters after the start.
        var result = Compile("\"a\".Length + (x = 1)");

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.ForbiddenConstruct);
        (error.Line, error.Column).ShouldBe((TestMethods.FormulaLine, TestMethods.FormulaColumn + 16));
    }

    [Fact]
    public void Compile_PreprocessorDirectiveOnSecondLineOfFormula_LocatedAtIt()
    {
        // Decoded `1 +\n#pragma warning disable\n2`: the directive starts at index 4; \n is written as two characters.
        var result = Compile("1 +\n#pragma warning disable\n2");

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.PreprocessorDirective);
        (error.Line, error.Column).ShouldBe((TestMethods.FormulaLine, TestMethods.FormulaColumn + 5));
    }

    [Fact]
    public void Compile_ThirtyThousandCharacterFormula_Rse4006()
    {
        // 7,500 ones joined by " + " (7,500 + 3 × 7,499 = 29,997 characters) and three spaces: 30,000, above the 20,000 accepted.
        var formula = string.Join(" + ", Enumerable.Repeat("1", 7_500)).PadRight(30_000);
        formula.Length.ShouldBe(30_000);

        var result = Compile(formula);

        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaTooComplex);
        error.Pointer.ShouldBe(Pointer);
        (error.Line, error.Column).ShouldBe((TestMethods.FormulaLine, TestMethods.FormulaColumn));
    }

    [Fact]
    public void Compile_FormulaOfExactlyTwentyThousandCharacters_Accepted()
    {
        using var method = Compile("x" + new string(' ', 19_999)).Method.ShouldNotBeNull();
    }

    [Fact]
    public void Compile_FormulaOfTwentyThousandAndOneCharacters_Rse4006()
    {
        var result = Compile("x" + new string(' ', 20_000));

        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCode.FormulaTooComplex);
    }

    [Fact]
    public void Compile_FiveHundredNestedParentheses_Rse4006()
    {
        var formula = new string('(', 500) + "x" + new string(')', 500);

        var result = Compile(formula);

        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCode.FormulaTooComplex);
        error.Pointer.ShouldBe(Pointer);
    }

    [Fact]
    public void Compile_HundredNestedParentheses_Accepted()
    {
        // 100 parenthesized expressions around a name: 101 nodes deep, within the 120 accepted.
        using var method = Compile(new string('(', 100) + "x" + new string(')', 100)).Method.ShouldNotBeNull();
    }

    [Fact]
    public void Compile_FormulaWritingAFile_RejectedAndNoFileWritten()
    {
        var path = Path.Combine(Path.GetTempPath(), "rse-sandbox-" + Guid.NewGuid().ToString("N") + ".txt");
        var literal = "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";

        var result = Compile($"System.IO.File.WriteAllText({literal}, \"pwned\")");

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.ForbiddenMember && d.Pointer == Pointer);
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public void Compile_FormulaSettingAnEnvironmentVariable_RejectedAndVariableUnset()
    {
        var name = "RSE_SANDBOX_" + Guid.NewGuid().ToString("N");

        var result = Compile($"Environment.SetEnvironmentVariable(\"{name}\", \"pwned\")");

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.ForbiddenMember && d.Pointer == Pointer);
        Environment.GetEnvironmentVariable(name).ShouldBeNull();
    }

    [Fact]
    public void Compile_ForbiddenInRuleCondition_RejectedAtTheRule()
    {
        var text = TestMethods.Method(rules: """[ { "id": "R", "severity": "warning", "when": "System.IO.File.Exists(\"x\")", "message": { "fr": "m", "en": "m" } } ]""");

        var result = TestMethods.Compile(text);

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.ForbiddenMember && d.Pointer == "/rules/0/when");
    }

    [Fact]
    public void Compile_ForbiddenInMessageHole_RejectedAtTheMessage()
    {
        var text = TestMethods.Method(rules: """[ { "id": "R", "severity": "warning", "when": "x > 0", "message": { "fr": "m", "en": "{Environment.MachineName}" } } ]""");

        var result = TestMethods.Compile(text);

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldContain(d => d.Code == DiagnosticCode.ForbiddenMember && d.Pointer == "/rules/0/message/en");
    }

    public static TheoryData<string, string, object> Accepted => new()
    {
        // query syntax: Seq(1, 4) = 1, 2, 3, 4; the even ones 2 and 4, times x = 1.5: 3 + 6 = 9.
        { "(from i in Seq(1, 4) where i % 2 == 0 select i * x).Sum()", "number", 9.0 },

        // let, orderby, descending: j = 2i for i in 0..4 = 0, 2, 4, 6, 8; j > 2: 4, 6, 8; the first when descending: 8.
        { "(from i in Seq(0, 5) let j = i * 2 where j > 2 orderby j descending select j * 1.0).First()", "number", 8.0 },

        // group by: 0..5 by parity: keys 0 and 1, sizes 3 (0, 2, 4) and 2 (1, 3): 0 * 3 + 1 * 2 = 2.
        { "(from i in Seq(0, 5) group i by i % 2 into g select g.Key * g.Count() * 1.0).Sum()", "number", 2.0 },

        // join: {0, 1, 2} ∩ {1, 2, 3} = {1, 2}: 1 + 2 = 3.
        { "(from i in Seq(0, 3) join k in Seq(1, 3) on i equals k select i * 1.0).Sum()", "number", 3.0 },

        // lambdas: 0 * 2 + 1 * 2 + 2 * 2 = 6.
        { "Seq(0, 3).Select(i => i * 2.0).Where(v => v > 0).Sum()", "number", 6.0 },

        // Math: √16 + max(1.5, 2) = 4 + 2 = 6.
        { "Math.Sqrt(16) + Math.Max(x, 2)", "number", 6.0 },

        // interpolation (invariant culture): 1.5 with two decimals, then 1.5 × 2.
        { "$\"{x:F2}|{x * 2}\"", "text", "1.50|3" },

        // switch expression with relational patterns: 1.5 > 1.
        { "x switch { > 1 => \"big\", _ => \"small\" }", "text", "big" },

        // helpers: PV(0.1, [110, 121]) = 110 + 121 / 1.1 = 110 + 110 = 220; Round(220 / 3, 2) = 73.33.
        { "Round(PV(0.1, new[] { 110.0, 121.0 }) / 3, 2)", "number", 73.33 },

        // anonymous objects and arrays: 1 + 2 = 3.
        { "new[] { new { a = 1.0 }, new { a = 2.0 } }.Sum(o => o.a)", "number", 3.0 },

        // numeric casts, is patterns, conditional: (long)1.5 = 1.
        { "x is > 1 and < 2 ? (long)x : 0", "integer", 1L },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Compile_AllowedForms_AcceptedAndEvaluated(string formula, string type, object expected)
    {
        using var method = TestMethods.Compiled(TestMethods.Method(indicators: TestMethods.IndicatorOnOwnLines("v", type, formula)));

        var result = TestMethods.Evaluate(method, """{ "x": 1.5 }""");

        result.Diagnostics.ShouldBeEmpty();
        var value = result.Indicators["v"];
        if (expected is double d)
        {
            value.ShouldBeOfType<double>().ShouldBe(d, 1e-12);
        }
        else
        {
            value.ShouldBe(expected);
        }
    }
}
