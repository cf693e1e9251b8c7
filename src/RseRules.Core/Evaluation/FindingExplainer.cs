using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Evaluation;

/// <summary>
/// Explains a finding of an evaluation record — why its rule fired or did not: the condition, the values it read (an
/// indicator with its formula and what that read, one level down), and for per-item rules every item, fired or not,
/// with the values read for it. Reads only the record and the method (the condition is parsed, never run).
/// </summary>
public static class FindingExplainer
{
    private const string ItemName = "item";

    /// <summary>Whether <paramref name="code"/> names a rule of the method.</summary>
    public static bool IsRule(MethodDefinition method, string code)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Rules.Any(r => r.Id == code);
    }

    /// <summary>The explanation of the rule <paramref name="code"/> in the record.</summary>
    public static (FindingExplanation? Explanation, Diagnostic? Error) Explain(MethodDefinition method, JObject record, string code, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(record);
        var rule = method.Rules.FirstOrDefault(r => r.Id == code);
        if (rule is null)
        {
            return (null, new Diagnostic(DiagnosticCode.InvalidArgument, Severity.Error,
                $"'{code}' is not a rule of {method.Reference}. Rules: {string.Join(", ", method.Rules.Select(r => r.Id))}."));
        }

        var inputs = record["inputs"] as JObject ?? [];
        var findings = (record["findings"] as JArray ?? []).OfType<JObject>()
            .Where(f => f["code"] is JValue { Type: JTokenType.String } c && c.Value<string>() == code)
            .Select(f => (Item: f["item"] is JValue { Type: JTokenType.String } i ? i.Value<string>() : null, Message: Message(f, language)))
            .ToArray();

        var (names, itemFields, indexedByItem) = Reads(rule.When, method);
        var reads = new List<ExplainNode>();
        foreach (var name in names)
        {
            var (tree, error) = Explainer.Explain(method, record, name, language, asName: true);
            if (error is not null)
            {
                return (null, error);
            }

            reads.Add(OneLevel(tree!));
        }

        var items = new List<ItemExplanation>();
        if (rule.ForEach is { } collection)
        {
            var declaration = method.Inputs.FirstOrDefault(i => i.Id == collection);
            var key = declaration?.Type.Key;
            var fields = declaration?.Type.Fields ?? [];
            var array = inputs[collection] as JArray ?? [];
            for (var index = 0; index < array.Count; index++)
            {
                var item = array[index] as JObject ?? [];
                var itemKey = key is not null && item[key] is JValue { Type: JTokenType.String } k ? k.Value<string>()! : index.ToString(CultureInfo.InvariantCulture);
                var fired = findings.FirstOrDefault(f => f.Item == itemKey);
                var values = new List<(string Name, JToken Value)>();
                foreach (var field in itemFields)
                {
                    values.Add((ItemName + "." + field, item[field] ?? fields.FirstOrDefault(f => f.Id == field)?.Default ?? JValue.CreateNull()));
                }

                foreach (var name in indexedByItem)
                {
                    var whole = reads.FirstOrDefault(r => r.Name == name)?.Value;
                    if (whole is JObject map && map[itemKey] is { } atKey)
                    {
                        values.Add(($"{name}[{itemKey}]", atKey));
                    }
                    else if (whole is JArray list && key is null && index < list.Count)
                    {
                        values.Add(($"{name}[{itemKey}]", list[index]));
                    }
                }

                items.Add(new ItemExplanation(itemKey, index, fired.Message is not null, fired.Message, values));
            }
        }

        return (new FindingExplanation(rule.Id, rule.Severity.ToString().ToLowerInvariant(), rule.When, rule.ForEach, findings, reads, items), null);
    }

    /// <summary>The explanation as indented text.</summary>
    public static string ToText(FindingExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var e = explanation;
        var sb = new StringBuilder();
        sb.Append(e.Code).Append(" (").Append(e.Severity).Append("): ");
        if (e.ForEach is not null)
        {
            sb.Append("for each item of ").Append(e.ForEach).Append(", fired for ").Append(e.Items.Count(i => i.Fired).ToString(CultureInfo.InvariantCulture))
                .Append(" of ").Append(e.Items.Count.ToString(CultureInfo.InvariantCulture)).Append(" item(s)\n");
        }
        else
        {
            sb.Append(e.Fired ? "fired" : e.Severity == "error" ? "did not fire (an input check: the document was accepted)" : "did not fire").Append('\n');
        }

        sb.Append("  when: ").Append(e.When.ReplaceLineEndings(" ")).Append('\n');
        if (e.ForEach is null)
        {
            foreach (var (_, message) in e.Findings)
            {
                sb.Append("  message: ").Append(Quote(message)).Append('\n');
            }
        }

        if (e.Reads.Count > 0)
        {
            sb.Append("  reads:\n");
            sb.Append(Explainer.ToText(e.Reads, "  "));
        }

        if (e.ForEach is not null)
        {
            sb.Append("  items:\n");
            foreach (var item in e.Items)
            {
                sb.Append("    ").Append(item.Fired ? "fired      " : "not fired  ").Append(item.Key).Append(" [").Append(item.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                if (item.Values.Count > 0)
                {
                    sb.Append(": ").Append(string.Join(", ", item.Values.Select(v => v.Name + " = " + CanonicalJson.Write(v.Value))));
                }

                if (item.Message is not null)
                {
                    sb.Append(" → ").Append(Quote(item.Message));
                }

                sb.Append('\n');
            }

            if (e.Items.Count == 0)
            {
                sb.Append("    (the collection is empty)\n");
            }
        }

        return sb.ToString();
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder();
        CanonicalJson.WriteString(s, sb);
        return sb.ToString();
    }

    private static string Message(JObject finding, string language) =>
        finding["message"]?[language] is JValue { Type: JTokenType.String } m ? m.Value<string>()! : string.Empty;

    /// <summary>The node with its children kept but theirs dropped: a read indicator shows its formula and what it read.</summary>
    private static ExplainNode OneLevel(ExplainNode node) =>
        node with { Children = [.. node.Children.Select(c => c with { Children = [], Repeated = false, Formula = null })] };

    /// <summary>
    /// What a condition reads, from its syntax: the method's names in order of first use (not a member name after a dot,
    /// not a lambda's parameter), the fields of <c>item</c> it names, and the names it indexes with an expression of the item.
    /// </summary>
    private static (List<string> Names, List<string> ItemFields, List<string> IndexedByItem) Reads(string condition, MethodDefinition method)
    {
        var known = method.Inputs.Select(i => i.Id).Concat(method.Parameters.Select(p => p.Id)).Concat(method.Indicators.Select(i => i.Id))
            .ToHashSet(StringComparer.Ordinal);
        var expression = SyntaxFactory.ParseExpression(condition);
        var lambdaParameters = expression.DescendantNodesAndSelf().OfType<ParameterSyntax>().Select(p => p.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        var names = new List<string>();
        var fields = new List<string>();
        var indexed = new List<string>();
        foreach (var id in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var name = id.Identifier.ValueText;
            if (id.Parent is MemberAccessExpressionSyntax access && access.Name == id)
            {
                if (access.Expression is IdentifierNameSyntax { Identifier.ValueText: ItemName } && !lambdaParameters.Contains(ItemName) && !fields.Contains(name))
                {
                    fields.Add(name);
                }

                continue;
            }

            if (known.Contains(name) && !lambdaParameters.Contains(name) && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        foreach (var access in expression.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>())
        {
            if (access.Expression is IdentifierNameSyntax target && names.Contains(target.Identifier.ValueText)
                && access.ArgumentList.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == ItemName)
                && !indexed.Contains(target.Identifier.ValueText))
            {
                indexed.Add(target.Identifier.ValueText);
            }
        }

        return (names, fields, indexed);
    }
}
