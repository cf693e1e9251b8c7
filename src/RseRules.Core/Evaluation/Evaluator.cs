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
    /// <summary>Evaluates. Never throws for a user error: failures come back as diagnostics.</summary>
    public static EvaluationResult Evaluate(CompiledMethod compiled, InputDocument inputs)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(inputs);
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            using var budget = EvaluationBudget.Begin(EvaluationBudget.DefaultSteps);
            return Run(compiled, inputs);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static EvaluationResult Run(CompiledMethod compiled, InputDocument inputs)
    {
        var method = compiled.Method;
        var diagnostics = new List<Diagnostic>();
        var model = compiled.CreateModel(inputs.Values, ParameterValues(method));

        // Input checks.
        var hits = new List<RuleHit>();
        for (var r = 0; r < method.Rules.Count; r++)
        {
            var rule = method.Rules[r];
            if (rule.Severity != Severity.Error)
            {
                continue;
            }

            hits.Clear();
            if (!TryRule(model, r, hits, method, diagnostics))
            {
                continue;
            }

            foreach (var hit in hits)
            {
                var at = rule.At ?? (rule.ForEach is null ? string.Empty : "/" + JsonPointer.Escape(rule.ForEach) + "/{index}");
                var pointer = at.Replace("{index}", hit.ItemIndex.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                diagnostics.Add(inputs.Source.At(pointer, DiagnosticCode.InputCheckFailed, $"{hit.En} ({rule.Id})"));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new EvaluationResult { Method = compiled, Inputs = inputs, Diagnostics = diagnostics };
        }

        // Indicators.
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var i in compiled.EvaluationOrder)
        {
            var ind = method.Indicators[i];
            try
            {
                if (!model.Compute(i))
                {
                    var value = model.GetIndicator(i);
                    diagnostics.Add(method.Source.At(ind.Pointer + "/formula", value is null ? DiagnosticCode.EvaluationFailed : DiagnosticCode.NotANumber,
                        value is null
                            ? $"Indicator '{ind.Id}' evaluated to null but is not declared nullable."
                            : $"Indicator '{ind.Id}' evaluated to NaN or an infinite number (a division by zero?)."));
                    break;
                }
            }
            catch (EvaluationBudgetExceededException)
            {
                diagnostics.Add(method.Source.At(ind.Pointer + "/formula", DiagnosticCode.EvaluationBudgetExceeded,
                    $"Indicator '{ind.Id}' exceeded the evaluation budget of {EvaluationBudget.DefaultSteps:N0} steps: its formula does too much work (nested queries over large sequences?)."));
                break;
            }
            catch (Exception ex) when (ex is ArithmeticException or InvalidOperationException or ArgumentException or KeyNotFoundException
                                           or IndexOutOfRangeException or NullReferenceException or InvalidCastException or FormatException)
            {
                diagnostics.Add(method.Source.At(ind.Pointer + "/formula", DiagnosticCode.EvaluationFailed,
                    $"Indicator '{ind.Id}' failed: {ex.GetType().Name}: {ex.Message}"));
                break;
            }

            values[ind.Id] = model.GetIndicator(i);
        }

        if (diagnostics.Count > 0)
        {
            return new EvaluationResult { Method = compiled, Inputs = inputs, Diagnostics = diagnostics, Indicators = values };
        }

        // Findings.
        var findings = new List<Finding>();
        for (var r = 0; r < method.Rules.Count; r++)
        {
            var rule = method.Rules[r];
            if (rule.Severity == Severity.Error)
            {
                continue;
            }

            hits.Clear();
            if (!TryRule(model, r, hits, method, diagnostics))
            {
                continue;
            }

            foreach (var hit in hits)
            {
                findings.Add(new Finding(rule.Id, rule.Severity, new LocalizedText(hit.Fr, hit.En), hit.ItemIndex < 0 ? null : ItemKey(method, inputs, rule.ForEach!, hit.ItemIndex)));
            }
        }

        if (inputs.Uncertain.Count > 0)
        {
            findings.Add(UncertainFinding(inputs));
        }

        var results = method.Results.Select(r => new KeyValuePair<string, object?>(r.Id, ResultValue(method, r.From, values, inputs))).ToArray();
        return new EvaluationResult
        {
            Method = compiled, Inputs = inputs, Diagnostics = diagnostics, Findings = findings, Results = results, Indicators = values, Trace = Trace(compiled, values),
        };
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

    private static TraceEntry[] Trace(CompiledMethod compiled, Dictionary<string, object?> values)
    {
        var method = compiled.Method;
        var parameters = method.Parameters.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return compiled.EvaluationOrder.Select(i =>
        {
            var ind = method.Indicators[i];
            var reads = compiled.Reads[i].Select(name => new TraceRead(name,
                values.ContainsKey(name) ? TraceReadKind.Indicator : parameters.Contains(name) ? TraceReadKind.Parameter : TraceReadKind.Input)).ToArray();
            return new TraceEntry(ind.Id, ind.Formula, reads, values[ind.Id]);
        }).ToArray();
    }

    private static bool TryRule(CompiledModel model, int index, List<RuleHit> hits, MethodDefinition method, List<Diagnostic> diagnostics)
    {
        try
        {
            model.EvaluateRule(index, hits);
            return true;
        }
        catch (EvaluationBudgetExceededException)
        {
            var rule = method.Rules[index];
            diagnostics.Add(method.Source.At(rule.Pointer + "/when", DiagnosticCode.EvaluationBudgetExceeded, $"Rule '{rule.Id}' exceeded the evaluation budget of {EvaluationBudget.DefaultSteps:N0} steps."));
            return false;
        }
        catch (Exception ex) when (ex is ArithmeticException or InvalidOperationException or ArgumentException or KeyNotFoundException
                                       or IndexOutOfRangeException or NullReferenceException or InvalidCastException or FormatException)
        {
            var rule = method.Rules[index];
            diagnostics.Add(method.Source.At(rule.Pointer + "/when", DiagnosticCode.RuleFailed, $"Rule '{rule.Id}' failed: {ex.GetType().Name}: {ex.Message}"));
            return false;
        }
    }

    private static string? ItemKey(MethodDefinition method, InputDocument inputs, string collection, int index)
    {
        var key = method.Inputs.First(i => i.Id == collection).Type.Key;
        return key is not null && inputs.Values[collection] is object?[] items && items[index] is IReadOnlyDictionary<string, object?> item
            ? item[key] as string
            : index.ToString(CultureInfo.InvariantCulture);
    }

    private static object? ResultValue(MethodDefinition method, string id, Dictionary<string, object?> values, InputDocument inputs)
    {
        if (!values.TryGetValue(id, out var value))
        {
            return inputs.Values.GetValueOrDefault(id);
        }

        var decimals = method.Indicators.First(i => i.Id == id).Decimals;
        return decimals is null ? value : ValueRounding.Round(value, decimals.Value);
    }

    /// <summary>The method's parameters as neutral values.</summary>
    internal static IReadOnlyDictionary<string, object?> ParameterValues(MethodDefinition method) =>
        method.Parameters.ToDictionary(p => p.Id, p => JsonValues.ToNeutral(p.Value), StringComparer.Ordinal);
}
