namespace RseRules.Core.Runtime;

/// <summary>
/// One evaluation's state inside a compiled method: generated code implements it. Not thread-safe: one
/// instance per evaluation (the compiled method itself is shared and thread-safe).
/// </summary>
public abstract class CompiledModel
{
    /// <summary>Computes indicator <paramref name="index"/> (declaration order) and stores it; false when
    /// the value is NaN, infinite, or null where the type is not nullable.</summary>
    public abstract bool Compute(int index);

    /// <summary>
    /// Computes the indicators <paramref name="order"/>[<paramref name="position"/>], <paramref name="order"/>[<paramref name="position"/> + 1]…
    /// in turn, as <see cref="Compute"/> does each, until one is not acceptable (false) or throws; <paramref name="position"/>
    /// is then at that one, and past the last when every one is computed (true). One call for all: what the evaluator does.
    /// </summary>
    public virtual bool ComputeAll(int[] order, ref int position)
    {
        ArgumentNullException.ThrowIfNull(order);
        for (; position < order.Length; position++)
        {
            if (!Compute(order[position]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// As <see cref="ComputeAll(int[], ref int)"/>, each indicator that <paramref name="precomputed"/> holds taken from its
    /// model instead of computed, and charged as computing it is (<see cref="PrecomputedIndicators.Charge"/>). The caller
    /// vouches that those indicators read nothing that differs between this model and that one (it made them so). A model
    /// that cannot take values from that one (another method's) computes every indicator.
    /// </summary>
    public virtual bool ComputeAll(int[] order, ref int position, PrecomputedIndicators precomputed) => ComputeAll(order, ref position);

    /// <summary>The value of indicator <paramref name="index"/>, boxed.</summary>
    public abstract object? GetIndicator(int index);

    /// <summary>The value of indicator <paramref name="index"/> as a number, without boxing it when it is one (a number,
    /// integer or scale): <see cref="Number"/> of <see cref="GetIndicator"/>.</summary>
    public virtual double GetNumber(int index) => Number(GetIndicator(index));

    /// <summary>A value as a number: a double as it is, an integer converted, NaN for anything else (null included).</summary>
    public static double Number(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => double.NaN,
    };

    /// <summary>Evaluates rule <paramref name="index"/> (declaration order) and adds what fired.</summary>
    public abstract void EvaluateRule(int index, List<RuleHit> hits);

    /// <summary>
    /// Evaluates the rules <paramref name="rules"/>[<paramref name="position"/>..] (declaration indexes) in order, in one
    /// call: each adds what fired to <paramref name="hits"/>, and <paramref name="ends"/>[k] is then the count of
    /// <paramref name="hits"/> once rule k is done. When a rule fails, the exception propagates with
    /// <paramref name="position"/> at it (its hits from <paramref name="ends"/>[position - 1], or 0, are partial).
    /// </summary>
    public virtual void EvaluateRules(int[] rules, ref int position, List<RuleHit> hits, Span<int> ends)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(hits);
        for (; position < rules.Length; position++)
        {
            EvaluateRule(rules[position], hits);
            ends[position] = hits.Count;
        }
    }
}
