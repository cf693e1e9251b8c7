using RseRules.Core.Compilation;
using RseRules.Core.Runtime;

namespace RseRules.Benchmarks.Support;

/// <summary>The diagnostic row: the compiled method's model through the public API, without the evaluation record.</summary>
public static class EngineModel
{
    /// <summary>Creates a model on bound inputs, computes every indicator in order and evaluates every rule.</summary>
    public static CompiledModel Run(CompiledMethod compiled, BoundInputs inputs, List<RuleHit> hits)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(hits);
        var model = compiled.CreateModel(inputs);
        foreach (var i in compiled.EvaluationOrder)
        {
            if (!model.Compute(i))
            {
                throw new InvalidOperationException("Indicator " + i + " failed.");
            }
        }

        for (var r = 0; r < compiled.Method.Rules.Count; r++)
        {
            hits.Clear();
            model.EvaluateRule(r, hits);
        }

        return model;
    }
}
