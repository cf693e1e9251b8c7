using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Uncertainty;

namespace RseRules.Core.Validation;

/// <summary>
/// Validates an input document against a method: JSON syntax, the schema generated from the input declarations,
/// and what a schema cannot express (series lengths, references, map keys, unique collection keys, the order of a
/// distribution's bounds) — in one round: the semantic checks run on every part of the document the schema did not
/// refuse, so a writer sees all the errors at once, sorted by position, each problem once. Messages are in the
/// language of the <see cref="InputMessages"/> given (English by default), with the names closest to an unknown
/// reference or map key ("did you mean …?"). A valid document is bound to neutral values (see <see cref="Runtime.GeneratedSupport"/>)
/// with defaults applied; a number given as a distribution is bound to its mode (the mean for uniform; integers rounded
/// half away from zero), listed in <see cref="InputDocument.Uncertain"/> and reported by a warning (RSE5008).
/// </summary>
public static class InputValidator
{
    private static readonly ConditionalWeakTable<MethodDefinition, JsonSchema> Schemas = [];

    private static readonly ConditionalWeakTable<MethodDefinition, SchemaQuickCheck.TextSchema> QuickSchemas = [];

    /// <summary>Reads and validates an input file.</summary>
    public static LoadResult<InputDocument> Load(MethodDefinition method, string path, string? displayPath = null, InputMessages? messages = null)
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Load(path, diagnostics, displayPath, messages);
        return source is null ? new LoadResult<InputDocument>(null, diagnostics) : Validate(method, source, diagnostics, messages);
    }

    /// <summary>Validates an input document already parsed.</summary>
    public static LoadResult<InputDocument> Validate(MethodDefinition method, JsonSource source, List<Diagnostic>? diagnostics = null, InputMessages? messages = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(source);
        diagnostics ??= [];
        messages ??= InputMessages.English;
        // The schema's quick check, compiled from its text; NJsonSchema reads the schema only for a document in doubt.
        var quick = QuickSchemas.GetValue(method, m => SchemaQuickCheck.FromText(InputSchemaGenerator.Generate(m).ToString()));
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var found = quick.IsValid(source.Root)
            ? []
            : new List<Diagnostic>(SchemaErrors.Validate(Schemas.GetValue(method, _ => JsonSchema.FromJsonAsync(quick.Text).GetAwaiter().GetResult()), source, DiagnosticCode.InputSchema, messages, refused));
        if (source.Root is not JObject root)
        {
            diagnostics.AddRange(found);
            return new LoadResult<InputDocument>(null, diagnostics);
        }

        // The semantic checks run on what the schema did not refuse: all the errors in one round, sorted by position.
        var checker = new Checker(method, source, root, found, messages, refused);
        checker.Check(method.Inputs, root, string.Empty);
        diagnostics.AddRange(found
            .DistinctBy(d => (d.Code, d.Pointer, d.Message))
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Code).ThenBy(d => d.Message, StringComparer.Ordinal));
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new LoadResult<InputDocument>(null, diagnostics);
        }

        var uncertain = new List<UncertainInput>();
        var values = Bind(method.Inputs, root, checker, string.Empty, uncertain);
        if (uncertain.Count > 0)
        {
            diagnostics.Add(source.At(uncertain[0].Pointer, DiagnosticCode.UncertainInputsAtMode, AtModeMessage(uncertain, messages), Severity.Warning));
        }

        return new LoadResult<InputDocument>(new InputDocument(source, values, CanonicalJson.Sha256(root)) { Uncertain = uncertain }, diagnostics);
    }

    /// <summary>The message of the RSE5008 warning: which inputs a plain evaluation takes at their mode.</summary>
    internal static string AtModeMessage(IReadOnlyList<UncertainInput> uncertain, InputMessages? messages = null) =>
        (messages ?? InputMessages.English).AtMode(uncertain.Count, uncertain.Select(u => $"{u.Pointer} = {Convert.ToString(u.Central, CultureInfo.InvariantCulture)}"));

    private static Dictionary<string, object?> Bind(IReadOnlyList<Declaration> fields, JObject o, Checker checker, string pointer, List<UncertainInput> uncertain)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            var token = o[f.Id];
            var at = JsonPointer.Append(pointer, f.Id);
            values[f.Id] = token is null || token.Type == JTokenType.Null
                ? (f.Type.Kind == TypeKind.Map ? BindMap(f, null, checker, at, uncertain) : Neutral(f.Default, f.Type, checker))
                : f.Type.Kind == TypeKind.Map ? BindMap(f, (JObject)token, checker, at, uncertain) : Bind(token, f.Type, checker, at, uncertain);
        }

        return values;
    }

    private static Dictionary<string, object?> BindMap(Declaration d, JObject? token, Checker checker, string pointer, List<UncertainInput> uncertain)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (token is not null)
        {
            foreach (var p in token.Properties())
            {
                map[p.Name] = Bind(p.Value, d.Type.Of!, checker, JsonPointer.Append(pointer, p.Name), uncertain);
            }
        }

        if (d.Default is not null && checker.KeysOf(d.Type.Keys) is { } keys)
        {
            var complete = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var k in keys)
            {
                complete[k] = map.TryGetValue(k, out var v) ? v : Neutral(d.Default, d.Type.Of!, checker);
            }

            return complete;
        }

        return map;
    }

    private static object? Bind(JToken token, TypeSpec type, Checker checker, string pointer, List<UncertainInput> uncertain) => type.Kind switch
    {
        _ when token.Type == JTokenType.Null => null,
        TypeKind.Number or TypeKind.Integer when token is JObject o => BindDistribution(o, type, pointer, uncertain),
        TypeKind.Number => token.Value<double>(),
        TypeKind.Integer or TypeKind.Scale => token.Value<long>(),
        TypeKind.Boolean => token.Value<bool>(),
        TypeKind.Text or TypeKind.Enum => token.Value<string>(),
        TypeKind.Series or TypeKind.List => ((JArray)token).Select((t, i) => Bind(t, type.Of ?? new TypeSpec { Kind = TypeKind.Number }, checker, JsonPointer.Append(pointer, i), uncertain)).ToArray(),
        TypeKind.Collection => ((JArray)token).Select((t, i) => (object?)Bind(type.Fields, (JObject)t, checker, JsonPointer.Append(pointer, i), uncertain)).ToArray(),
        TypeKind.Record => Bind(type.Fields, (JObject)token, checker, pointer, uncertain),
        TypeKind.Map => ((JObject)token).Properties().ToDictionary(p => p.Name, p => Bind(p.Value, type.Of!, checker, JsonPointer.Append(pointer, p.Name), uncertain), StringComparer.Ordinal),
        TypeKind.Localized => new LocalizedText(token["fr"]!.Value<string>()!, token["en"]!.Value<string>()!),
        _ => null,
    };

    private static object BindDistribution(JObject o, TypeSpec type, string pointer, List<UncertainInput> uncertain)
    {
        var input = new UncertainInput(pointer, ReadDistribution(o), type.Kind == TypeKind.Integer);
        uncertain.Add(input);
        return input.Central;
    }

    /// <summary>A distribution object that passed the schema.</summary>
    private static Distribution ReadDistribution(JObject o)
    {
        var kind = Distribution.Parse(o["distribution"]?.Value<string>()) ?? DistributionKind.Uniform;
        var min = o["min"]!.Value<double>();
        var max = o["max"]!.Value<double>();
        return new Distribution(kind, min, kind == DistributionKind.Uniform ? (min + max) / 2 : o["mode"]!.Value<double>(), max);
    }

    private static object? Neutral(JToken? value, TypeSpec type, Checker checker) => value is null ? null : Bind(value, type, checker, string.Empty, []);

    /// <summary>
    /// The semantic checks. Reads only what the schema did not refuse (<paramref name="refused"/>) and what has the shape
    /// its declaration gives, so that a malformed part is skipped, never a crash nor a second report of the same problem.
    /// </summary>
    private sealed class Checker(MethodDefinition method, JsonSource source, JObject root, List<Diagnostic> diagnostics, InputMessages messages, HashSet<string> refused)
    {
        private readonly Dictionary<string, List<string>?> keys = new(StringComparer.Ordinal);

        /// <summary>Whether the schema refused the value at <paramref name="pointer"/> or one inside it.</summary>
        private bool RefusedAtOrUnder(string pointer) =>
            refused.Count > 0 && refused.Any(r => r == pointer || r.StartsWith(pointer + "/", StringComparison.Ordinal));

        private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } v ? (string?)v.Value : null;

        public List<string>? KeysOf(string? collection)
        {
            if (collection is null || collection is "text" or "integer")
            {
                return null;
            }

            if (!keys.TryGetValue(collection, out var list))
            {
                // Unknown (no check against it) when an item or its key is malformed: a reference to it would be reported twice.
                var decl = method.Inputs.FirstOrDefault(i => i.Id == collection);
                var at = JsonPointer.Append(string.Empty, collection);
                list = decl?.Type.Key is { } key && root[collection] is JArray items
                    ? !refused.Contains(at)
                      && items.All(i => i is JObject o && Text(o[key]) is not null)
                      && !Enumerable.Range(0, items.Count).Any(i => refused.Contains(JsonPointer.Append(JsonPointer.Append(at, i), key)))
                        ? items.Select(i => Text(i[key])!).ToList()
                        : null
                    : decl is null && method.Parameters.FirstOrDefault(p => p.Id == collection) is { Type: { Kind: TypeKind.Collection, Key: { } parameterKey } } parameter
                        ? MethodValidator.KeysOf(parameter.Value, parameterKey) // format 2: a map keyed by a collection parameter
                        : null;
                keys[collection] = list;
            }

            return list;
        }

        public void Check(IReadOnlyList<Declaration> fields, JObject o, string pointer)
        {
            foreach (var f in fields)
            {
                if (o[f.Id] is { } token && token.Type != JTokenType.Null)
                {
                    Check(f.Type, token, JsonPointer.Append(pointer, f.Id), f.Id);
                }
            }
        }

        private void Check(TypeSpec type, JToken token, string pointer, string name)
        {
            if (refused.Contains(pointer))
            {
                return; // the schema said what is wrong with this value
            }

            switch (type.Kind)
            {
                case TypeKind.Number or TypeKind.Integer when token is JObject distribution:
                    if (!RefusedAtOrUnder(pointer) && WellFormed(distribution))
                    {
                        CheckDistribution(ReadDistribution(distribution), pointer);
                    }

                    break;
                case TypeKind.Series when token is JArray values:
                    for (var i = 0; i < values.Count; i++)
                    {
                        Check(type.Of ?? new TypeSpec { Kind = TypeKind.Number }, values[i], JsonPointer.Append(pointer, i), name);
                    }

                    if (type.Length is not null && root[type.Length]?.Type == JTokenType.Integer && !refused.Contains(JsonPointer.Append(string.Empty, type.Length)))
                    {
                        var expected = root[type.Length]!.Value<long>() + type.LengthOffset;
                        var count = values.Count;
                        if (count != expected)
                        {
                            diagnostics.Add(source.At(pointer, DiagnosticCode.SeriesLength, messages.SeriesLength(name, count, expected, type.Length, type.LengthOffset)));
                        }
                    }

                    break;
                case TypeKind.Text when type.Ref is not null && Text(token) is { } value:
                    if (KeysOf(type.Ref) is { } refs && !refs.Contains(value, StringComparer.Ordinal))
                    {
                        diagnostics.Add(source.At(pointer, DiagnosticCode.UnknownInputReference,
                            messages.UnknownReference(value, type.Ref, refs, Suggestions.Closest(value, refs))));
                    }

                    break;
                case TypeKind.List when token is JArray list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        Check(type.Of!, list[i], JsonPointer.Append(pointer, i), name);
                    }

                    break;
                case TypeKind.Collection when token is JArray items:
                    var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < items.Count; i++)
                    {
                        var itemPointer = JsonPointer.Append(pointer, i);
                        if (items[i] is not JObject item || refused.Contains(itemPointer))
                        {
                            continue;
                        }

                        if (type.Key is not null && Text(item[type.Key]) is { } key && !refused.Contains(JsonPointer.Append(itemPointer, type.Key)) && !seen.TryAdd(key, i))
                        {
                            diagnostics.Add(source.At(JsonPointer.Append(itemPointer, type.Key), DiagnosticCode.DuplicateKey, messages.DuplicateKey(key, seen[key], name)));
                        }

                        Check(type.Fields, item, itemPointer);
                    }

                    break;
                case TypeKind.Record when token is JObject record:
                    Check(type.Fields, record, pointer);
                    break;
                case TypeKind.Map when token is JObject map:
                    var known = KeysOf(type.Keys);
                    foreach (var p in map.Properties())
                    {
                        var member = JsonPointer.Append(pointer, p.Name);
                        if (known is not null && !known.Contains(p.Name, StringComparer.Ordinal))
                        {
                            diagnostics.Add(source.AtKey(member, DiagnosticCode.UnknownMapKey,
                                messages.UnknownMapKey(p.Name, type.Keys!, known, Suggestions.Closest(p.Name, known.Where(k => !map.ContainsKey(k))))));
                        }
                        else if (type.HasIntegerKeys && !long.TryParse(p.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        {
                            diagnostics.Add(source.AtKey(member, DiagnosticCode.UnknownMapKey, messages.NotIntegerKey(p.Name)));
                        }

                        Check(type.Of!, p.Value, member, name);
                    }

                    break;
                default:
                    break;
            }
        }

        /// <summary>Whether a distribution has its name and the numbers it needs (a missing one refuses no value).</summary>
        private static bool WellFormed(JObject o)
        {
            static bool IsNumber(JToken? t) => t is JValue { Type: JTokenType.Integer or JTokenType.Float };
            var kind = Distribution.Parse(Text(o["distribution"]));
            return kind is not null && IsNumber(o["min"]) && IsNumber(o["max"]) && (kind == DistributionKind.Uniform || IsNumber(o["mode"]));
        }

        private void CheckDistribution(Distribution d, string pointer)
        {
            if (d.Min > d.Max)
            {
                diagnostics.Add(source.At(JsonPointer.Append(pointer, "min"), DiagnosticCode.InvalidDistribution,
                    messages.DistributionMinAboveMax(d.Name, d.Min, d.Max, d.Kind == DistributionKind.Uniform)));
            }
            else if (d.Kind != DistributionKind.Uniform && (d.Mode < d.Min || d.Mode > d.Max))
            {
                diagnostics.Add(source.At(JsonPointer.Append(pointer, "mode"), DiagnosticCode.InvalidDistribution,
                    messages.DistributionModeOutside(d.Name, d.Mode, d.Min, d.Max)));
            }
        }
    }
}
