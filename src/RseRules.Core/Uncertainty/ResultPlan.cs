using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Core.Runtime;
using RseRules.Core.Validation;

namespace RseRules.Core.Uncertainty;

/// <summary>
/// A lean evaluation for repeated runs of one compiled method (simulations, sensitivity): parameters converted once,
/// input checks then indicators in dependency order as <see cref="Evaluation.Evaluator"/> does them, and only the results — no
/// trace, no findings, no diagnostics located in files. The indicators that none of the changing leaves reaches are
/// computed once, at construction, and taken by every evaluation (<see cref="PrecomputedIndicators"/>: the same values,
/// the same charges). Thread-safe: each call creates its own model.
/// </summary>
internal sealed class ResultPlan
{
    private readonly CompiledMethod compiled;
    private readonly BoundInputs template;
    private readonly RebindPlan rebound;
    private readonly EvaluationPlan plan;

    /// <summary>The indicators no changing leaf reaches, computed once (null: every evaluation computes every indicator).</summary>
    private readonly PrecomputedIndicators? precomputed;

    /// <summary>Whether each result is numeric (<see cref="IsNumeric"/>).</summary>
    private readonly bool[] numeric;

    /// <summary>The decimals each result is rounded to, when it is an indicator holding a double that declares them.</summary>
    private readonly int?[] rounded;

    /// <param name="compiled">The compiled method.</param>
    /// <param name="inputs">The document evaluated again and again.</param>
    /// <param name="pointers">The leaves that change between evaluations: only the top-level inputs holding one are
    /// converted again for each evaluation, the others are bound once.</param>
    /// <param name="precompute">Whether the indicators that read none of those inputs are computed once (tests compare
    /// both ways).</param>
    public ResultPlan(CompiledMethod compiled, InputDocument inputs, IReadOnlyList<string> pointers, bool precompute = true)
    {
        this.compiled = compiled;
        var method = compiled.Method;
        template = compiled.Bind(inputs);
        rebound = compiled.PlanRebind(pointers);
        plan = compiled.Plan;
        precomputed = !precompute ? null : PrecomputedIndicators.Compute(compiled, template, rebound.Indexes.Select(k => method.Inputs[k].Id).ToHashSet(StringComparer.Ordinal));
        Ids = plan.ResultIds;
        Types = [.. method.Results.Select((r, k) => plan.ResultIndicators[k] is var i and >= 0 ? method.Indicators[i].Type : method.Inputs.FirstOrDefault(x => x.Id == r.From)?.Type)];
        numeric = [.. Enumerable.Range(0, Ids.Count).Select(IsNumeric)];

        // The results rounded as an evaluation's record rounds them (the plan's decimals), those holding a double (number).
        rounded = [.. Enumerable.Range(0, Ids.Count).Select(k => plan.ResultIndicators[k] is var i and >= 0 && method.Indicators[i].Type.Kind == TypeKind.Number
            ? plan.ResultDecimals[k] : null)];
    }

    /// <summary>The result ids, in the method's order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Each result's declared type (null when unknown).</summary>
    public IReadOnlyList<TypeSpec?> Types { get; }

    /// <summary>Whether a result is a scalar number (number, integer or scale).</summary>
    public bool IsNumeric(int result) => Types[result]?.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Scale;

    /// <summary>Whether a result is a scalar text-like value (text, enum, boolean): its values are counted.</summary>
    public bool IsCategorical(int result) => Types[result]?.Kind is TypeKind.Text or TypeKind.Enum or TypeKind.Boolean;

    /// <summary>
    /// Evaluates the document's values <paramref name="inputs"/> (the original ones with some changed leaves, among the
    /// pointers given at construction) into <paramref name="results"/> (one slot per result, rounded to the declared decimals);
    /// returns null on success, else why the evaluation failed (deterministic text: rule or indicator id and the kind of failure).
    /// </summary>
    public string? Evaluate(IReadOnlyDictionary<string, object?> inputs, object?[] results, List<RuleHit> hits) => Evaluate(inputs, null, results, hits);

    /// <summary>
    /// As <see cref="Evaluate(IReadOnlyDictionary{string, object?}, object?[], List{RuleHit})"/>, the numeric results
    /// (<see cref="IsNumeric"/>) written to <paramref name="numbers"/> instead, unboxed (<see cref="CompiledModel.Number"/> of what
    /// <paramref name="results"/> would hold, rounded alike); their slots of <paramref name="results"/> are left as they are.
    /// </summary>
    public string? Evaluate(IReadOnlyDictionary<string, object?> inputs, double[]? numbers, object?[] results, List<RuleHit> hits)
    {
        var method = compiled.Method;
        using var budget = EvaluationBudget.Begin(EvaluationBudget.DefaultSteps);
        var model = compiled.CreateModel(rebound.Indexes.Length == 0 ? template : compiled.Rebind(template, inputs, rebound));
        foreach (var r in plan.ErrorRules)
        {
            hits.Clear();
            try
            {
                model.EvaluateRule(r, hits);
            }
            catch (Exception ex) when (ex is EvaluationBudgetExceededException || Evaluator.IsFormulaFailure(ex))
            {
                return $"rule {method.Rules[r].Id} failed ({ex.GetType().Name})";
            }

            if (hits.Count > 0)
            {
                return $"input check {method.Rules[r].Id}";
            }
        }

        var failed = 0;
        try
        {
            if (!(precomputed is null ? model.ComputeAll(plan.Order, ref failed) : model.ComputeAll(plan.Order, ref failed, precomputed)))
            {
                var i = plan.Order[failed];
                return model.GetIndicator(i) is null ? $"indicator {method.Indicators[i].Id} is null" : $"indicator {method.Indicators[i].Id} is NaN or infinite";
            }
        }
        catch (Exception ex) when (ex is EvaluationBudgetExceededException || Evaluator.IsFormulaFailure(ex))
        {
            return $"indicator {method.Indicators[plan.Order[failed]].Id} failed ({ex.GetType().Name})";
        }

        for (var k = 0; k < results.Length; k++)
        {
            var i = plan.ResultIndicators[k];
            if (numbers is not null && numeric[k])
            {
                // What CompiledModel.Number(results[k]) would read, without boxing: a double rounded when it declares decimals.
                numbers[k] = i < 0 ? CompiledModel.Number(inputs.GetValueOrDefault(plan.ResultFrom[k]))
                    : rounded[k] is { } decimals ? ValueRounding.Round(model.GetNumber(i), decimals) : model.GetNumber(i);
                continue;
            }

            if (i < 0)
            {
                results[k] = inputs.GetValueOrDefault(plan.ResultFrom[k]);
                continue;
            }

            // Only scalars are summarized: series and maps are left unrounded (rounding them would be work thrown away).
            var value = model.GetIndicator(i);
            results[k] = value is double number && rounded[k] is { } d ? ValueRounding.Round(number, d) : value;
        }

        return null;
    }

    /// <summary>A categorical result as text: null when absent.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        string s => s,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
