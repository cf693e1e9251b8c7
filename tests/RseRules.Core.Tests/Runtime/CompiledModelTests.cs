using RseRules.Core.Compilation;
using RseRules.Core.Loading;
using RseRules.Core.Runtime;
using RseRules.Core.Tests.Compilation;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Runtime;

/// <summary>
/// A model's numbers read unboxed (<see cref="CompiledModel.GetNumber"/>, what a simulation reads): for every indicator of
/// every shipped method on every valid document shipped with it, the very bits <see cref="CompiledModel.Number"/> of the
/// boxed value gives — a double as it is, an integer converted, NaN for null and for anything not a number.
/// </summary>
public class CompiledModelTests
{
    public static TheoryData<string> Methods() => ShippedMethodsLoweringTests.Methods();

    [Theory]
    [MemberData(nameof(Methods))]
    public void GetNumber_EveryIndicatorOfShippedDocuments_NumberOfTheBoxedValue(string methodPath)
    {
        var loaded = MethodLoader.Load(Path.Combine(Repo.Root, methodPath));
        var method = loaded.Value.ShouldNotBeNull(string.Join("\n", loaded.Diagnostics));
        using var compiled = MethodCompiler.Compile(method, CompileOptions.Default with { NoCache = true }).Method.ShouldNotBeNull();
        var folder = Path.GetDirectoryName(Path.Combine(Repo.Root, methodPath))!;
        var compared = 0;
        foreach (var path in new[] { "examples", Path.Combine("tests", "inputs") }.Select(d => Path.Combine(folder, d)).Where(Directory.Exists)
                     .SelectMany(d => Directory.EnumerateFiles(d, "*.json")).Order(StringComparer.Ordinal))
        {
            if (InputValidator.Load(method, path).Value is not { } inputs)
            {
                continue;
            }

            using (EvaluationBudget.Begin(EvaluationBudget.DefaultSteps))
            {
                var model = compiled.CreateModel(compiled.Bind(inputs));
                foreach (var i in compiled.EvaluationOrder)
                {
                    try
                    {
                        model.Compute(i);
                    }
                    catch (Exception ex) when (RseRules.Core.Evaluation.Evaluator.IsFormulaFailure(ex))
                    {
                        break; // the indicators after it are not computed: their defaults are compared below all the same
                    }
                }

                for (var i = 0; i < method.Indicators.Count; i++)
                {
                    var boxed = model.GetIndicator(i);
                    BitConverter.DoubleToInt64Bits(model.GetNumber(i)).ShouldBe(BitConverter.DoubleToInt64Bits(CompiledModel.Number(boxed)),
                        $"{method.Indicators[i].Id} = {boxed} in {path}");
                    compared++;
                }
            }
        }

        compared.ShouldBeGreaterThan(0, "no valid document next to " + methodPath);
    }

    [Fact]
    public void Number_EachKindOfValue_DoubleIntegerOrNaN()
    {
        BitConverter.DoubleToInt64Bits(CompiledModel.Number(-0.0)).ShouldBe(BitConverter.DoubleToInt64Bits(-0.0));
        CompiledModel.Number(3L).ShouldBe(3.0);
        CompiledModel.Number(long.MaxValue).ShouldBe(9.2233720368547758E+18);
        CompiledModel.Number(7).ShouldBe(7.0);
        double.IsNaN(CompiledModel.Number(null)).ShouldBeTrue();
        double.IsNaN(CompiledModel.Number("1")).ShouldBeTrue();
        double.IsNaN(CompiledModel.Number(true)).ShouldBeTrue();
        double.IsNaN(CompiledModel.Number(new[] { 1.0 })).ShouldBeTrue();
    }
}
