using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Evaluation;

/// <summary>
/// Explains a result of an evaluation record from its trace: the formula, the values it read, and recursively how
/// each indicator it read was computed, down to inputs (with their place in the input document) and parameters (with
/// their source). Reads only the record and the method: nothing is recomputed.
/// </summary>
public static class Explainer
{
    /// <summary>The explanation tree of a result (or of any indicator or input) of the record.</summary>
    public static (ExplainNode? Tree, Diagnostic? Error) Explain(MethodDefinition method, JObject record, string id, string language = "en") =>
        Explain(method, record, id, language, asName: false);

    /// <summary>The explanation tree of an indicator, input or parameter named <paramref name="id"/> (never a result's other name).</summary>
    internal static (ExplainNode? Tree, Diagnostic? Error) Explain(MethodDefinition method, JObject record, string id, string language, bool asName)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(record);
        Dictionary<string, JObject>? trace = null;
        if (record["trace"] is JArray entries)
        {
            // A record may come from anyone: entries without a text id, or repeated, are skipped rather than trusted.
            trace = new Dictionary<string, JObject>(StringComparer.Ordinal);
            foreach (var entry in entries.OfType<JObject>())
            {
                if (entry["id"] is JValue { Type: JTokenType.String } entryId)
                {
                    trace.TryAdd(entryId.Value<string>()!, entry);
                }
            }
        }

        if (trace is null)
        {
            return (null, new Diagnostic(DiagnosticCode.RecordMismatch, Severity.Error, "The record has no trace (it was written by an engine that did not record one)."));
        }

        var name = asName ? id : method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        if (!trace.ContainsKey(name) && !method.Inputs.Any(i => i.Id == name) && !method.Parameters.Any(p => p.Id == name))
        {
            var known = string.Join(", ", method.Results.Select(r => r.Id));
            return (null, new Diagnostic(DiagnosticCode.InvalidArgument, Severity.Error, $"'{id}' is not a result, indicator, input or parameter of {method.Reference}. Results: {known}."));
        }

        var explained = new HashSet<string>(StringComparer.Ordinal);
        var inputs = record["inputs"] as JObject ?? [];
        try
        {
            return (Node(name, method, trace, inputs, language, explained, null, 0), null);
        }
        catch (TraceTooDeepException)
        {
            return (null, new Diagnostic(DiagnosticCode.RecordMismatch, Severity.Error,
                $"The record's trace chains more than {MaxDepth} indicators, which no valid method does: the record was not written by rse (verify it with rse replay)."));
        }
    }

    /// <summary>Whether <paramref name="id"/> is a result, indicator, input or parameter of the method.</summary>
    public static bool Names(MethodDefinition method, string id)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Results.Any(r => r.Id == id) || method.Indicators.Any(i => i.Id == id) || method.Inputs.Any(i => i.Id == id) || method.Parameters.Any(p => p.Id == id);
    }

    /// <summary>The deepest explanation: a valid method's chains are at most <see cref="Validation.MethodLimits.MaxDependencyDepth"/>
    /// indicators, then an input or a parameter.</summary>
    private const int MaxDepth = Validation.MethodLimits.MaxDependencyDepth + 1;

    /// <summary>The tree as indented text, one figure per line.</summary>
    public static string ToText(ExplainNode tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var sb = new StringBuilder();
        Write(tree, sb, string.Empty, string.Empty);
        return sb.ToString();
    }

    /// <summary>Several trees as indented text, each line after <paramref name="indent"/>, as branches of one root.</summary>
    public static string ToText(IReadOnlyList<ExplainNode> trees, string indent)
    {
        ArgumentNullException.ThrowIfNull(trees);
        var sb = new StringBuilder();
        for (var i = 0; i < trees.Count; i++)
        {
            var last = i == trees.Count - 1;
            Write(trees[i], sb, indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "));
        }

        return sb.ToString();
    }

    private static ExplainNode Node(string name, MethodDefinition method, Dictionary<string, JObject> trace, JObject inputs, string language, HashSet<string> explained, JToken? readValue, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TraceTooDeepException(); // a forged trace: recursion stays bounded
        }

        if (trace.TryGetValue(name, out var entry))
        {
            var indicator = method.Indicators.FirstOrDefault(i => i.Id == name);
            var repeated = !explained.Add(name);
            var children = repeated
                ? []
                : (entry["reads"] as JArray ?? []).OfType<JObject>()
                    .Select(r => Node(r["name"]?.Value<string>() ?? string.Empty, method, trace, inputs, language, explained, r["value"], depth + 1))
                    .ToArray();
            var value = entry["value"] ?? JValue.CreateNull();
            return new ExplainNode(name, "indicator", indicator?.Label.In(language), indicator?.Unit, value, entry["formula"]?.Value<string>(), null, children, repeated) { ValueLabel = EnumLabel(indicator?.Type, value, language) };
        }

        var parameter = method.Parameters.FirstOrDefault(p => p.Id == name);
        if (parameter is not null)
        {
            return new ExplainNode(name, "parameter", parameter.Label?.In(language), parameter.Unit, readValue ?? parameter.Value, null, parameter.Source.In(language), [], false);
        }

        var input = method.Inputs.FirstOrDefault(i => i.Id == name);
        var inputValue = readValue ?? inputs[name] ?? input?.Default ?? JValue.CreateNull();
        return new ExplainNode(name, "input", input?.Label?.In(language), input?.Unit, inputValue, null, "/" + JsonPointer.Escape(name), [], false) { ValueLabel = EnumLabel(input?.Type, inputValue, language) };
    }

    /// <summary>The label of an enum's value (null for any other type, or a value without a label of its own).</summary>
    private static string? EnumLabel(TypeSpec? type, JToken value, string language) =>
        type?.Kind == TypeKind.Enum && value.Type == JTokenType.String && type.Values.FirstOrDefault(v => v.Value == value.Value<string>())?.Label is { } label
            ? label.In(language)
            : null;

    private sealed class TraceTooDeepException : Exception
    {
    }

    private static void Write(ExplainNode node, StringBuilder sb, string first, string rest)
    {
        sb.Append(first).Append(node.Name).Append(" = ").Append(Value(node.Value));
        if (node.ValueLabel is not null)
        {
            sb.Append(" «").Append(node.ValueLabel).Append('»');
        }

        if (node.Unit is not null)
        {
            sb.Append(' ').Append(node.Unit);
        }

        var detail = node.Kind switch
        {
            "parameter" => $"parameter, source: {node.Source}",
            "input" => $"input {node.Source}",
            _ => node.Repeated ? "indicator, explained above" : null,
        };
        if (node.Label is not null || detail is not null)
        {
            sb.Append("   (").Append(string.Join("; ", new[] { node.Label, detail }.Where(x => x is not null))).Append(')');
        }

        sb.Append('\n');
        if (node.Formula is not null && !node.Repeated)
        {
            sb.Append(rest).Append(node.Children.Count > 0 ? "│ " : "  ").Append("= ").Append(node.Formula.ReplaceLineEndings(" ")).Append('\n');
        }

        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            Write(node.Children[i], sb, rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  "));
        }
    }

    private static string Value(JToken value)
    {
        var text = CanonicalJson.Write(value);
        return text.Length <= 100 ? text : text[..97] + "...";
    }
}
