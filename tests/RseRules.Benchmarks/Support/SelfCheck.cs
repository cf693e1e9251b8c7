using RseRules.Benchmarks.HandWritten;
using RseRules.Benchmarks.Scripting;
using RseRules.Core.Evaluation;

namespace RseRules.Benchmarks.Support;

/// <summary>
/// Keeps the comparison honest: the hand-written norm and the per-formula scripts must compute what the engine computes.
/// Numbers are compared to <see cref="Tolerance"/> (absolute), unrounded (the engine's indicator values, not its rounded
/// results); texts, lists, maps and findings exactly.
/// </summary>
public static class SelfCheck
{
    /// <summary>Largest difference accepted between two numbers.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The figures the brief names: they must agree to 1e-9.</summary>
    public static readonly string[] KeyFigures = ["npvAdjusted", "irr", "globalScore", "decision"];

    /// <summary>Every indicator the hand-written norm computes, against the engine's evaluation; and the findings. Empty: they agree.</summary>
    public static IReadOnlyList<string> HandWritten(EvaluationResult engine, NormResults hand)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(hand);
        var problems = new List<string>();
        if (!engine.Success)
        {
            problems.Add("the engine's evaluation failed: " + string.Join("; ", engine.Diagnostics));
            return problems;
        }

        var mine = hand.ByIndicatorId();
        foreach (var id in KeyFigures)
        {
            if (!mine.ContainsKey(id) || !engine.Indicators.ContainsKey(id))
            {
                problems.Add($"{id}: missing");
            }
        }

        foreach (var ind in engine.Method.Method.Indicators)
        {
            if (!mine.TryGetValue(ind.Id, out var value))
            {
                problems.Add($"{ind.Id}: not computed by the hand-written norm");
                continue;
            }

            if (Values.Difference(engine.Indicators[ind.Id], value, Tolerance) is { } d)
            {
                problems.Add(ind.Id + d);
            }
        }

        var expected = engine.Findings.Select(f => $"{f.Code}|{f.Item}|{f.Message.Fr}|{f.Message.En}").ToArray();
        var actual = hand.Findings.Select(f => $"{f.Code}|{f.Item}|{f.Fr}|{f.En}").ToArray();
        if (!expected.SequenceEqual(actual))
        {
            problems.Add($"findings: engine [{string.Join(" / ", expected)}] vs hand-written [{string.Join(" / ", actual)}]");
        }

        return problems;
    }

    /// <summary>Every indicator the scripts computed, against the engine's evaluation. Empty: they agree.</summary>
    public static IReadOnlyList<string> Scripted(EvaluationResult engine, IScriptGlobals scripted)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(scripted);
        var problems = new List<string>();
        var indicators = engine.Method.Method.Indicators;
        for (var i = 0; i < indicators.Count; i++)
        {
            if (Values.Difference(engine.Indicators[indicators[i].Id], scripted.Get(i), Tolerance) is { } d)
            {
                problems.Add(indicators[i].Id + d);
            }
        }

        return problems;
    }

    /// <summary>Throws when there is any problem.</summary>
    public static void Require(string what, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{what} does not compute what the engine computes:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }
    }
}
