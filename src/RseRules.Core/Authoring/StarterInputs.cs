using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Core.Validation;

namespace RseRules.Core.Authoring;

/// <summary>A starter input document, where its values come from, and what checking it found.</summary>
/// <param name="Document">The document (without <c>$schema</c>).</param>
/// <param name="Origin">The example it was taken from (path), or null for neutral figures.</param>
/// <param name="Diagnostics">What validating and evaluating it found (no error when the starter is sound).</param>
public sealed record StarterDocument(JObject Document, string? Origin, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Writes a starter input document for a method (<c>rse new inputs</c>): an example the method (or, for an overlay, one of
/// its bases) ships in its <c>examples/</c> folder — completed with neutral values for inputs the example lacks and
/// stripped of what the method does not declare — when one validates and evaluates; else neutral figures built from the
/// declarations: zero within bounds, integers that give series lengths at least 1, the first enum value, the lowest scale
/// level, <c>minItems</c> items (one for collections), series as long as their length input says, maps keyed by their
/// collection's items, defaults where declared. Every candidate is validated and evaluated before it is chosen.
/// </summary>
public static class StarterInputs
{
    /// <summary>Builds the starter document.</summary>
    /// <param name="compiled">The method, compiled.</param>
    /// <param name="useExamples">Whether to try the shipped examples first (else neutral figures only).</param>
    /// <param name="displayPath">How diagnostics about the starter name it (the file it will be written to).</param>
    /// <param name="catalogueLanguage">
    /// When not null, the collection inputs that declare a <c>catalogue</c> take its items (a localized field into a text
    /// field in this language, <c>fr</c> or <c>en</c>), the fields the catalogue lacks neutral; the other inputs come from
    /// the example or are neutral as usual, and references into the replaced collections are kept to their new keys.
    /// </param>
    public static StarterDocument Create(CompiledMethod compiled, bool useExamples = true, string displayPath = "starter.json", string? catalogueLanguage = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var method = compiled.Method;
        StarterDocument? fallback = null;
        if (useExamples)
        {
            foreach (var path in Examples(method))
            {
                JObject example;
                try
                {
                    example = JObject.Parse(File.ReadAllText(path));
                }
                catch (Newtonsoft.Json.JsonException)
                {
                    continue;
                }

                var document = Complete(method, example);
                List<Diagnostic> diagnostics;
                if (catalogueLanguage is null)
                {
                    diagnostics = Check(compiled, document, displayPath);
                }
                else
                {
                    // The catalogue's items come with neutral figures (weights, scores): repaired like a neutral document.
                    ApplyCatalogues(method, document, catalogueLanguage);
                    diagnostics = Repair(compiled, document, displayPath);
                }

                if (!Engine.HasErrors(diagnostics))
                {
                    if (diagnostics.Count == 0)
                    {
                        return new StarterDocument(document, path, diagnostics);
                    }

                    fallback ??= new StarterDocument(document, path, diagnostics);
                }
            }
        }

        if (fallback is not null)
        {
            return fallback;
        }

        var neutral = Neutral(method);
        if (catalogueLanguage is not null)
        {
            ApplyCatalogues(method, neutral, catalogueLanguage);
        }

        return new StarterDocument(neutral, null, Repair(compiled, neutral, displayPath));
    }

    /// <summary>The collection inputs of a method that declare a catalogue, with the catalogue parameter.</summary>
    public static IReadOnlyList<(Declaration Input, ParameterDefinition Catalogue)> Catalogues(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return [.. method.Inputs
            .Where(i => i.Type.Kind == TypeKind.Collection && i.Type.Catalogue is not null)
            .Select(i => (Input: i, Catalogue: method.Parameters.FirstOrDefault(p => p.Id == i.Type.Catalogue && p.Type.Kind == TypeKind.Collection)))
            .Where(x => x.Catalogue is not null)
            .Select(x => (x.Input, x.Catalogue!))];
    }

    /// <summary>
    /// Replaces, in <paramref name="document"/>, each collection input that declares a catalogue with the catalogue's
    /// items (fields shared by id copied, a localized one in <paramref name="language"/>; the others neutral), then keeps
    /// every reference into a replaced collection valid: a <c>ref</c> to a key that is gone names the first key, a list of
    /// refs keeps the keys that remain, a map keyed by the collection keeps the keys that remain and gets the missing ones
    /// when it declares a default.
    /// </summary>
    private static void ApplyCatalogues(MethodDefinition method, JObject document, string language)
    {
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (input, catalogue) in Catalogues(method).OrderBy(x => Ordered(method).ToList().IndexOf(x.Input)))
        {
            var sourceFields = catalogue.Type.Fields.ToDictionary(f => f.Id, StringComparer.Ordinal);
            var items = new JArray();
            foreach (var item in catalogue.Value.OfType<JObject>())
            {
                var o = new JObject();
                foreach (var field in input.Type.Fields)
                {
                    if (item[field.Id] is { } value && value.Type != JTokenType.Null && sourceFields.TryGetValue(field.Id, out var from))
                    {
                        o[field.Id] = from.Type.Kind == TypeKind.Localized && field.Type.Kind == TypeKind.Text ? InLanguage(value, language) : value.DeepClone();
                    }
                    else if (field.Required || field.Default is not null)
                    {
                        o[field.Id] = Initial(field, method, document, input.Id);
                    }
                }

                items.Add(o);
            }

            document[input.Id] = items;
            replaced.Add(input.Id);
        }

        foreach (var input in method.Inputs)
        {
            if (document[input.Id] is { } value)
            {
                document[input.Id] = KeepReferences(input, value, method, document, replaced);
            }
        }
    }

    /// <summary>A localized value's text in a language, else in the other one.</summary>
    private static JValue InLanguage(JToken value, string language)
    {
        var other = language == "fr" ? "en" : "fr";
        var text = value[language]?.Type == JTokenType.String ? value[language]!.Value<string>() : null;
        return new JValue(string.IsNullOrEmpty(text) && value[other]?.Type == JTokenType.String ? value[other]!.Value<string>() : text ?? string.Empty);
    }

    private static JToken KeepReferences(Declaration declaration, JToken value, MethodDefinition method, JObject document, HashSet<string> replaced)
    {
        var type = declaration.Type;
        switch (type.Kind)
        {
            case TypeKind.Text when type.Ref is { } collection && replaced.Contains(collection) && value.Type == JTokenType.String:
                var keys = Keys(method, document, collection);
                return keys.Contains(value.Value<string>()!) || keys.Count == 0 ? value : new JValue(keys[0]);
            case TypeKind.List when type.Of is { Kind: TypeKind.Text, Ref: { } collection } && replaced.Contains(collection) && value is JArray list:
                var known = Keys(method, document, collection);
                var kept = new JArray(list.Where(v => v.Type == JTokenType.String && known.Contains(v.Value<string>()!)).Select(v => v.DeepClone()));
                if (kept.Count < (type.MinItems ?? 0) && known.Count > 0)
                {
                    kept.Add(known[0]);
                }

                return kept;
            case TypeKind.Map when type.Keys is { } collection && replaced.Contains(collection) && value is JObject map:
                var mapKeys = Keys(method, document, collection);
                var result = new JObject(map.Properties().Where(p => mapKeys.Contains(p.Name)).Select(p => new JProperty(p.Name, p.Value.DeepClone())));
                if (declaration.Default is { } element)
                {
                    foreach (var k in mapKeys.Where(k => result[k] is null))
                    {
                        result[k] = element.DeepClone();
                    }
                }

                return result;
            case TypeKind.Record when value is JObject record:
                return Fields(type, record);
            case TypeKind.Collection when value is JArray array:
                return new JArray(array.Select(i => i is JObject item ? Fields(type, item) : i));
            default:
                return value;
        }

        JObject Fields(TypeSpec t, JObject o)
        {
            var copy = new JObject();
            foreach (var p in o.Properties())
            {
                var field = t.Fields.FirstOrDefault(f => f.Id == p.Name);
                copy[p.Name] = field is null ? p.Value.DeepClone() : KeepReferences(field, p.Value, method, document, replaced);
            }

            return copy;
        }
    }

    /// <summary>The neutral document of a method: every required input, and the optional ones that declare a default.</summary>
    public static JObject Neutral(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var document = new JObject();
        foreach (var input in Ordered(method))
        {
            if (input.Default is not null || input.Required)
            {
                document[input.Id] = Initial(input, method, document, input.Id);
            }
        }

        // Back in declaration order.
        return new JObject(method.Inputs.Where(i => document[i.Id] is not null).Select(i => new JProperty(i.Id, document[i.Id])));
    }

    private const int MaxRepairs = 16;

    private const int MaxGroups = 64;

    /// <summary>
    /// Makes neutral figures pass the method's checks where a simple change does: for the first error, the numbers under
    /// its pointer (all of them when it points outside the document), grouped by member name, are tried at a few values —
    /// 100 or 1 split over the group (weights that must sum to 100 or 1), 1, 10, 100, 0.5: <see cref="Candidates"/> — and the first that
    /// lowers the number of errors is kept. Bounded: at most <see cref="MaxRepairs"/> rounds. Returns the final diagnostics.
    /// </summary>
    private static List<Diagnostic> Repair(CompiledMethod compiled, JObject document, string displayPath)
    {
        var diagnostics = Check(compiled, document, displayPath);
        for (var round = 0; round < MaxRepairs; round++)
        {
            var errors = diagnostics.Count(d => d.Severity == Severity.Error);
            var first = diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
            if (first is null)
            {
                break;
            }

            var scope = Resolve(document, first.Pointer) ?? document;
            var groups = Numbers(scope).GroupBy(v => v.Parent is JProperty p ? p.Name : "[]").Take(MaxGroups).ToArray();
            var improved = false;
            foreach (var group in groups)
            {
                var leaves = group.ToArray();
                var old = leaves.Select(v => v.Value).ToArray();
                foreach (var candidate in Candidates(leaves.Length))
                {
                    for (var i = 0; i < leaves.Length; i++)
                    {
                        var value = candidate(i);
                        leaves[i].Value = leaves[i].Type == JTokenType.Integer && value == Math.Floor(value) ? (object)(long)value : value;
                    }

                    var attempt = Check(compiled, document, displayPath);
                    if (attempt.Count(d => d.Severity == Severity.Error) < errors)
                    {
                        diagnostics = attempt;
                        improved = true;
                        break;
                    }
                }

                if (improved)
                {
                    break;
                }

                for (var i = 0; i < leaves.Length; i++)
                {
                    leaves[i].Value = old[i];
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// The values tried for a group of <paramref name="n"/> numbers, in order: 100 split in whole numbers (the first ones
    /// one more: 17, 17, 17, 17, 16, 16 — a sum of exactly 100 that reads as a person would write it), 100 and 1 split
    /// evenly, then 1, 10, 100 and 0.5 each.
    /// </summary>
    private static IEnumerable<Func<int, double>> Candidates(int n)
    {
        yield return i => (100 / n) + (i < 100 % n ? 1 : 0);
        yield return _ => 100.0 / n;
        yield return _ => 1.0 / n;
        foreach (var each in new[] { 1, 10, 100, 0.5 })
        {
            yield return _ => each;
        }
    }

    private static JToken? Resolve(JObject document, string? pointer) =>
        string.IsNullOrEmpty(pointer) ? null : JsonPointer.Resolve(document, pointer);

    private static IEnumerable<JValue> Numbers(JToken scope) => scope is JValue { Type: JTokenType.Integer or JTokenType.Float } v
        ? [v]
        : scope is JContainer c ? c.Descendants().OfType<JValue>().Where(x => x.Type is JTokenType.Integer or JTokenType.Float) : [];

    /// <summary>The example files of a method and of its bases, <c>example.json</c> first, then the others by name.</summary>
    private static IEnumerable<string> Examples(MethodDefinition method)
    {
        var folders = new List<string> { method.Directory };
        var directory = method.Directory;
        foreach (var b in method.Bases)
        {
            var at = b.Reference.IndexOf('@', StringComparison.Ordinal);
            directory = Path.GetFullPath(Path.Combine(directory, "..", "..", b.Reference[..at], b.Reference[(at + 1)..]));
            folders.Add(directory);
        }

        foreach (var folder in folders.Select(f => Path.Combine(f, "examples")).Where(Directory.Exists))
        {
            var files = Directory.GetFiles(folder, "*.json").OrderBy(f => Path.GetFileName(f) == "example.json" ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                yield return file;
            }
        }
    }

    /// <summary>An example kept to what the method declares, with neutral values for the required inputs it lacks.</summary>
    private static JObject Complete(MethodDefinition method, JObject example)
    {
        var document = new JObject();
        foreach (var input in Ordered(method))
        {
            if (example[input.Id] is { } given)
            {
                document[input.Id] = given.DeepClone();
            }
            else if (input.Required && input.Default is null)
            {
                document[input.Id] = Initial(input, method, document, input.Id);
            }
        }

        return new JObject(method.Inputs.Where(i => document[i.Id] is not null).Select(i => new JProperty(i.Id, document[i.Id])));
    }

    /// <summary>Inputs in an order where what a value depends on (a series' length, a map's collection, a ref's collection) comes first.</summary>
    private static IEnumerable<Declaration> Ordered(MethodDefinition method)
    {
        static int Rank(Declaration d) => d.Type.Kind switch
        {
            TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Enum or TypeKind.Scale or TypeKind.Localized => 0,
            TypeKind.Collection or TypeKind.List or TypeKind.Record => 1,
            TypeKind.Text when d.Type.Ref is null => 0,
            _ => 2,
        };

        return method.Inputs.OrderBy(Rank);
    }

    private static List<Diagnostic> Check(CompiledMethod compiled, JObject document, string displayPath)
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Parse(CanonicalJson.WriteIndented(document), displayPath, diagnostics);
        if (source is null)
        {
            return diagnostics;
        }

        var inputs = InputValidator.Validate(compiled.Method, source, diagnostics);
        if (inputs.Value is null)
        {
            return [.. inputs.Diagnostics];
        }

        var result = Evaluator.Evaluate(compiled, inputs.Value);
        return [.. inputs.Diagnostics.Concat(result.Diagnostics).Distinct()];
    }

    /// <summary>A neutral value of a type; <paramref name="document"/> holds the values already chosen (for lengths and keys).</summary>
    private static JToken Value(TypeSpec type, MethodDefinition method, JObject document, string id)
    {
        switch (type.Kind)
        {
            case TypeKind.Number:
                return new JValue(Clamp(0, type.Min, type.Max));
            case TypeKind.Integer:
                var least = method.Inputs.Any(i => LengthInput(i.Type) == id) ? 1 : 0;
                var integer = Clamp(least, type.Min is { } min ? Math.Ceiling(min) : null, type.Max is { } max ? Math.Floor(max) : null);
                return new JValue((long)integer);
            case TypeKind.Boolean:
                return new JValue(false);
            case TypeKind.Text:
                return new JValue(type.Ref is { } collection ? FirstKey(method, document, collection) ?? string.Empty : string.Empty);
            case TypeKind.Enum:
                return new JValue(type.Values.Count > 0 ? type.Values[0].Value : string.Empty);
            case TypeKind.Scale:
                return new JValue(method.Scales.FirstOrDefault(s => s.Id == type.Scale)?.Min ?? 0);
            case TypeKind.Localized:
                return new JObject { ["fr"] = string.Empty, ["en"] = string.Empty };
            case TypeKind.Series:
                var length = type.Length is { } lengthInput && document[lengthInput] is JValue { Type: JTokenType.Integer } n ? n.Value<long>() + type.LengthOffset : 0;
                var element = type.Of ?? new TypeSpec { Kind = TypeKind.Number };
                return new JArray(Enumerable.Range(0, (int)Math.Clamp(length, 0, 1000)).Select(_ => Value(element, method, document, id)));
            case TypeKind.List:
                return new JArray(Enumerable.Range(0, Math.Max(type.MinItems ?? 0, 0)).Select(_ => Value(type.Of ?? new TypeSpec { Kind = TypeKind.Number }, method, document, id)));
            case TypeKind.Record:
                return Record(type, method, document, id, 1);
            case TypeKind.Collection:
                var count = Math.Max(type.MinItems ?? 0, 1);
                if (type.MaxItems is { } most)
                {
                    count = Math.Min(count, most);
                }

                return new JArray(Enumerable.Range(1, count).Select(k => Record(type, method, document, id, k)));
            case TypeKind.Map:
                var keys = type.Keys is { } c && c != "text" && c != "integer" ? Keys(method, document, c) : [];
                return new JObject(keys.Select(k => new JProperty(k, Value(type.Of ?? new TypeSpec { Kind = TypeKind.Number }, method, document, id))));
            default:
                return JValue.CreateNull();
        }
    }

    private static JObject Record(TypeSpec type, MethodDefinition method, JObject document, string id, int ordinal)
    {
        var o = new JObject();
        foreach (var field in type.Fields)
        {
            o[field.Id] = field.Id == type.Key && field.Type.Kind == TypeKind.Text
                ? id + ordinal.ToString(CultureInfo.InvariantCulture)
                : Initial(field, method, document, id);
        }

        return o;
    }

    /// <summary>
    /// The starting value of a declaration: its default, else a neutral value. A map's default is its elements' (a
    /// complete map): the map gets every key of its collection, holding the default.
    /// </summary>
    private static JToken Initial(Declaration d, MethodDefinition method, JObject document, string id)
    {
        if (d.Type.Kind == TypeKind.Map && d.Default is { } element && d.Type.Keys is { } collection)
        {
            return new JObject(Keys(method, document, collection).Select(k => new JProperty(k, element.DeepClone())));
        }

        return d.Default?.DeepClone() ?? Value(d.Type, method, document, id);
    }

    private static string? LengthInput(TypeSpec type) => type.Length ?? type.Of?.Length;

    private static string? FirstKey(MethodDefinition method, JObject document, string collection) => Keys(method, document, collection) is [var first, ..] ? first : null;

    private static List<string> Keys(MethodDefinition method, JObject document, string collection)
    {
        if (method.Parameters.FirstOrDefault(p => p.Id == collection && p.Type.Kind == TypeKind.Collection) is { Type.Key: { } parameterKey } parameter)
        {
            return MethodValidator.KeysOf(parameter.Value, parameterKey);
        }

        var key = method.Inputs.FirstOrDefault(i => i.Id == collection)?.Type.Key;
        return document[collection] is JArray items && key is not null
            ? [.. items.OfType<JObject>().Select(i => i[key]).OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => v.Value<string>()!)]
            : [];
    }

    private static double Clamp(double value, double? min, double? max)
    {
        if (min is { } low && value < low)
        {
            value = low;
        }

        if (max is { } high && value > high)
        {
            value = high;
        }

        return value;
    }
}
