using System.Text.RegularExpressions;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;

namespace RseRules.Core.Compilation;

/// <summary>
/// The one place where the C# compiler's messages about a formula lose the names <see cref="CodeGenerator"/> makes up
/// (they start with two underscores, in namespace <see cref="CodeGenerator.Namespace"/>): the class of a collection's
/// items (<c>__RiskCriteria</c>) becomes "item of 'riskCriteria'", a record's class "record 'organization'", the model
/// and parameter classes "the method" and "the parameters", generated locals "a generated value". The commonest
/// messages are rephrased in the method's own terms, with the closest names: CS1061 on an item or record ("an item of
/// 'riskCriteria' has no field 'wieght'; did you mean 'weight'?") and CS0103 (a name the method does not declare).
/// </summary>
internal static partial class GeneratedNames
{
    /// <summary>The message of a compiler diagnostic <paramref name="id"/> about a formula, in the method's terms.</summary>
    /// <param name="message">The compiler's message (invariant culture).</param>
    /// <param name="id">The compiler's diagnostic id (<c>CS1061</c>).</param>
    /// <param name="method">The method compiled.</param>
    /// <param name="hasItem">Whether the formula is a rule's with <c>forEach</c> (it may read <c>item</c>).</param>
    public static string Rewrite(string message, string id, MethodDefinition method, bool hasItem = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(method);
        var types = Types(method);
        message = message.Replace(CodeGenerator.Namespace + ".", string.Empty, StringComparison.Ordinal)
            .Replace("global::", string.Empty, StringComparison.Ordinal)
            .Replace("RseRules.Core.Runtime.", string.Empty, StringComparison.Ordinal)
            .Replace("RseRules.Core.Model.", string.Empty, StringComparison.Ordinal)
            .Replace("System.Collections.Generic.", string.Empty, StringComparison.Ordinal);

        if (id == "CS1061" && MissingMember().Match(message) is { Success: true } missing && types.TryGetValue(missing.Groups["type"].Value, out var owner))
        {
            var member = missing.Groups["member"].Value;
            var fields = owner.Type.Fields.Select(f => f.Id).ToList();
            var suggestions = Suggestions.Closest(member, fields);
            var what = owner.IsItem ? $"an item of '{owner.Path}'" : $"the record '{owner.Path}'";
            return $"{what} has no field '{member}'" + (suggestions.Count > 0 ? InputMessages.English.DidYouMean(suggestions) : $" (fields: {string.Join(", ", fields)})");
        }

        if (id == "CS0103" && UnknownName().Match(message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var known = method.Inputs.Select(i => i.Id).Concat(method.Parameters.Select(p => p.Id)).Concat(method.Indicators.Select(i => i.Id))
                .Concat(hasItem ? ["item"] : []);
            var suggestions = Suggestions.Closest(name, known);
            return $"'{name}' is not an input, parameter or indicator of the method{(hasItem ? " (nor 'item')" : string.Empty)}"
                + (suggestions.Count > 0 ? InputMessages.English.DidYouMean(suggestions) : ".");
        }

        return Generated().Replace(message, m => m.Value switch
        {
            CodeGenerator.ModelClass => "the method",
            CodeGenerator.ParametersClass => "the parameters",
            CodeGenerator.FactoryClass or "__Adapter" => "the method",
            _ when types.TryGetValue(m.Value, out var t) => t.IsItem ? $"item of {t.Path}" : $"record {t.Path}",
            _ => "a generated value",
        });
    }

    /// <summary>The generated class of each record and collection item, by name (as <see cref="CodeGenerator.ClassName"/> forms it).</summary>
    private static Dictionary<string, (string Path, TypeSpec Type, bool IsItem)> Types(MethodDefinition method)
    {
        var types = new Dictionary<string, (string, TypeSpec, bool)>(StringComparer.Ordinal);
        void Walk(TypeSpec type, string path)
        {
            switch (type.Kind)
            {
                case TypeKind.Record or TypeKind.Collection:
                    types.TryAdd(CodeGenerator.ClassName(path), (path, type, type.Kind == TypeKind.Collection));
                    foreach (var f in type.Fields)
                    {
                        Walk(f.Type, path + "." + f.Id);
                    }

                    break;
                case TypeKind.List or TypeKind.Map or TypeKind.Series when type.Of is not null:
                    Walk(type.Of, path);
                    break;
                default:
                    break;
            }
        }

        foreach (var input in method.Inputs)
        {
            Walk(input.Type, input.Id);
        }

        return types;
    }

    [GeneratedRegex(@"^'(?<type>[^']+)' does not contain a definition for '(?<member>[^']+)'")]
    private static partial Regex MissingMember();

    [GeneratedRegex(@"^The name '(?<name>[^']+)' does not exist in the current context")]
    private static partial Regex UnknownName();

    [GeneratedRegex(@"\b__[A-Za-z0-9_]+")]
    private static partial Regex Generated();
}
