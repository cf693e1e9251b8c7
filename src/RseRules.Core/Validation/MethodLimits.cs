using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Validation;

/// <summary>
/// How large a method may be. A method file may come from anyone; each limit is far above what a real method needs (the
/// norm has 62 indicators, 11 rules and a dependency depth of 12) and keeps what is under it in bounded time and memory:
/// a method at every limit validates, compiles, evaluates and explains in seconds. Reaching one is <c>RSE3014</c>, located
/// at the declaration that goes over. Per formula: <see cref="Compilation.FormulaLimits"/>.
/// </summary>
public static class MethodLimits
{
    /// <summary>Indicators of a method, its bases' included.</summary>
    public const int MaxIndicators = 2_000;

    /// <summary>Rules (input checks and findings).</summary>
    public const int MaxRules = 1_000;

    /// <summary>Parameters.</summary>
    public const int MaxParameters = 1_000;

    /// <summary>Input declarations, the fields of records and collections included.</summary>
    public const int MaxInputDeclarations = 2_000;

    /// <summary>Scales.</summary>
    public const int MaxScales = 200;

    /// <summary>Results.</summary>
    public const int MaxResults = 2_000;

    /// <summary>Characters of all the formulas, conditions and messages together (each formula: 20,000 at most).</summary>
    public const int MaxFormulaCharacters = 1_000_000;

    /// <summary>Longest chain of indicators each reading the next (what <c>rse explain</c> walks down).</summary>
    public const int MaxDependencyDepth = 256;

    /// <summary>Checks the counts on the file as read, before its schema (a file far over them is not validated further).</summary>
    internal static bool CheckRaw(JsonSource source, List<Diagnostic> diagnostics)
    {
        if (source.Root is not JObject root)
        {
            return true;
        }

        var ok = true;
        foreach (var (member, max) in new[] { ("indicators", MaxIndicators), ("rules", MaxRules), ("parameters", MaxParameters), ("inputs", MaxInputDeclarations), ("scales", MaxScales), ("results", MaxResults) })
        {
            if (root[member] is JArray array && array.Count > max)
            {
                diagnostics.Add(source.At("/" + member + "/" + max.ToString(System.Globalization.CultureInfo.InvariantCulture), DiagnosticCode.MethodTooLarge,
                    $"The method declares {array.Count:N0} {member}; at most {max:N0} are accepted."));
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Checks the method as merged with its bases (an overlay adds to its base).</summary>
    internal static void Check(MethodDefinition method, List<Diagnostic> diagnostics)
    {
        void Over<T>(IReadOnlyList<T> items, int max, string what, Func<T, string> pointer)
        {
            if (items.Count > max)
            {
                diagnostics.Add(method.Source.At(pointer(items[max]), DiagnosticCode.MethodTooLarge,
                    $"The method (with its bases) declares {items.Count:N0} {what}; at most {max:N0} are accepted."));
            }
        }

        Over(method.Indicators, MaxIndicators, "indicators", i => i.Pointer);
        Over(method.Rules, MaxRules, "rules", r => r.Pointer);
        Over(method.Parameters, MaxParameters, "parameters", p => p.Pointer);
        Over(method.Scales, MaxScales, "scales", _ => "/scales");
        Over(method.Results, MaxResults, "results", r => r.Pointer);

        var declarations = new List<Declaration>();
        var pending = new Stack<Declaration>(method.Inputs.Reverse());
        while (pending.Count > 0 && declarations.Count <= MaxInputDeclarations)
        {
            var d = pending.Pop();
            declarations.Add(d);
            for (var t = d.Type; t is not null; t = t.Of)
            {
                foreach (var f in t.Fields.Reverse())
                {
                    pending.Push(f);
                }
            }
        }

        Over(declarations, MaxInputDeclarations, "input declarations (fields included)", d => d.Pointer);

        var total = 0L;
        foreach (var text in method.Indicators.Select(i => i.Formula).Concat(method.Rules.SelectMany(r => new[] { r.When, r.Message.Fr, r.Message.En })))
        {
            total += text?.Length ?? 0;
        }

        if (total > MaxFormulaCharacters)
        {
            diagnostics.Add(method.Source.At("/indicators", DiagnosticCode.MethodTooLarge,
                $"The method's formulas, conditions and messages hold {total:N0} characters; at most {MaxFormulaCharacters:N0} are accepted."));
        }
    }
}
