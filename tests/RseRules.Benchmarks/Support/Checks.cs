using System.Globalization;
using RseRules.Benchmarks.HandWritten;
using RseRules.Benchmarks.Scripting;
using RseRules.Core.Evaluation;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// <c>dotnet run -c Release --project tests/RseRules.Benchmarks -- --check</c>: the self-checks of the benchmarks without
/// timing anything. The hand-written norm against the engine on the example and on every batch variant; the
/// per-formula scripts against the engine on the example and on some variants.
/// </summary>
public static class Checks
{
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var passed = 0;
        var failed = 0;
        void Report(string name, IReadOnlyList<string> problems)
        {
            if (problems.Count == 0)
            {
                passed++;
                return;
            }

            failed++;
            output.WriteLine($"FAIL {name}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        var method = Norm.LoadMethod();
        using var compiled = Norm.Compile(method);
        var example = File.ReadAllText(Norm.ExamplePath);
        var engine = Evaluator.Evaluate(compiled, Norm.LoadInputs(method, Norm.ExamplePath));
        var hand = RseValueNorm.Evaluate(NormDocument.Parse(example));
        Report("example: hand-written vs engine", SelfCheck.HandWritten(engine, hand));
        var mine = hand.ByIndicatorId();
        output.WriteLine("example          engine                     hand-written");
        foreach (var id in SelfCheck.KeyFigures)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id,-16} {Show(engine.Indicators[id]),-26} {Show(mine[id])}"));
        }

        var decisions = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = DocumentVariants.Generate(example, BatchBenchmarks.Documents);
        var variants = new List<(string Name, EvaluationResult Engine)>();
        for (var i = 0; i < texts.Length; i++)
        {
            var name = $"doc-{i:D4}.json";
            var result = Evaluator.Evaluate(compiled, Norm.ValidateText(method, texts[i], name));
            var variantHand = RseValueNorm.Evaluate(NormDocument.Parse(texts[i]));
            Report(name + ": hand-written vs engine", SelfCheck.HandWritten(result, variantHand));
            var decision = result.Indicators.TryGetValue("decision", out var d) ? (string)d! : "(failed)";
            decisions[decision] = decisions.GetValueOrDefault(decision) + 1;
            if (i % 50 == 0)
            {
                variants.Add((name, result));
            }
        }

        output.WriteLine($"{texts.Length} variants, decisions: {string.Join(", ", decisions.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");

        var dir = Path.Combine(Path.GetTempPath(), "rse-bench-check-" + Environment.ProcessId);
        try
        {
            var scripted = ScriptedMethod.Create(compiled, dir);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scripting setup: {scripted.ScriptCount} scripts in {scripted.SetupTime.TotalSeconds:F1} s"));
            Report("example: scripts vs engine", SelfCheck.Scripted(engine, scripted.Evaluate(engine.Inputs.Values)));
            foreach (var (name, result) in variants)
            {
                Report(name + ": scripts vs engine", SelfCheck.Scripted(result, scripted.Evaluate(result.Inputs.Values)));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        output.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
