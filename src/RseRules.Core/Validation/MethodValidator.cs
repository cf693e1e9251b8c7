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

    private Dictionary<string, ParameterDefinition> parameters = new(StringComparer.Ordinal);

    /// <summary>Whether a name is a C# keyword (written <c>@name</c> in generated code).</summary>
    internal static bool IsKeyword(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None;

    /// <summary>Reports a feature of format version 2 used by a method that declares version 1.</summary>
    private bool NeedsV2(string pointer, string feature)
    {
        if (method.FormatVersion >= 2)
        {
            return false;
        }

        diagnostics.Add(method.Source.At(pointer, DiagnosticCode.NeedsFormatVersion2, $"{feature} needs \"formatVersion\": 2 (this method declares 1)."));
        return true;
    }

    /// <summary>The keys of a collection a map may be keyed by: a collection input (keys known from each document) or, in
    /// format 2, a collection parameter (keys known now); null when <paramref name="id"/> is neither.</summary>
    private TypeSpec? KeyCollection(string id, out ParameterDefinition? parameter)
    {
        parameter = null;
        if (inputs.TryGetValue(id, out var input) && input.Type.Kind == TypeKind.Collection && input.Type.Key is not null)
        {
            return input.Type;
        }

        if (parameters.TryGetValue(id, out var p) && p.Type.Kind == TypeKind.Collection && p.Type.Key is not null)
        {
            parameter = p;
            return p.Type;
        }

        return null;
    }

    public void Validate()
    {
        inputs = method.Inputs.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        parameters = method.Parameters.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var scales = method.Scales.ToDictionary(s => s.Id, StringComparer.Ordinal);

        // One namespace for parameters, inputs and indicators.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, pointer) in method.Parameters.Select(p => (p.Id, p.Pointer))
                     .Concat(method.Inputs.Select(i => (i.Id, i.Pointer)))
                     .Concat(method.Indicators.Select(i => (i.Id, i.Pointer))))
        {
            CheckIdentifier(id, pointer);
            if (method.FormatVersion >= 2 && id == "Scales")
            {
                diagnostics.Add(method.Source.At(pointer + "/id", DiagnosticCode.InvalidIdentifier, "'Scales' names the method's scales in formulas of format version 2 (Scales.riskLevel.Max); choose another id."));
            }

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

            if (rule.ForEach is not null)
            {
                CheckForEach(rule);
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
            CheckCatalogue(input);
        }

        foreach (var p in method.Parameters)
        {
            CheckType(p.Type, scales, isInput: false);
            var composite = p.Type.Kind is TypeKind.Record or TypeKind.Collection
                || (p.Type.Kind == TypeKind.Map && p.Type.Keys is not (null or "text" or "integer"));
            if (p.Type.Kind is not (TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.List or TypeKind.Map or TypeKind.Record or TypeKind.Collection)
                || (p.Type.Kind is TypeKind.List or TypeKind.Map && p.Type.Of?.Kind is not (TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text))
                || (p.Type.Kind is TypeKind.Record or TypeKind.Collection && p.Type.Fields.Any(f => !IsScalar(f.Type.Kind))))
            {
                diagnostics.Add(method.Source.At(p.Pointer + "/type", DiagnosticCode.InvalidTypeDeclaration,
                    $"Parameter '{p.Id}' must be a number, integer, boolean, text, a list or map of those, or (format 2) a record or collection of such fields."));
            }
            else if (composite && NeedsV2(p.Pointer + "/type", p.Type.Kind == TypeKind.Map ? $"A map parameter keyed by collection '{p.Type.Keys}'" : $"A {p.Type.Kind.ToString().ToLowerInvariant()} parameter"))
            {
            }
            else if (p.Type.Kind is TypeKind.Record or TypeKind.Collection or TypeKind.Map)
            {
                CheckValue(p.Value, p.Type, p.Pointer + "/value", p.Id);
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
            if (ind.Type.Kind is TypeKind.Scale
                || (ind.Type.Kind is TypeKind.List or TypeKind.Map && ind.Type.Of?.Kind is TypeKind.Record or TypeKind.Collection)
                || (ind.Type.Kind is TypeKind.Record or TypeKind.Collection && ind.Type.Fields.Any(f => !IsScalar(f.Type.Kind))))
            {
                diagnostics.Add(method.Source.At(ind.Pointer + "/type", DiagnosticCode.InvalidTypeDeclaration,
                    $"Indicator '{ind.Id}' has type '{ind.Type.Kind.ToString().ToLowerInvariant()}'; indicators are number, integer, boolean, text, localized, series, lists and maps of those, or (format 2) enum, lists and maps of enums, and records or collections of scalar fields."));
            }
            else if (ind.Type.Kind is TypeKind.Enum or TypeKind.Record or TypeKind.Collection)
            {
                NeedsV2(ind.Pointer + "/type", $"An {ind.Type.Kind.ToString().ToLowerInvariant()} indicator");
            }
            else if (ind.Type.Kind is TypeKind.List or TypeKind.Map && ind.Type.Of?.Kind is TypeKind.Enum)
            {
                NeedsV2(ind.Pointer + "/of", $"A {ind.Type.Kind.ToString().ToLowerInvariant()} of enum values");
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

    /// <summary>
    /// A rule's <c>forEach</c>: a collection input; in format 2 also a map or series (input, parameter or indicator), a
    /// collection parameter or a collection indicator. An input check (severity error) iterates collection inputs only,
    /// the items its diagnostics point at.
    /// </summary>
    private void CheckForEach(RuleDefinition rule)
    {
        var at = rule.Pointer + "/forEach";
        var id = rule.ForEach!;
        if (inputs.TryGetValue(id, out var c) && c.Type.Kind == TypeKind.Collection)
        {
            return;
        }

        var (type, what) = inputs.TryGetValue(id, out var input) ? (input.Type, "input")
            : parameters.TryGetValue(id, out var parameter) ? (parameter.Type, "parameter")
            : method.Indicators.FirstOrDefault(i => i.Id == id) is { } indicator ? (indicator.Type, "indicator")
            : (null, string.Empty);
        if (type?.Kind is not (TypeKind.Collection or TypeKind.Map or TypeKind.Series))
        {
            diagnostics.Add(method.Source.At(at, DiagnosticCode.UnknownReference,
                $"forEach '{id}' is not a collection, a map or a series (an input, a parameter or an indicator)."));
            return;
        }

        if (NeedsV2(at, $"forEach over a {type.Kind.ToString().ToLowerInvariant()} {what}"))
        {
            return;
        }

        if (rule.Severity == Severity.Error)
        {
            diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidTypeDeclaration,
                $"An input check (severity 'error') iterates a collection input, whose items its diagnostics point at; '{id}' is a {type.Kind.ToString().ToLowerInvariant()} {what}."));
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

    /// <summary>
    /// A collection input's <c>catalogue</c> (format 2): a collection parameter that has the input's key field, whose
    /// fields shared with the input's by id can be copied into a document (same kind, same scale, enum values among the
    /// input's; an integer into a number; a localized text into a text), and whose items fit the input's item count.
    /// </summary>
    private void CheckCatalogue(Declaration input)
    {
        var type = input.Type;
        if (type.Catalogue is not { } id)
        {
            return;
        }

        var at = type.Pointer + "/catalogue";
        if (NeedsV2(at, "A catalogue"))
        {
            return;
        }

        if (type.Kind != TypeKind.Collection || type.Key is null)
        {
            diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidTypeDeclaration, "'catalogue' applies to collection inputs with a key."));
            return;
        }

        if (KeyCollection(id, out var parameter) is not { } catalogue || parameter is null)
        {
            var known = parameters.Values.Where(x => x.Type.Kind == TypeKind.Collection && x.Type.Key is not null).Select(x => x.Id);
            diagnostics.Add(method.Source.At(at, DiagnosticCode.UnknownReference, $"catalogue '{id}' is not a collection parameter with a key{Suggest(id, known)}."));
            return;
        }

        if (!catalogue.Fields.Any(f => f.Id == type.Key && f.Type.Kind == TypeKind.Text))
        {
            diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidTypeDeclaration, $"catalogue '{id}' has no text field '{type.Key}', the key of the input's items."));
        }

        foreach (var field in type.Fields)
        {
            if (catalogue.Fields.FirstOrDefault(f => f.Id == field.Id) is { } source && !Copyable(source.Type, field.Type))
            {
                diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidTypeDeclaration, $"Field '{field.Id}' of catalogue '{id}' ({Describe(source.Type)}) cannot fill field '{field.Id}' of the input's items ({Describe(field.Type)})."));
            }
        }

        var count = parameter.Value is JArray items ? items.Count : 0;
        if ((type.MinItems is { } least && count < least) || (type.MaxItems is { } most && count > most))
        {
            diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidTypeDeclaration, $"Catalogue '{id}' has {count} items; the input takes {type.MinItems ?? 0} to {(type.MaxItems is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any number of")} items."));
        }

        static bool Copyable(TypeSpec from, TypeSpec to) => (from.Kind, to.Kind) switch
        {
            (TypeKind.Localized, TypeKind.Text) or (TypeKind.Integer, TypeKind.Number) => true,
            (TypeKind.Scale, TypeKind.Scale) => from.Scale == to.Scale,
            (TypeKind.Enum, TypeKind.Enum) => from.Values.All(v => to.Values.Any(w => w.Value == v.Value)),
            (TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Localized, _) => from.Kind == to.Kind,
            _ => false,
        };

        static string Describe(TypeSpec t) => t.Kind == TypeKind.Scale ? $"scale '{t.Scale}'" : t.Kind.ToString().ToLowerInvariant();
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
                else if (type.Keys is not ("text" or "integer"))
                {
                    if (KeyCollection(type.Keys, out var keyParameter) is null)
                    {
                        Unknown("/keys", $"keys '{type.Keys}' is not 'text', 'integer' or a collection (input, or parameter in format 2) with a key.");
                    }
                    else if (keyParameter is not null)
                    {
                        NeedsV2(p + "/keys", $"A map keyed by collection parameter '{type.Keys}'");
                    }
                }

                break;
            case TypeKind.Record or TypeKind.Collection:
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

    /// <summary>The kinds a field of a record or collection parameter or indicator may have.</summary>
    private static bool IsScalar(TypeKind kind) =>
        kind is TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Enum or TypeKind.Scale or TypeKind.Localized;

    /// <summary>
    /// The value of a record, collection or map parameter against its declaration, each problem located at the member
    /// of the value that has it: required fields, unknown members, field types, unique keys, item counts, and the keys of
    /// a map keyed by a collection parameter.
    /// </summary>
    private void CheckValue(JToken value, TypeSpec type, string pointer, string name)
    {
        void Bad(string at, string message) => diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidParameterValue, $"Parameter '{name}': {message}"));
        switch (type.Kind)
        {
            case TypeKind.Record when value is JObject o:
                CheckFields(type.Fields, o, pointer, name);
                return;
            case TypeKind.Collection when value is JArray items:
                if ((type.MinItems is { } fewest && items.Count < fewest) || (type.MaxItems is { } most && items.Count > most))
                {
                    Bad(pointer, $"{items.Count} item(s); {type.MinItems?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"} to {type.MaxItems?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any number"} are accepted.");
                }

                var keys = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < items.Count; i++)
                {
                    var at = Json.JsonPointer.Append(pointer, i);
                    if (items[i] is not JObject item)
                    {
                        Bad(at, $"item {i} must be an object with fields {string.Join(", ", type.Fields.Select(f => f.Id))}.");
                        continue;
                    }

                    CheckFields(type.Fields, item, at, name);
                    if (type.Key is not null && item[type.Key]?.Type == JTokenType.String && !keys.TryAdd(item[type.Key]!.Value<string>()!, i))
                    {
                        Bad(Json.JsonPointer.Append(at, type.Key), $"'{item[type.Key]}' is already the key of item {keys[item[type.Key]!.Value<string>()!]}.");
                    }
                }

                return;
            case TypeKind.Map when value is JObject map:
                var known = type.Keys is { } k && KeyCollection(k, out var keyParameter) is { } collection && keyParameter is not null
                    ? KeysOf(keyParameter.Value, collection.Key!)
                    : null;
                foreach (var prop in map.Properties())
                {
                    var at = Json.JsonPointer.Append(pointer, prop.Name);
                    if (known is not null && !known.Contains(prop.Name))
                    {
                        diagnostics.Add(method.Source.AtKey(at, DiagnosticCode.InvalidParameterValue,
                            $"Parameter '{name}': '{prop.Name}' is not the key of an item of '{type.Keys}' (known: {string.Join(", ", known)}){Suggest(prop.Name, known)}."));
                    }
                    else if (type.HasIntegerKeys && !long.TryParse(prop.Name, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                    {
                        diagnostics.Add(method.Source.AtKey(at, DiagnosticCode.InvalidParameterValue, $"Parameter '{name}': key '{prop.Name}' is not an integer."));
                    }
                    else if (type.Of is not null && !Fits(prop.Value, type.Of, out var why))
                    {
                        Bad(at, why);
                    }
                }

                return;
            default:
                Bad(pointer, $"a {type.Kind.ToString().ToLowerInvariant()} was expected, not {value.Type.ToString().ToLowerInvariant()}.");
                return;
        }
    }

    private void CheckFields(IReadOnlyList<Declaration> fields, JObject o, string pointer, string name)
    {
        foreach (var member in o.Properties().Where(m => !fields.Any(f => f.Id == m.Name)))
        {
            diagnostics.Add(method.Source.AtKey(Json.JsonPointer.Append(pointer, member.Name), DiagnosticCode.InvalidParameterValue,
                $"Parameter '{name}': '{member.Name}' is not a field (fields: {string.Join(", ", fields.Select(f => f.Id))}){Suggest(member.Name, fields.Select(f => f.Id))}."));
        }

        foreach (var f in fields)
        {
            var at = Json.JsonPointer.Append(pointer, f.Id);
            if (o[f.Id] is not { } v || v.Type == JTokenType.Null)
            {
                if (f.Required)
                {
                    diagnostics.Add(method.Source.At(pointer, DiagnosticCode.InvalidParameterValue, $"Parameter '{name}': field '{f.Id}' is missing."));
                }

                continue;
            }

            if (f.Type.Kind == TypeKind.Localized)
            {
                if (v is not JObject text || text["fr"]?.Type != JTokenType.String || text["en"]?.Type != JTokenType.String || text.Count != 2)
                {
                    diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidParameterValue, $"Parameter '{name}': field '{f.Id}' must be {{ \"fr\": \"…\", \"en\": \"…\" }}."));
                }
            }
            else if (!Fits(v, f.Type, out var why))
            {
                diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidParameterValue, $"Parameter '{name}': field '{f.Id}': {why}"));
            }
            else if (f.Type.MaxLength is { } longest && v.Type == JTokenType.String && v.Value<string>()!.Length > longest)
            {
                diagnostics.Add(method.Source.At(at, DiagnosticCode.InvalidParameterValue, $"Parameter '{name}': field '{f.Id}' is longer than {longest} characters."));
            }
        }
    }

    /// <summary>The item keys of a collection parameter's value.</summary>
    internal static List<string> KeysOf(JToken value, string key) =>
        value is JArray items ? [.. items.OfType<JObject>().Select(i => i[key]).Where(k => k?.Type == JTokenType.String).Select(k => k!.Value<string>()!)] : [];

    /// <summary>", did you mean 'x'?" for the known name closest to a misspelt one (edit distance at most a third of its
    /// length, and at most 3), else nothing.</summary>
    internal static string Suggest(string name, IEnumerable<string> known)
    {
        var best = known.Select(k => (Key: k, Distance: EditDistance(name, k))).Where(x => x.Distance <= Math.Min(3, Math.Max(1, name.Length / 3)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Key, StringComparer.Ordinal).FirstOrDefault();
        return best.Key is null ? string.Empty : $"; did you mean '{best.Key}'?";
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), case-sensitive.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
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
