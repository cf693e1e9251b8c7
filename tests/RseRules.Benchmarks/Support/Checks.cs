using System.Globalization;
using RseRules.Benchmarks.HandWritten;
using RseRules.Benchmarks.Scripting;
using RseRules.Core.Evaluation;
using RseRules.Core.Validation;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// <c>dotnet run -c Release --project tests/RseRules.Benchmarks -- --check</c>: the self-checks of the benchmarks without
/// timing anything. The hand-written norm against the engine on the example and on every batch variant; the engine against
/// the same method compiled with its queries as written (not lowered into loops), to the bit, on the same documents; the
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

        // The same method with its queries as written (no lowering into loops): every evaluation must agree to the bit.
        using var asWritten = Norm.Compile(method, Norm.NoCache with { LowerQueries = false });
        Report("the norm's queries lowered into loops", compiled.LoweredQueries is > 0 ? [] : [$"{compiled.LoweredQueries} queries lowered"]);
        output.WriteLine($"queries lowered into loops: {compiled.LoweredQueries}");
        void SameAsWritten(string name, InputDocument document, EvaluationResult lowered) =>
            Report(name + ": lowered vs as written", Bitwise(lowered, Evaluator.Evaluate(asWritten, document)));
        var example = File.ReadAllText(Norm.ExamplePath);
        var exampleInputs = Norm.LoadInputs(method, Norm.ExamplePath);
        var engine = Evaluator.Evaluate(compiled, exampleInputs);
        SameAsWritten("example", exampleInputs, engine);
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
            var variantInputs = Norm.ValidateText(method, texts[i], name);
            var result = Evaluator.Evaluate(compiled, variantInputs);
            SameAsWritten(name, variantInputs, result);
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

    /// <summary>Every indicator to the bit, every finding, every diagnostic, and the record's canonical text: empty when the
    /// two evaluations agree.</summary>
    private static List<string> Bitwise(EvaluationResult lowered, EvaluationResult written)
    {
        var problems = new List<string>();
        if (lowered.Success != written.Success || !lowered.Diagnostics.Select(d => d.ToString()).SequenceEqual(written.Diagnostics.Select(d => d.ToString())))
        {
            problems.Add("diagnostics differ: " + string.Join("; ", lowered.Diagnostics) + " vs " + string.Join("; ", written.Diagnostics));
            return problems;
        }

        foreach (var (id, value) in written.Indicators)
        {
            if (Values.Bits(lowered.Indicators[id]) is var a && Values.Bits(value) is var b && a != b)
            {
                problems.Add($"{id}: {a} vs {b}");
            }
        }

        if (lowered.Success && EvaluationRecord.Text(lowered) != EvaluationRecord.Text(written))
        {
            problems.Add("record texts differ");
        }

        return problems;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
