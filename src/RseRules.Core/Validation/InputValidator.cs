using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;

namespace RseRules.Core.Validation;

/// <summary>
/// Validates an input document against a method: JSON syntax, the schema generated from the input declarations,
/// then what a schema cannot express (series lengths, references, map keys, unique collection keys). A valid
/// document is bound to neutral values (see <see cref="Runtime.GeneratedSupport"/>) with defaults applied.
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

        var values = Bind(method.Inputs, root, checker);
        return new LoadResult<InputDocument>(new InputDocument(source, values, CanonicalJson.Sha256(root)), diagnostics);
    }

    private static Dictionary<string, object?> Bind(IReadOnlyList<Declaration> fields, JObject o, Checker checker)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            var token = o[f.Id];
            values[f.Id] = token is null || token.Type == JTokenType.Null
                ? (f.Type.Kind == TypeKind.Map ? BindMap(f, null, checker) : Neutral(f.Default, f.Type, checker))
                : f.Type.Kind == TypeKind.Map ? BindMap(f, (JObject)token, checker) : Bind(token, f.Type, checker);
        }

        return values;
    }

    private static Dictionary<string, object?> BindMap(Declaration d, JObject? token, Checker checker)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (token is not null)
        {
            foreach (var p in token.Properties())
            {
                map[p.Name] = Bind(p.Value, d.Type.Of!, checker);
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

    private static object? Bind(JToken token, TypeSpec type, Checker checker) => type.Kind switch
    {
        _ when token.Type == JTokenType.Null => null,
        TypeKind.Number => token.Value<double>(),
        TypeKind.Integer or TypeKind.Scale => token.Value<long>(),
        TypeKind.Boolean => token.Value<bool>(),
        TypeKind.Text or TypeKind.Enum => token.Value<string>(),
        TypeKind.Series or TypeKind.List => ((JArray)token).Select(t => Bind(t, type.Of ?? new TypeSpec { Kind = TypeKind.Number }, checker)).ToArray(),
        TypeKind.Collection => ((JArray)token).Select(t => (object?)Bind(type.Fields, (JObject)t, checker)).ToArray(),
        TypeKind.Record => Bind(type.Fields, (JObject)token, checker),
        TypeKind.Map => ((JObject)token).Properties().ToDictionary(p => p.Name, p => Bind(p.Value, type.Of!, checker), StringComparer.Ordinal),
        TypeKind.Localized => new LocalizedText(token["fr"]!.Value<string>()!, token["en"]!.Value<string>()!),
        _ => null,
    };

    private static object? Neutral(JToken? value, TypeSpec type, Checker checker) => value is null ? null : Bind(value, type, checker);

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
                case TypeKind.Series:
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
    }
}
