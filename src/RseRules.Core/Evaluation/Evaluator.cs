using System.Globalization;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Core.Runtime;
using RseRules.Core.Validation;

namespace RseRules.Core.Evaluation;

/// <summary>
/// Evaluates a compiled method on a validated input document: input checks first, then every indicator once in
/// dependency order, then the finding rules. Pure and synchronous; thread-safe (each call has its own state).
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates. Never throws for a user error: failures come back as diagnostics (an input check's in English).</summary>
    public static EvaluationResult Evaluate(CompiledMethod compiled, InputDocument inputs) => Evaluate(compiled, inputs, null);

    /// <summary>Evaluates; an input check that rejects the document (RSE5006) says so with the method's message in
    /// <paramref name="language"/> (<c>fr</c> or <c>en</c>; null: English). Findings carry both languages.</summary>
    public static EvaluationResult Evaluate(CompiledMethod compiled, InputDocument inputs, string? language)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(inputs);
        using var culture = InvariantCultureScope.Begin();
        using var budget = EvaluationBudget.Begin(EvaluationBudget.DefaultSteps);
        return Run(compiled, inputs, Cultures.Normalize(language) == "fr");
    }

    /// <summary>The lists an evaluation works in and does not give back (the rules' hits, the diagnostics before they are
    /// copied into the result): one pair per thread, taken while in use, so an evaluation inside another gets its own.</summary>
    [ThreadStatic]
    private static Scratch? scratch;

    private static EvaluationResult Run(CompiledMethod compiled, InputDocument inputs, bool french)
    {
        var work = scratch ?? new Scratch();
        scratch = null;
        try
        {
            return Run(compiled, inputs, french, work.Hits, work.Diagnostics);
        }
        finally
        {
            scratch = work.Cleared();
        }
    }

    private static EvaluationResult Run(CompiledMethod compiled, InputDocument inputs, bool french, List<RuleHit> hits, List<Diagnostic> diagnostics)
    {
        var method = compiled.Method;
        var plan = compiled.Plan;
        var model = compiled.CreateModel(compiled.Bind(inputs));

        // Input checks.
        foreach (var r in plan.ErrorRules)
        {
            hits.Clear();
            var outcome = TryRule(model, r, hits, method, diagnostics);
            if (outcome == RuleOutcome.OverLimit)
            {
                break; // the limits are spent: no other formula may run unmetered (diagnostics now stop the evaluation)
            }

            if (outcome != RuleOutcome.Evaluated)
            {
                continue;
            }

            foreach (var hit in hits)
            {
                diagnostics.Add(inputs.Source.At(plan.PointerOf(r, hit.ItemIndex), DiagnosticCode.InputCheckFailed, InputMessages.InputCheck(french ? hit.Fr : hit.En, method.Rules[r].Id)));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new EvaluationResult { Method = compiled, Inputs = inputs, Diagnostics = Kept(diagnostics) };
        }

        // Indicators, in one call; at a failure, `failed` is the position of the indicator that failed.
        var order = plan.Order;
        var computed = new ComputedValues(model, order); // by position in evaluation order, read from the model when asked
        var failed = 0;
        try
        {
            if (!model.ComputeAll(order, ref failed))
            {
                var ind = method.Indicators[order[failed]];
                var value = model.GetIndicator(order[failed]);
                diagnostics.Add(method.Source.At(ind.Pointer + "/formula", value is null ? DiagnosticCode.EvaluationFailed : DiagnosticCode.NotANumber,
                    value is null
                        ? $"Indicator '{ind.Id}' evaluated to null but is not declared nullable."
                        : $"Indicator '{ind.Id}' evaluated to NaN or an infinite number (a division by zero?)."));
            }
        }
        catch (Exception ex) when (ex is EvaluationBudgetExceededException or OutOfMemoryException or InsufficientExecutionStackException)
        {
            var ind = method.Indicators[order[failed]];
            diagnostics.Add(method.Source.At(ind.Pointer + "/formula", DiagnosticCode.EvaluationBudgetExceeded, OverBudget($"Indicator '{ind.Id}'", ex)));
        }
        catch (Exception ex) when (IsFormulaFailure(ex))
        {
            var ind = method.Indicators[order[failed]];
            diagnostics.Add(method.Source.At(ind.Pointer + "/formula", DiagnosticCode.EvaluationFailed,
                $"Indicator '{ind.Id}' failed: {ex.GetType().Name}: {ex.Message}"));
        }

        if (diagnostics.Count > 0)
        {
            // The indicators computed before the failure, for diagnosis.
            var before = new Dictionary<string, object?>(failed, StringComparer.Ordinal);
            for (var j = 0; j < failed; j++)
            {
                before[plan.OrderedIds[j]] = computed.Get(j);
            }

            return new EvaluationResult { Method = compiled, Inputs = inputs, Diagnostics = Kept(diagnostics), Indicators = before };
        }

        // Findings: the rules in one call, from the rule after one that failed on its data (its partial hits dropped); none
        // after one that went over a limit (the budget's meter is off: they would run unmetered). ends[k]: the hits once
        // rule k is done.
        var rules = plan.FindingRules;
        hits.Clear();
        Span<int> ends = rules.Length <= 256 ? stackalloc int[rules.Length] : new int[rules.Length];
        var position = 0;
        while (position < rules.Length)
        {
            var outcome = TryRules(model, rules, ref position, hits, ends, method, diagnostics);
            if (outcome == RuleOutcome.Evaluated)
            {
                break;
            }

            var start = position == 0 ? 0 : ends[position - 1];
            hits.RemoveRange(start, hits.Count - start);
            ends[position] = start;
            position++;
            if (outcome == RuleOutcome.OverLimit)
            {
                break;
            }
        }

        var findings = new List<Finding>(hits.Count + (inputs.Uncertain.Count > 0 ? 1 : 0));
        for (int k = 0, h = 0; k < position && k < rules.Length; k++)
        {
            var rule = method.Rules[rules[k]];
            for (; h < ends[k]; h++)
            {
                var hit = hits[h];
                findings.Add(new Finding(rule.Id, rule.Severity, new LocalizedText(hit.Fr, hit.En), hit.ItemIndex < 0 ? null : hit.Key ?? ItemKey(plan.RuleItemKeys[rules[k]], inputs, rule.ForEach!, hit.ItemIndex)));
            }
        }

        if (inputs.Uncertain.Count > 0)
        {
            findings.Add(UncertainFinding(inputs));
        }

        return new EvaluationResult
        {
            Method = compiled, Inputs = inputs, Diagnostics = Kept(diagnostics), Findings = findings, Results = new ResultValues(plan, inputs, computed),
            Trace = new TraceView(method, compiled.EvaluationOrder, plan.TraceReads, computed),
            Indicators = new IndicatorValues(plan.OrderedIds, plan.PositionOf, computed),
        };
    }

    /// <summary>The diagnostics for the result (the list is the thread's, cleared after the evaluation).</summary>
    private static Diagnostic[] Kept(List<Diagnostic> diagnostics) => diagnostics.Count == 0 ? [] : [.. diagnostics];

    /// <summary>A thread's working lists (<see cref="scratch"/>).</summary>
    private sealed class Scratch
    {
        public List<RuleHit> Hits { get; } = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        /// <summary>The lists emptied (their texts released), or null when the hits grew too long to keep.</summary>
        public Scratch? Cleared()
        {
            Hits.Clear();
            Diagnostics.Clear();
            return Hits.Capacity <= 1024 && Diagnostics.Capacity <= 1024 ? this : null;
        }
    }

    /// <summary>The code of the engine's finding that says a document's uncertain inputs were taken at their mode.</summary>
    public const string UncertainInputsFinding = "UNCERTAIN_INPUTS";

    private static Finding UncertainFinding(InputDocument inputs)
    {
        var list = string.Join(", ", inputs.Uncertain.Select(u => u.Pointer));
        var n = inputs.Uncertain.Count;
        return new Finding(UncertainInputsFinding, Severity.Warning, new LocalizedText(
            $"{n} entrée(s) incertaine(s) évaluée(s) à leur mode (la moyenne pour une loi uniforme) : {list}. « rse simulate » les échantillonne.",
            $"{n} uncertain input(s) evaluated at their mode (the mean for uniform): {list}. 'rse simulate' samples them."));
    }

    /// <summary>How a rule's evaluation ended.</summary>
    private enum RuleOutcome
    {
        /// <summary>Its condition was evaluated (its hits are in the list).</summary>
        Evaluated,

        /// <summary>Its formula failed on its data (reported): the next rules may run.</summary>
        Failed,

        /// <summary>It went over a limit (steps, time, memory, stack; reported). The budget's meter is off from then on,
        /// so no other formula may run in this evaluation.</summary>
        OverLimit,
    }

    /// <summary>The rules <paramref name="rules"/>[<paramref name="position"/>..] in one call (<see cref="CompiledModel.EvaluateRules"/>);
    /// at a failure, <paramref name="position"/> is the rule that failed (reported).</summary>
    private static RuleOutcome TryRules(CompiledModel model, int[] rules, ref int position, List<RuleHit> hits, Span<int> ends, MethodDefinition method, List<Diagnostic> diagnostics)
    {
        try
        {
            model.EvaluateRules(rules, ref position, hits, ends);
            return RuleOutcome.Evaluated;
        }
        catch (Exception ex) when (ex is EvaluationBudgetExceededException or OutOfMemoryException or InsufficientExecutionStackException)
        {
            return Report(method, rules[position], ex, diagnostics, RuleOutcome.OverLimit);
        }
        catch (Exception ex) when (IsFormulaFailure(ex))
        {
            return Report(method, rules[position], ex, diagnostics, RuleOutcome.Failed);
        }
    }

    private static RuleOutcome TryRule(CompiledModel model, int index, List<RuleHit> hits, MethodDefinition method, List<Diagnostic> diagnostics)
    {
        try
        {
            model.EvaluateRule(index, hits);
            return RuleOutcome.Evaluated;
        }
        catch (Exception ex) when (ex is EvaluationBudgetExceededException or OutOfMemoryException or InsufficientExecutionStackException)
        {
            return Report(method, index, ex, diagnostics, RuleOutcome.OverLimit);
        }
        catch (Exception ex) when (IsFormulaFailure(ex))
        {
            return Report(method, index, ex, diagnostics, RuleOutcome.Failed);
        }
    }

    /// <summary>Reports rule <paramref name="index"/>'s failure (over a limit, or on its data) at its condition.</summary>
    private static RuleOutcome Report(MethodDefinition method, int index, Exception ex, List<Diagnostic> diagnostics, RuleOutcome outcome)
    {
        var rule = method.Rules[index];
        diagnostics.Add(outcome == RuleOutcome.OverLimit
            ? method.Source.At(rule.Pointer + "/when", DiagnosticCode.EvaluationBudgetExceeded, OverBudget($"Rule '{rule.Id}'", ex))
            : method.Source.At(rule.Pointer + "/when", DiagnosticCode.RuleFailed, $"Rule '{rule.Id}' failed: {ex.GetType().Name}: {ex.Message}"));
        return outcome;
    }

    private static string? ItemKey(string? key, InputDocument inputs, string collection, int index) =>
        key is not null && inputs.Values[collection] is object?[] items && items[index] is IReadOnlyDictionary<string, object?> item
            ? item[key] as string
            : index.ToString(CultureInfo.InvariantCulture);

    /// <summary>What went over which limit, for the diagnostic of an indicator or a rule.</summary>
    internal static string OverBudget(string who, Exception ex) => ex switch
    {
        EvaluationBudgetExceededException { OutOfTime: true } =>
            $"{who} ran for more than the time limit of {EvaluationBudget.TimeLimit.TotalSeconds:0} s: its formula does too much work.",
        EvaluationBudgetExceededException { OutOfMemory: true } or OutOfMemoryException =>
            $"{who} allocated more than the memory limit of {EvaluationBudget.MemoryLimit / (1 << 20):N0} MiB: its formula builds too much.",
        EvaluationBudgetExceededException { TextTooLong: true } => $"{who} failed: {ex.Message}",
        InsufficientExecutionStackException => $"{who} is nested too deeply to evaluate.",
        _ => $"{who} exceeded the evaluation budget of {EvaluationBudget.DefaultSteps:N0} steps: its formula does too much work (nested queries over large sequences, long texts?).",
    };

    /// <summary>Whether an exception is a formula failing on its data (reported as a diagnostic), not a bug of the engine.</summary>
    internal static bool IsFormulaFailure(Exception ex) =>
        ex is ArithmeticException or InvalidOperationException or ArgumentException or KeyNotFoundException
            or IndexOutOfRangeException or NullReferenceException or InvalidCastException or FormatException;
}
