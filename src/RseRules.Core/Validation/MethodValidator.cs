using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;

namespace RseRules.Core.Validation;

/// <summary>
/// The semantic checks of a method that its schema cannot express: identifiers, duplicates, references between
/// declarations, consistent types, parameter values and defaults that fit their types, results.
/// Dependency cycles are found later, from the compiled formulas.
/// </summary>
internal sealed partial class MethodValidator(MethodDefinition method, List<Diagnostic> diagnostics)
{
    /// <summary>Names formulas already use for something else: helper functions and the rule item.</summary>
    private static readonly HashSet<string> Reserved = typeof(Runtime.Fn).GetMethods().Select(m => m.Name)
        .Concat(["Math", "Fn", "item", "System", "Linq", "Enumerable", "LocalizedText", "ToString", "Equals", "GetHashCode", "GetType"])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Largest magnitude of a declared <c>min</c> or <c>max</c>: what a decimal holds (7.92e28), rounded down.</summary>
    private const double MaxBound = 7.9e28;

    private Dictionary<string, Declaration> inputs = new(StringComparer.Ordinal);

    public void Validate()
    {
        inputs = method.Inputs.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var scales = method.Scales.ToDictionary(s => s.Id, StringComparer.Ordinal);

        // One namespace for parameters, inputs and indicators.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, pointer) in method.Parameters.Select(p => (p.Id, p.Pointer))
                     .Concat(method.Inputs.Select(i => (i.Id, i.Pointer)))
                     .Concat(method.Indicators.Select(i => (i.Id, i.Pointer))))
        {
            CheckIdentifier(id, pointer);
            if (!seen.TryAdd(id, pointer))
            {
                diagnostics.Add(method.Source.At(pointer + "/id", DiagnosticCode.DuplicateId, $"'{id}' is already declared at {seen[id]}; parameters, inputs and indicators share one namespace."));
            }
        }

        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in method.Rules)
        {
            CheckIdentifier(rule.Id, rule.Pointer);
            if (!ruleIds.Add(rule.Id))
            {
                diagnostics.Add(method.Source.At(rule.Pointer + "/id", DiagnosticCode.DuplicateId, $"Rule '{rule.Id}' is declared twice."));
            }

            if (rule.ForEach is not null && (!inputs.TryGetValue(rule.ForEach, out var c) || c.Type.Kind != TypeKind.Collection))
            {
                diagnostics.Add(method.Source.At(rule.Pointer + "/forEach", DiagnosticCode.UnknownReference, $"forEach '{rule.ForEach}' is not a collection input."));
            }

            if (rule.At is not null && rule.Severity != Severity.Error)
            {
                diagnostics.Add(method.Source.At(rule.Pointer + "/at", DiagnosticCode.InvalidTypeDeclaration, "'at' only applies to input checks (severity 'error')."));
            }
        }

        foreach (var input in method.Inputs)
        {
            CheckType(input.Type, scales, isInput: true);
            CheckDefault(input);
        }

        foreach (var p in method.Parameters)
        {
            CheckType(p.Type, scales, isInput: false);
            if (p.Type.Kind is not (TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.List or TypeKind.Map)
                || (p.Type.Kind is TypeKind.List or TypeKind.Map && p.Type.Of?.Kind is not (TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text))
                || (p.Type.Kind == TypeKind.Map && p.Type.Keys is not ("text" or "integer")))
            {
                diagnostics.Add(method.Source.At(p.Pointer + "/type", DiagnosticCode.InvalidTypeDeclaration,
                    $"Parameter '{p.Id}' must be a number, integer, boolean, text, or a list or map (keys text or integer) of those."));
            }
            else if (!Fits(p.Value, p.Type, out var why))
            {
                diagnostics.Add(method.Source.At(p.Pointer + "/value", DiagnosticCode.InvalidParameterValue, $"The value of parameter '{p.Id}' does not fit its type: {why}"));
            }

            if (string.IsNullOrWhiteSpace(p.Source.Fr) || string.IsNullOrWhiteSpace(p.Source.En))
            {
                diagnostics.Add(method.Source.At(p.Pointer, DiagnosticCode.MethodSchema, $"Parameter '{p.Id}' needs a 'source'."));
            }
        }

        foreach (var ind in method.Indicators)
        {
            CheckType(ind.Type, scales, isInput: false);
            if (ind.Type.Kind is TypeKind.Record or TypeKind.Collection or TypeKind.Enum or TypeKind.Scale
                || (ind.Type.Kind is TypeKind.List or TypeKind.Map && ind.Type.Of?.Kind is TypeKind.Record or TypeKind.Collection))
            {
                diagnostics.Add(method.Source.At(ind.Pointer + "/type", DiagnosticCode.InvalidTypeDeclaration,
                    $"Indicator '{ind.Id}' has type '{ind.Type.Kind.ToString().ToLowerInvariant()}'; indicators are number, integer, boolean, text, localized, series, or lists and maps of those."));
            }

            if (ind.Type.Nullable && ind.Type.Kind is not (TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Localized))
            {
                diagnostics.Add(method.Source.At(ind.Pointer + "/nullable", DiagnosticCode.InvalidTypeDeclaration, "Only scalar indicators may be nullable."));
            }
        }

        var results = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < method.Results.Count; i++)
        {
            var id = method.Results[i].Id;
            var from = method.Results[i].From;
            var pointer = method.Results[i].Pointer;
            if (!results.Add(id))
            {
                diagnostics.Add(method.Source.At(pointer, DiagnosticCode.DuplicateId, $"Result '{id}' is listed twice."));
            }

            if (!method.Indicators.Any(x => x.Id == from) && !inputs.ContainsKey(from))
            {
                diagnostics.Add(method.Source.At(pointer, DiagnosticCode.UnknownReference, $"Result '{id}': '{from}' is neither an indicator nor an input."));
            }
        }

        if (method.Report is { } report)
        {
            CheckReport(report);
        }
    }

    /// <summary>The report member names results that exist, charts that fit them, and a subject that is a text input.</summary>
    private void CheckReport(ReportDeclaration report)
    {
        var resultTypes = new Dictionary<string, TypeSpec?>(StringComparer.Ordinal);
        foreach (var r in method.Results)
        {
            resultTypes.TryAdd(r.Id, method.Indicators.FirstOrDefault(i => i.Id == r.From)?.Type ?? inputs.GetValueOrDefault(r.From)?.Type);
        }

        void Unknown(string pointer, string id) => diagnostics.Add(method.Source.At(pointer, DiagnosticCode.UnknownReference,
            $"'{id}' is not a result of the method (results: {string.Join(", ", method.Results.Select(r => r.Id))})."));

        for (var i = 0; i < report.Headline.Count; i++)
        {
            if (!resultTypes.ContainsKey(report.Headline[i]))
            {
                Unknown($"{report.Pointer}/headline/{i}", report.Headline[i]);
            }
        }

        if (report.Decision is { } decision)
        {
            if (!resultTypes.TryGetValue(decision, out var type))
            {
                Unknown(report.Pointer + "/decision", decision);
            }
            else if (type?.Kind is not (TypeKind.Text or TypeKind.Localized or TypeKind.Enum))
            {
                diagnostics.Add(method.Source.At(report.Pointer + "/decision", DiagnosticCode.InvalidTypeDeclaration, $"The decision '{decision}' must be a text result."));
            }
        }

        foreach (var chart in report.Charts)
        {
            var types = new List<TypeSpec?>();
            for (var i = 0; i < chart.Results.Count; i++)
            {
                if (resultTypes.TryGetValue(chart.Results[i], out var type))
                {
                    types.Add(type);
                }
                else
                {
                    Unknown($"{chart.Pointer}/results/{i}", chart.Results[i]);
                }
            }

            if (types.Count < chart.Results.Count)
            {
                continue;
            }

            var why = chart.Type switch
            {
                "lines" when !types.All(t => t?.Kind is TypeKind.Series || (t?.Kind == TypeKind.List && t.Of?.Kind is TypeKind.Number or TypeKind.Integer)) =>
                    "A 'lines' chart draws series (or lists of numbers).",
                "bars" when types.Count == 1 && types[0]?.Kind is not (TypeKind.Series or TypeKind.Map or TypeKind.List or TypeKind.Number or TypeKind.Integer) =>
                    "A 'bars' chart draws a map, a series or a list of numbers, or several numbers.",
                "bars" when types.Count > 1 && !types.All(t => t?.Kind is TypeKind.Number or TypeKind.Integer) => "A 'bars' chart of several results draws numbers.",
                "radar" when types.Count < 3 || !types.All(t => t?.Kind is TypeKind.Number or TypeKind.Integer) => "A 'radar' chart draws three or more numbers on comparable scales.",
                _ => null,
            };
            if (why is not null)
            {
                diagnostics.Add(method.Source.At(chart.Pointer + "/results", DiagnosticCode.InvalidTypeDeclaration, why));
            }
        }

        if (report.Subject is { } subject && SubjectType(subject) is not TypeKind.Text and not TypeKind.Enum)
        {
            diagnostics.Add(method.Source.At(report.Pointer + "/subject", DiagnosticCode.UnknownReference,
                $"The subject '{subject}' must point at a text input (outside any list), e.g. /organization/name."));
        }
    }

    /// <summary>The kind of the input a pointer names through records only, or null.</summary>
    private TypeKind? SubjectType(string pointer)
    {
        IReadOnlyList<Declaration> fields = method.Inputs;
        TypeSpec? type = null;
        foreach (var token in Json.JsonPointer.Parse(pointer))
        {
            if (type is not null && type.Kind != TypeKind.Record)
            {
                return null;
            }

            var declaration = fields.FirstOrDefault(f => f.Id == token);
            if (declaration is null)
            {
                return null;
            }

            type = declaration.Type;
            fields = type.Fields;
        }

        return type?.Kind;
    }

    private void CheckIdentifier(string id, string pointer)
    {
        if (!Identifier().IsMatch(id))
        {
            diagnostics.Add(method.Source.At(pointer + "/id", DiagnosticCode.InvalidIdentifier, $"'{id}' is not an identifier (letters, digits, underscores; not starting with a digit)."));
        }
        else if (SyntaxFacts.GetKeywordKind(id) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(id) is SyntaxKind.VarKeyword or SyntaxKind.NameOfKeyword)
        {
            diagnostics.Add(method.Source.At(pointer + "/id", DiagnosticCode.InvalidIdentifier, $"'{id}' is a C# keyword and cannot name a value formulas use."));
        }
        else if (id.StartsWith("__", StringComparison.Ordinal))
        {
            diagnostics.Add(method.Source.At(pointer + "/id", DiagnosticCode.InvalidIdentifier, $"'{id}' starts with two underscores, which are reserved for generated code."));
        }
        else if (Reserved.Contains(id))
        {
            diagnostics.Add(method.Source.At(pointer + "/id", DiagnosticCode.InvalidIdentifier, $"'{id}' is the name of a helper available to formulas; choose another."));
        }
    }

    private void CheckType(TypeSpec type, Dictionary<string, ScaleDefinition> scales, bool isInput)
    {
        var p = type.Pointer;
        void Error(string member, string message) => diagnostics.Add(method.Source.At(p + member, DiagnosticCode.InvalidTypeDeclaration, message));
        void Unknown(string member, string message) => diagnostics.Add(method.Source.At(p + member, DiagnosticCode.UnknownReference, message));

        var kind = type.Kind;
        if (type.Min is { } min && type.Max is { } max && min > max)
        {
            Error("/min", $"min {min} is above max {max}.");
        }

        // The input schema holds bounds as decimals (NJsonSchema): a larger one cannot be expressed, and loading the schema
        // threw JsonReaderException in `rse evaluate` (found by the property tests: "min": 1e308).
        foreach (var (member, bound) in new[] { ("/min", type.Min), ("/max", type.Max) })
        {
            if (bound is { } b && Math.Abs(b) > MaxBound)
            {
                Error(member, $"{member[1..]} {b.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range: bounds lie within ±7.9e28.");
            }
        }

        if ((type.Min is not null || type.Max is not null) && kind is not (TypeKind.Number or TypeKind.Integer))
        {
            Error("/type", "'min' and 'max' apply to numbers and integers (put element bounds in 'of').");
        }

        if (type.Fields.Count > 0 && kind is not (TypeKind.Record or TypeKind.Collection))
        {
            Error("/fields", "'fields' apply to records and collections only.");
        }

        if (type.Of is not null && kind is not (TypeKind.Series or TypeKind.List or TypeKind.Map))
        {
            Error("/of", "'of' applies to series, lists and maps only.");
        }

        if (type.Ref is not null)
        {
            if (kind != TypeKind.Text)
            {
                Error("/ref", "'ref' applies to text only.");
            }
            else if (!inputs.TryGetValue(type.Ref, out var target) || target.Type.Kind != TypeKind.Collection || target.Type.Key is null)
            {
                Unknown("/ref", $"ref '{type.Ref}' is not a collection input with a key.");
            }
        }

        switch (kind)
        {
            case TypeKind.Enum when type.Values.Count == 0:
                Error("/values", "An enum needs 'values'.");
                break;
            case TypeKind.Enum when type.Values.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count() != type.Values.Count:
                Error("/values", "Enum values must be unique.");
                break;
            case TypeKind.Scale when type.Scale is null:
                Error("/scale", "A scale declaration needs 'scale', the name of a scale in 'scales'.");
                break;
            case TypeKind.Scale when !scales.ContainsKey(type.Scale!):
                Unknown("/scale", $"Scale '{type.Scale}' is not declared in 'scales'.");
                break;
            case TypeKind.Series:
                if (type.Length is null)
                {
                    if (isInput)
                    {
                        Error("/length", "A series input needs 'length', the id of the integer input that gives its length.");
                    }
                }
                else if (!inputs.TryGetValue(type.Length, out var length) || length.Type.Kind != TypeKind.Integer)
                {
                    Unknown("/length", $"length '{type.Length}' is not an integer input.");
                }

                if (type.Of is not null && type.Of.Kind is not (TypeKind.Number or TypeKind.Integer))
                {
                    Error("/of", "A series holds numbers.");
                }

                break;
            case TypeKind.List when type.Of is null:
                Error("/of", "A list needs 'of', its element type.");
                break;
            case TypeKind.Map:
                if (type.Of is null)
                {
                    Error("/of", "A map needs 'of', its value type.");
                }

                if (type.Keys is null)
                {
                    Error("/keys", "A map needs 'keys': 'text', 'integer', or the id of a collection input.");
                }
                else if (type.Keys is not ("text" or "integer") && (!inputs.TryGetValue(type.Keys, out var c) || c.Type.Kind != TypeKind.Collection || c.Type.Key is null))
                {
                    Unknown("/keys", $"keys '{type.Keys}' is not 'text', 'integer' or a collection input with a key.");
                }

                break;
            case TypeKind.Record or TypeKind.Collection:
                if (!isInput)
                {
                    break;
                }

                if (type.Fields.Count == 0)
                {
                    Error("/fields", "A record or collection needs 'fields'.");
                }

                var fieldIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (var f in type.Fields)
                {
                    if (!fieldIds.Add(f.Id))
                    {
                        diagnostics.Add(method.Source.At(f.Pointer + "/id", DiagnosticCode.DuplicateId, $"Field '{f.Id}' is declared twice."));
                    }

                    CheckIdentifier(f.Id, f.Pointer);
                    CheckType(f.Type, scales, isInput);
                    CheckDefault(f);
                }

                if (kind == TypeKind.Collection)
                {
                    if (type.Key is null)
                    {
                        break;
                    }

                    var key = type.Fields.FirstOrDefault(f => f.Id == type.Key);
                    if (key is null || key.Type.Kind != TypeKind.Text || !key.Required)
                    {
                        Unknown("/key", $"key '{type.Key}' is not a required text field of the collection.");
                    }
                }
                else if (type.Key is not null)
                {
                    Error("/key", "'key' applies to collections only.");
                }

                break;
            default:
                break;
        }

        if (type.Of is not null)
        {
            CheckType(type.Of, scales, isInput);
        }

        if (type.Nullable && isInput)
        {
            Error("/nullable", "'nullable' applies to indicators; an optional input is declared with \"required\": false.");
        }
    }

    private void CheckDefault(Declaration d)
    {
        if (d.Default is null)
        {
            return;
        }

        if (d.Type.Kind == TypeKind.Map)
        {
            // A map's default is the value of each missing key (the map is then complete).
            if (d.Type.Of is not null && !Fits(d.Default, d.Type.Of, out var whyMap))
            {
                diagnostics.Add(method.Source.At(d.Pointer + "/default", DiagnosticCode.InvalidParameterValue, $"The default entry of map '{d.Id}' does not fit its value type: {whyMap}"));
            }

            return;
        }

        if (d.Required)
        {
            diagnostics.Add(method.Source.At(d.Pointer + "/default", DiagnosticCode.InvalidParameterValue, $"'{d.Id}' is required, so its default would never be used; declare \"required\": false."));
        }
        else if (d.Type.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Enum or TypeKind.Scale && !Fits(d.Default, d.Type, out var why))
        {
            diagnostics.Add(method.Source.At(d.Pointer + "/default", DiagnosticCode.InvalidParameterValue, $"The default of '{d.Id}' does not fit its type: {why}"));
        }
    }

    private static bool Fits(JToken value, TypeSpec type, out string why)
    {
        why = string.Empty;
        switch (type.Kind)
        {
            case TypeKind.Number when value.Type is JTokenType.Integer or JTokenType.Float:
            case TypeKind.Integer or TypeKind.Scale when value.Type == JTokenType.Integer:
                var d = value.Value<double>();
                if ((type.Min is { } min && d < min) || (type.Max is { } max && d > max))
                {
                    why = $"{d} is outside [{type.Min?.ToString() ?? "-inf"}, {type.Max?.ToString() ?? "+inf"}].";
                    return false;
                }

                return true;
            case TypeKind.Boolean when value.Type == JTokenType.Boolean:
            case TypeKind.Text when value.Type == JTokenType.String:
                return true;
            case TypeKind.Enum when value.Type == JTokenType.String:
                if (type.Values.Any(v => v.Value == value.Value<string>()))
                {
                    return true;
                }

                why = $"\"{value}\" is not one of the enum's values.";
                return false;
            case TypeKind.List when value is JArray a:
                foreach (var item in a)
                {
                    if (!Fits(item, type.Of!, out why))
                    {
                        return false;
                    }
                }

                return true;
            case TypeKind.Map when value is JObject o:
                foreach (var prop in o.Properties())
                {
                    if (type.HasIntegerKeys && !long.TryParse(prop.Name, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                    {
                        why = $"key '{prop.Name}' is not an integer.";
                        return false;
                    }

                    if (!Fits(prop.Value, type.Of!, out why))
                    {
                        return false;
                    }
                }

                return true;
            default:
                why = $"a {type.Kind.ToString().ToLowerInvariant()} was expected, not {value.Type.ToString().ToLowerInvariant()}.";
                return false;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
