using System.Collections;
using System.Globalization;
using System.Text;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;
using RseRules.Core.Runtime;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Compilation;

/// <summary>
/// Runs a compiled method's model as the evaluator does — every indicator in order until one fails, then every rule — under
/// a budget of a given size, and writes down everything observable: each value to the last bit (doubles by their bits),
/// each exception's type and message, each rule's hits, and the steps left after each indicator and rule. Two compiled
/// forms of one method that behave alike give the same lines.
/// </summary>
internal static class LoweringHarness
{
    /// <summary>The method compiled twice, its queries lowered into loops and as written (no cache).</summary>
    public static (CompiledMethod Lowered, CompiledMethod Linq) CompileBoth(MethodDefinition method)
    {
        var lowered = MethodCompiler.Compile(method, CompileOptions.Default with { NoCache = true });
        lowered.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty(string.Join("\n", lowered.Diagnostics));
        var linq = MethodCompiler.Compile(method, CompileOptions.Default with { NoCache = true, LowerQueries = false });
        linq.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty(string.Join("\n", linq.Diagnostics));
        linq.Method!.LoweredQueries.ShouldBe(0);
        lowered.Method!.LoweringProblem.ShouldBeNull();
        return (lowered.Method!, linq.Method!);
    }

    /// <summary>What an evaluation of <paramref name="compiled"/> on <paramref name="inputs"/> does under a budget of
    /// <paramref name="budget"/> steps, line by line. The evaluator stops at the first indicator that fails; with
    /// <paramref name="everyIndicator"/>, the others are computed all the same (independent indicators: every one is seen).</summary>
    public static List<string> Run(CompiledMethod compiled, InputDocument inputs, long budget = EvaluationBudget.DefaultSteps, bool everyIndicator = false)
    {
        var method = compiled.Method;
        var bound = compiled.Bind(inputs.Values);
        var seen = new List<(string What, object? Value, Exception? Error, long Left)>();
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            using (EvaluationBudget.Begin(budget))
            {
                var model = compiled.CreateModel(bound);
                foreach (var i in compiled.EvaluationOrder)
                {
                    var id = method.Indicators[i].Id;
                    try
                    {
                        var ok = model.Compute(i);
                        seen.Add((id + (ok ? string.Empty : " (not ok)"), model.GetIndicator(i), null, EvaluationBudget.Remaining));
                    }
                    catch (Exception ex)
                    {
                        seen.Add((id, null, ex, EvaluationBudget.Remaining));
                        if (!everyIndicator)
                        {
                            break;
                        }
                    }
                }

                if (everyIndicator || seen.All(s => s.Error is null))
                {
                    for (var r = 0; r < method.Rules.Count; r++)
                    {
                        var hits = new List<RuleHit>();
                        try
                        {
                            model.EvaluateRule(r, hits);
                            seen.Add(("rule " + method.Rules[r].Id, hits.Select(h => $"{h.ItemIndex}|{h.Key}|{h.Fr}|{h.En}").ToArray(), null, EvaluationBudget.Remaining));
                        }
                        catch (Exception ex)
                        {
                            seen.Add(("rule " + method.Rules[r].Id, null, ex, EvaluationBudget.Remaining));
                        }
                    }
                }
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        // Written after the budget's scope: walking the engine's lists outside an evaluation charges nothing.
        return [.. seen.Select(s => s.Error is null
            ? $"{s.What} = {Show(s.Value)}; left {s.Left}"
            : $"{s.What} threw {s.Error.GetType().FullName}: {s.Error.Message}; left {s.Left}")];
    }

    /// <summary>
    /// Every indicator in evaluation order under a budget of <paramref name="budget"/> steps until one fails, computed in one
    /// call (<see cref="CompiledModel.ComputeAll(int[], ref int)"/>, what the evaluator does) or one by one (<see cref="CompiledModel.Compute"/>):
    /// where it stopped and why, the steps left, then each indicator computed before, to the last bit.
    /// </summary>
    public static List<string> RunInOrder(CompiledMethod compiled, InputDocument inputs, long budget, bool oneCall)
    {
        var method = compiled.Method;
        var order = compiled.EvaluationOrder.ToArray();
        var bound = compiled.Bind(inputs.Values);
        var lines = new List<string>();
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CompiledModel model;
        var position = 0;
        try
        {
            using (EvaluationBudget.Begin(budget))
            {
                model = compiled.CreateModel(bound);
                try
                {
                    bool ok;
                    if (oneCall)
                    {
                        ok = model.ComputeAll(order, ref position);
                    }
                    else
                    {
                        for (ok = true; ok && position < order.Length; position += ok ? 1 : 0)
                        {
                            ok = model.Compute(order[position]);
                        }
                    }

                    lines.Add((ok ? "all computed" : "not ok at " + method.Indicators[order[position]].Id) + "; left " + EvaluationBudget.Remaining);
                }
                catch (Exception ex)
                {
                    lines.Add($"{method.Indicators[order[position]].Id} threw {ex.GetType().FullName}: {ex.Message}; left {EvaluationBudget.Remaining}");
                }
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        for (var k = 0; k < Math.Min(position + 1, order.Length); k++)
        {
            lines.Add(method.Indicators[order[k]].Id + " = " + Show(model.GetIndicator(order[k])));
        }

        return lines;
    }

    /// <summary>The steps a run under the default budget took, from a line ending in "left N".</summary>
    public static long StepsUsed(string line) =>
        EvaluationBudget.DefaultSteps - long.Parse(line[(line.LastIndexOf("left ", StringComparison.Ordinal) + 5)..], CultureInfo.InvariantCulture);

    /// <summary>A value to the last bit: doubles by their bits, sequences element by element, maps in their order.</summary>
    public static string Show(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case double d:
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture)).Append('#').Append(BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture));
                break;
            case decimal m:
                sb.Append(m.ToString(CultureInfo.InvariantCulture)).Append('m');
                break;
            case string s:
                sb.Append('"').Append(s).Append('"');
                break;
            case LocalizedText l:
                sb.Append("L(\"").Append(l.Fr).Append("\", \"").Append(l.En).Append("\")");
                break;
            case IDictionary map:
                sb.Append('{');
                foreach (DictionaryEntry e in map)
                {
                    Write(sb, e.Key);
                    sb.Append(": ");
                    Write(sb, e.Value);
                    sb.Append(", ");
                }

                sb.Append('}');
                break;
            case RecordValue record:
                sb.Append(record.GetType().Name).Append('(');
                foreach (var (k, v) in (IEnumerable<KeyValuePair<string, object?>>)record)
                {
                    sb.Append(k).Append('=');
                    Write(sb, v);
                    sb.Append(", ");
                }

                sb.Append(')');
                break;
            case IEnumerable sequence:
                sb.Append(value is Array ? "array[" : value.GetType().Name + "[");
                foreach (var item in sequence)
                {
                    Write(sb, item);
                    sb.Append(", ");
                }

                sb.Append(']');
                break;
            case IFormattable f:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture)).Append(':').Append(value.GetType().Name);
                break;
            default:
                sb.Append(value);
                break;
        }
    }
}
