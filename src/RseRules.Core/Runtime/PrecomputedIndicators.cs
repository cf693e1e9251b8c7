using RseRules.Core.Compilation;

namespace RseRules.Core.Runtime;

/// <summary>
/// The indicators of a method that a series of evaluations cannot change, computed once: when evaluations differ only in
/// some inputs (a simulation's sampled leaves, a sensitivity analysis's swings), an indicator that reads none of them,
/// directly or through other indicators, has the same value in every one. Each evaluation then takes it from this
/// model (<see cref="CompiledModel.ComputeAll(int[], ref int, PrecomputedIndicators)"/>) and is charged what computing it
/// charged: the same steps, and a failure of the budget exactly where computing it would have failed (its
/// <see cref="EvaluationBudget.Meter"/> need, the most it spent or reserved at any point). The values are shared by the
/// evaluations, on every thread: the engine's values are read, never changed.
/// </summary>
public sealed class PrecomputedIndicators
{
    /// <summary>Per indicator (declaration order): the most its computation spent or reserved at any point; -1 when it is not precomputed.</summary>
    private readonly long[] need;

    /// <summary>Per indicator: the steps its computation charged.</summary>
    private readonly long[] steps;

    private PrecomputedIndicators(CompiledModel model, long[] need, long[] steps)
    {
        Model = model;
        this.need = need;
        this.steps = steps;
    }

    /// <summary>The model holding the precomputed indicators' values (the others are not computed in it).</summary>
    public CompiledModel Model { get; }

    /// <summary>How many indicators are precomputed.</summary>
    internal int Count => need.Count(n => n >= 0);

    /// <summary>Whether indicator <paramref name="index"/> is precomputed.</summary>
    internal bool Has(int index) => need[index] >= 0;

    /// <summary>
    /// When indicator <paramref name="index"/> is precomputed, charges <paramref name="meter"/> what computing it charged
    /// (throwing <see cref="EvaluationBudgetExceededException"/> where computing it would have) and returns true: the
    /// caller then takes its value from <see cref="Model"/>. False when it must be computed.
    /// </summary>
    public bool Charge(EvaluationBudget.Meter meter, int index)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var n = need[index];
        if (n < 0)
        {
            return false;
        }

        meter.SpendReused(n, steps[index]);
        return true;
    }

    /// <summary>
    /// Computes, on <paramref name="inputs"/>, the indicators that read none of the inputs <paramref name="changing"/>
    /// (ids), directly or through another indicator (the compiled method's reads), in evaluation order, within the budget
    /// of one evaluation. Null when there is none, or when one of them fails or is not acceptable (NaN, infinite, null
    /// where it may not be), or they do not fit the budget together: every evaluation then computes everything, and fails
    /// where it does.
    /// </summary>
    internal static PrecomputedIndicators? Compute(CompiledMethod compiled, BoundInputs inputs, IReadOnlySet<string> changing)
    {
        var method = compiled.Method;
        var changed = new HashSet<string>(changing, StringComparer.Ordinal);
        var need = new long[method.Indicators.Count];
        var steps = new long[method.Indicators.Count];
        Array.Fill(need, -1);
        var order = new List<int>();
        foreach (var i in compiled.EvaluationOrder)
        {
            if (compiled.Reads[i].Any(changed.Contains))
            {
                changed.Add(method.Indicators[i].Id);
            }
            else
            {
                order.Add(i);
            }
        }

        if (order.Count == 0)
        {
            return null;
        }

        try
        {
            using var culture = InvariantCultureScope.Begin();
            using var budget = EvaluationBudget.Begin(EvaluationBudget.DefaultSteps);
            var meter = EvaluationBudget.Current;
            var model = compiled.CreateModel(inputs);
            var one = new int[1];
            foreach (var i in order)
            {
                var before = meter.Remaining;
                meter.ResetFloor();
                one[0] = i;
                var position = 0;
                if (!model.ComputeAll(one, ref position))
                {
                    return null;
                }

                steps[i] = before - meter.Remaining;
                need[i] = before - meter.Floor;
            }

            return new PrecomputedIndicators(model, need, steps);
        }
        catch (Exception)
        {
            // Whatever the failure, the evaluations compute everything and meet it (or not) where they would have.
            return null;
        }
    }
}
