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
/// then what a schema cannot express (series lengths, references, map keys, unique collection keys, the order of a
/// distribution's bounds). A valid document is bound to neutral values (see <see cref="Runtime.GeneratedSupport"/>)
/// with defaults applied; a number given as a distribution is bound to its mode (the mean for uniform; integers rounded
/// half away from zero), listed in <see cref="InputDocument.Uncertain"/> and reported by a warning (RSE5008).
/// </summary>
public static class InputValidator
{
    private static readonly ConditionalWeakTable<MethodDefinition, JsonSchema> Schemas = [];

    /// <summary>Reads and validates an input file.</summary>
    public static LoadResult<InputDocument> Load(MethodDefinition method, string path, string? displayPath = null)
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Load(path, diagnostics, displayPath);
        return source is null ? new LoadResult<InputDocument>(null, diagnostics) : Validate(method, source, diagnostics);
    }

    /// <summary>Validates an input document already parsed.</summary>
    public static LoadResult<InputDocument> Validate(MethodDefinition method, JsonSource source, List<Diagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(source);
        diagnostics ??= [];
        var schema = Schemas.GetValue(method, m => JsonSchema.FromJsonAsync(InputSchemaGenerator.Generate(m).ToString()).GetAwaiter().GetResult());
        diagnostics.AddRange(SchemaErrors.Validate(schema, source, DiagnosticCode.InputSchema));
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new LoadResult<InputDocument>(null, diagnostics);
        }

        var root = (JObject)source.Root;
        var checker = new Checker(method, source, root, diagnostics);
        checker.Check(method.Inputs, root, string.Empty);
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new LoadResult<InputDocument>(null, diagnostics);
        }

        var uncertain = new List<UncertainInput>();
        var values = Bind(method.Inputs, root, checker, string.Empty, uncertain);
        if (uncertain.Count > 0)
        {
            diagnostics.Add(source.At(uncertain[0].Pointer, DiagnosticCode.UncertainInputsAtMode, AtModeMessage(uncertain), Severity.Warning));
        }

        return new LoadResult<InputDocument>(new InputDocument(source, values, CanonicalJson.Sha256(root)) { Uncertain = uncertain }, diagnostics);
    }

    /// <summary>The message of the RSE5008 warning: which inputs a plain evaluation takes at their mode.</summary>
    internal static string AtModeMessage(IReadOnlyList<UncertainInput> uncertain) =>
        $"{uncertain.Count} uncertain input(s) evaluated at their mode (the mean for uniform): "
        + string.Join(", ", uncertain.Select(u => $"{u.Pointer} = {Convert.ToString(u.Central, CultureInfo.InvariantCulture)}"))
        + "; 'rse simulate' samples them.";

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

    private sealed class Checker(MethodDefinition method, JsonSource source, JObject root, List<Diagnostic> diagnostics)
    {
        private readonly Dictionary<string, List<string>?> keys = new(StringComparer.Ordinal);

        public List<string>? KeysOf(string? collection)
        {
            if (collection is null || collection is "text" or "integer")
            {
                return null;
            }

            if (!keys.TryGetValue(collection, out var list))
            {
                var decl = method.Inputs.FirstOrDefault(i => i.Id == collection);
                list = decl?.Type.Key is { } key && root[collection] is JArray items
                    ? items.OfType<JObject>().Select(i => i[key]?.Value<string>()).OfType<string>().ToList()
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
            switch (type.Kind)
            {
                case TypeKind.Number or TypeKind.Integer when token is JObject distribution:
                    CheckDistribution(ReadDistribution(distribution), pointer);
                    break;
                case TypeKind.Series:
                    var values = (JArray)token;
                    for (var i = 0; i < values.Count; i++)
                    {
                        Check(type.Of ?? new TypeSpec { Kind = TypeKind.Number }, values[i], JsonPointer.Append(pointer, i), name);
                    }

                    if (type.Length is not null && root[type.Length]?.Type == JTokenType.Integer)
                    {
                        var expected = root[type.Length]!.Value<long>() + type.LengthOffset;
                        var count = ((JArray)token).Count;
                        if (count != expected)
                        {
                            var offset = type.LengthOffset == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" {type.LengthOffset:+0;-0}");
                            diagnostics.Add(source.At(pointer, DiagnosticCode.SeriesLength,
                                $"'{name}' has {count} value(s); it must have {expected} ({type.Length}{offset})."));
                        }
                    }

                    break;
                case TypeKind.Text when type.Ref is not null:
                    var value = token.Value<string>()!;
                    if (KeysOf(type.Ref) is { } refs && !refs.Contains(value, StringComparer.Ordinal))
                    {
                        diagnostics.Add(source.At(pointer, DiagnosticCode.UnknownInputReference,
                            $"'{value}' is not the key of an item of '{type.Ref}' (known: {string.Join(", ", refs)})."));
                    }

                    break;
                case TypeKind.List:
                    var list = (JArray)token;
                    for (var i = 0; i < list.Count; i++)
                    {
                        Check(type.Of!, list[i], JsonPointer.Append(pointer, i), name);
                    }

                    break;
                case TypeKind.Collection:
                    var items = (JArray)token;
                    var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < items.Count; i++)
                    {
                        var item = (JObject)items[i];
                        var itemPointer = JsonPointer.Append(pointer, i);
                        if (type.Key is not null && item[type.Key]?.Value<string>() is { } key && !seen.TryAdd(key, i))
                        {
                            diagnostics.Add(source.At(JsonPointer.Append(itemPointer, type.Key), DiagnosticCode.DuplicateKey,
                                $"'{key}' is already the key of item {seen[key]} of '{name}'."));
                        }

                        Check(type.Fields, item, itemPointer);
                    }

                    break;
                case TypeKind.Record:
                    Check(type.Fields, (JObject)token, pointer);
                    break;
                case TypeKind.Map:
                    var known = KeysOf(type.Keys);
                    foreach (var p in ((JObject)token).Properties())
                    {
                        var member = JsonPointer.Append(pointer, p.Name);
                        if (known is not null && !known.Contains(p.Name, StringComparer.Ordinal))
                        {
                            diagnostics.Add(source.AtKey(member, DiagnosticCode.UnknownMapKey,
                                $"'{p.Name}' is not the key of an item of '{type.Keys}' (known: {string.Join(", ", known)})."));
                        }
                        else if (type.HasIntegerKeys && !long.TryParse(p.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        {
                            diagnostics.Add(source.AtKey(member, DiagnosticCode.UnknownMapKey, $"'{p.Name}' is not an integer key."));
                        }

                        Check(type.Of!, p.Value, member, name);
                    }

                    break;
                default:
                    break;
            }
        }

        private void CheckDistribution(Distribution d, string pointer)
        {
            string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            if (d.Min > d.Max)
            {
                diagnostics.Add(source.At(JsonPointer.Append(pointer, "min"), DiagnosticCode.InvalidDistribution,
                    $"The {d.Name} distribution's min {Num(d.Min)} is above its max {Num(d.Max)}: it needs min ≤ {(d.Kind == DistributionKind.Uniform ? string.Empty : "mode ≤ ")}max."));
            }
            else if (d.Kind != DistributionKind.Uniform && (d.Mode < d.Min || d.Mode > d.Max))
            {
                diagnostics.Add(source.At(JsonPointer.Append(pointer, "mode"), DiagnosticCode.InvalidDistribution,
                    $"The {d.Name} distribution's mode {Num(d.Mode)} is {(d.Mode < d.Min ? "below its min " + Num(d.Min) : "above its max " + Num(d.Max))}: it needs min ≤ mode ≤ max."));
            }
        }
    }
}
