using CsCheck;
using RseRules.Cli.Tests.TestSupport;
using RseRules.Core.Diagnostics;
using RseRules.Core.Loading;
using RseRules.Tests.Shared;

namespace RseRules.Cli.Tests;

/// <summary>
/// Random mutations of the norm (rse-value@1.0.0) and of its example document, run through <c>rse validate</c> and
/// <c>rse evaluate</c> in-process: <see cref="CliApp.Run"/> never throws and always exits 0, 1 or 2. Compiling takes a
/// second or two, so at most <see cref="CompilationBudget"/> mutated methods go as far as the compiler; the others are
/// only loaded. Many more input documents are run against the one compiled norm in RseRules.Core.Tests
/// (InputValidatorPropertyTests), which is what <c>rse evaluate</c> does after loading the method.
/// </summary>
public sealed class CliAppPropertyTests : IDisposable
{
    /// <summary>Most mutated methods that reach the compiler in one run.</summary>
    private const int CompilationBudget = 30;

    private static readonly string NormDir = Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0");
    private static readonly string Example = Path.Combine(NormDir, "examples", "example.json");

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Run_MutatedMethod_ExitsZeroOneOrTwoNeverThrows()
    {
        var text = File.ReadAllText(Path.Combine(NormDir, "method.json"));
        var compiled = 0;
        JsonMutator.Steps.Sample(mutations =>
        {
            var bytes = JsonMutator.Apply(text, mutations);
            JsonMutator.Keeping(bytes, "cli-method", () =>
            {
                var dir = temp.File("methods", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, "method.json"), bytes);

                // Loading is cheap; only a method that loads goes on to Roslyn, and only within the budget.
                var loads = MethodLoader.Load(Path.Combine(dir, "method.json")).Value is not null;
                if (loads && Interlocked.Increment(ref compiled) > CompilationBudget)
                {
                    return;
                }

                ExitsZeroOneOrTwo(Rse.Run("validate", dir), loads ? null : ExitCodes.Invalid);
                ExitsZeroOneOrTwo(Rse.Run("evaluate", "--method", dir, "--inputs", Example, "--format", "json"), loads ? null : ExitCodes.Invalid);
            });
        }, iter: 150, threads: 1, print: m => JsonMutator.Describe(text, m));

        // Not only broken files: mutations that keep the method valid (labels, swapped elements, injected formulas…) got as far as Roslyn.
        compiled.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Run_MutatedInputs_ExitsZeroOneOrTwoNeverThrows()
    {
        var text = File.ReadAllText(Example);
        JsonMutator.Steps.Sample(mutations =>
        {
            var bytes = JsonMutator.Apply(text, mutations);
            JsonMutator.Keeping(bytes, "cli-inputs", () =>
            {
                var inputs = temp.File(Guid.NewGuid().ToString("N") + ".json");
                File.WriteAllBytes(inputs, bytes);

                ExitsZeroOneOrTwo(Rse.Run("evaluate", "--method", NormDir, "--inputs", inputs, "--format", "json"), null);
                ExitsZeroOneOrTwo(Rse.Run("evaluate", "--method", NormDir, "--inputs", inputs, "--lang", "en"), null);
            });
        }, iter: 30, threads: 1, print: m => JsonMutator.Describe(text, m));
    }

    [Fact]
    public void Run_RegressionInputs_ExitOneWithLocatedErrors()
    {
        // Documents that once made `rse evaluate` throw: TestData/regressions/inputs/rse-value (each must be rejected).
        var files = Directory.GetFiles(Path.Combine(Repo.TestData, "regressions", "inputs", "rse-value"), "*.json");
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var run = Rse.Run("evaluate", "--method", NormDir, "--inputs", file);

            run.ExitCode.ShouldBe(ExitCodes.Invalid, $"{file}\n{run}");
            run.StderrLines.ShouldNotBeEmpty();
            run.StderrLines.ShouldAllBe(l => l.Contains(": error RSE", StringComparison.Ordinal) || l.Contains(": warning RSE", StringComparison.Ordinal), run.ToString());
        }
    }

    [Fact]
    public void Run_RegressionMethods_ExitOneWithLocatedErrors()
    {
        // Methods that once made `rse validate` or `rse evaluate` throw: TestData/regressions/methods/<name>/method.json.
        var dirs = Directory.GetDirectories(Path.Combine(Repo.TestData, "regressions", "methods"));
        dirs.ShouldNotBeEmpty();
        foreach (var dir in dirs)
        {
            foreach (var run in new[] { Rse.Run("validate", dir), Rse.Run("evaluate", "--method", dir, "--inputs", Example, "--format", "json") })
            {
                run.ExitCode.ShouldBe(ExitCodes.Invalid, $"{dir}\n{run}");
                run.StderrLines.ShouldNotBeEmpty();
                run.StderrLines.ShouldAllBe(l => l.Contains(": error RSE", StringComparison.Ordinal), run.ToString());
            }
        }
    }

    [Fact]
    public void Run_InputBoundBeyondDecimalInMethod_Rse3003AtTheBound()
    {
        // Regression: `rse evaluate` threw JsonReaderException ("'1E+308' is not a valid decimal") loading the input schema.
        var dir = Path.Combine(Repo.TestData, "regressions", "methods", "input-bound-beyond-decimal");

        var run = Rse.Run("evaluate", "--method", dir, "--inputs", Example);

        run.ExitCode.ShouldBe(ExitCodes.Invalid, run.ToString());
        var error = Located.Parse(run.StderrLines.ShouldHaveSingleItem());
        error.Code.ShouldBe("RSE3003");
        error.Message.ShouldStartWith("min 1E+308 is out of range");
        (error.Line, error.Column).ShouldBe(Located.PositionOf(Path.Combine(dir, "method.json"), "1e308"));
    }

    [Fact]
    public void Run_IntegerBeyond64BitsInInputs_Rse1001AtTheNumber()
    {
        // Regression: `rse evaluate` threw InvalidCastException (a BigInteger in NJsonSchema's number check) instead of exiting 1.
        var file = Path.Combine(Repo.TestData, "regressions", "inputs", "rse-value", "integer-beyond-64-bits.json");

        var run = Rse.Run("evaluate", "--method", NormDir, "--inputs", file, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Invalid, run.ToString());
        var error = Located.Parse(run.StderrLines.ShouldHaveSingleItem());
        error.Code.ShouldBe("RSE1001");
        error.Message.ShouldStartWith("Integer '99999999999999999999' is out of range");
        (error.Line, error.Column).ShouldBe(Located.PositionOf(file, "99999999999999999999"));
    }

    /// <summary>The exit code is 0, 1 or 2 (or the one expected), and a failure says why on stderr.</summary>
    private static void ExitsZeroOneOrTwo(CliResult run, int? expected)
    {
        run.ExitCode.ShouldBeOneOf([ExitCodes.Success, ExitCodes.Invalid, ExitCodes.Usage], run.ToString());
        if (expected is { } code)
        {
            run.ExitCode.ShouldBe(code, run.ToString());
        }

        if (run.ExitCode != ExitCodes.Success)
        {
            run.Stderr.ShouldNotBeNullOrWhiteSpace(run.ToString());
        }
        else
        {
            run.Stderr.ShouldNotContain(": error ", Case.Sensitive, run.ToString());
        }
    }
}
