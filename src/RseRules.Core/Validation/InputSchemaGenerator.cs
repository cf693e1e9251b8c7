using Newtonsoft.Json.Linq;
using RseRules.Core.Model;

namespace RseRules.Core.Validation;

/// <summary>
/// Generates the JSON Schema (draft-07) of a method's input documents from its input declarations. What a schema
/// cannot say (series lengths, references between collections, unique keys, the order of a distribution's bounds) is
/// checked by <see cref="InputValidator"/>. Every number and integer (scales excepted) may also be given as a distribution
/// object (<c>anyOf</c> the number and the three distribution schemas), except an integer input that gives a series length.
/// </summary>
public static class InputSchemaGenerator
{
    /// <summary>The schema, as JSON.</summary>
    public static JObject Generate(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var scales = method.Scales.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var lengths = method.Inputs.SelectMany(i => LengthsOf(i.Type)).ToHashSet(StringComparer.Ordinal);
        var schema = Object(method.Inputs, scales, lengths);
        schema.AddFirst(new JProperty("description", $"Input document of {method.Reference}: {method.Title.En} / {method.Title.Fr}"));
        schema.AddFirst(new JProperty("title", $"{method.Reference} inputs"));
        schema.AddFirst(new JProperty("$schema", "http://json-schema.org/draft-07/schema#"));
        ((JObject)schema["properties"]!).AddFirst(new JProperty("$schema", new JObject { ["type"] = "string", ["description"] = "Path or URL of this schema, for editors." }));
        return schema;
    }

    private static readonly string[] UniformMembers = ["min", "max"];
    private static readonly string[] ModeMembers = ["min", "mode", "max"];

    /// <summary>The names of the distributions, in the order of their branches in the schema.</summary>
    internal static IReadOnlyList<string> DistributionNames { get; } = ["triangular", "pert", "uniform"];

    private static IEnumerable<string> LengthsOf(TypeSpec type) =>
        (type.Length is null ? [] : new[] { type.Length })
            .Concat(type.Of is null ? [] : LengthsOf(type.Of))
            .Concat(type.Fields.SelectMany(f => LengthsOf(f.Type)));

    private static JObject Object(IReadOnlyList<Declaration> fields, Dictionary<string, ScaleDefinition> scales, HashSet<string>? lengths = null)
    {
        var properties = new JObject();
        foreach (var f in fields)
        {
            var s = lengths is not null && lengths.Contains(f.Id) && f.Type.Kind is TypeKind.Integer or TypeKind.Number ? Number(f.Type) : For(f.Type, scales);
            var doc = new JObject();
            if (f.Label is not null)
            {
                doc["title"] = f.Label.Fr == f.Label.En ? f.Label.En : $"{f.Label.Fr} / {f.Label.En}";
            }

            var description = f.Description is null ? null : $"{f.Description.Fr} / {f.Description.En}";
            if (f.Unit is not null)
            {
                description = (description is null ? string.Empty : description + " ") + $"[{f.Unit}]";
            }

            if (description is not null)
            {
                doc["description"] = description;
            }

            doc.Merge(s);
            properties[f.Id] = doc;
        }

        return new JObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JArray(fields.Where(f => f.Required).Select(f => f.Id)),
            ["additionalProperties"] = false,
        };
    }

    /// <summary>The plain number (or integer) schema of a declaration, with its bounds.</summary>
    private static JObject Number(TypeSpec type)
    {
        var s = new JObject { ["type"] = type.Kind == TypeKind.Integer ? "integer" : "number" };
        if (type.Min is { } min)
        {
            s["minimum"] = min;
        }

        if (type.Max is { } max)
        {
            s["maximum"] = max;
        }

        return s;
    }

    /// <summary>
    /// A number, or a distribution whose bounds each fit the number's schema: <c>anyOf</c> [number, triangular, pert,
    /// uniform]. <see cref="SchemaErrors"/> reports only the errors of the branch the value was meant for.
    /// </summary>
    private static JObject Uncertain(TypeSpec type)
    {
        var branches = new JArray(Number(type));
        foreach (var name in DistributionNames)
        {
            var members = name == "uniform" ? UniformMembers : ModeMembers;
            var properties = new JObject { ["distribution"] = new JObject { ["type"] = "string", ["enum"] = new JArray(name) } };
            foreach (var m in members)
            {
                properties[m] = Number(type);
            }

            branches.Add(new JObject
            {
                ["type"] = "object",
                ["description"] = name == "uniform"
                    ? "Uncertain value: uniform on [min, max] (evaluated at its mean; sampled by rse simulate)."
                    : $"Uncertain value: {(name == "pert" ? "Beta-PERT" : "triangular")} on [min, max] with its mode (evaluated at the mode; sampled by rse simulate).",
                ["properties"] = properties,
                ["required"] = new JArray(members.Prepend("distribution")),
                ["additionalProperties"] = false,
            });
        }

        return new JObject { ["anyOf"] = branches };
    }

    private static JObject For(TypeSpec type, Dictionary<string, ScaleDefinition> scales)
    {
        JObject s;
        switch (type.Kind)
        {
            case TypeKind.Number:
            case TypeKind.Integer:
                return Uncertain(type);
            case TypeKind.Boolean:
                return new JObject { ["type"] = "boolean" };
            case TypeKind.Text:
                s = new JObject { ["type"] = "string" };
                if (type.MaxLength is { } maxLength)
                {
                    s["maxLength"] = maxLength;
                }

                return s;
            case TypeKind.Enum:
                return new JObject { ["type"] = "string", ["enum"] = new JArray(type.Values.Select(v => v.Value)) };
            case TypeKind.Scale:
                var scale = scales[type.Scale!];
                return new JObject
                {
                    ["type"] = "integer",
                    ["minimum"] = scale.Min,
                    ["maximum"] = scale.Max,
                    ["description"] = string.Join("; ", scale.Levels.OrderBy(l => l.Key).Select(l => $"{l.Key} = {l.Value.Fr} / {l.Value.En}")),
                };
            case TypeKind.Series:
                return new JObject { ["type"] = "array", ["items"] = For(type.Of ?? new TypeSpec { Kind = TypeKind.Number }, scales) };
            case TypeKind.List:
            case TypeKind.Collection:
                s = new JObject
                {
                    ["type"] = "array",
                    ["items"] = type.Kind == TypeKind.List ? For(type.Of!, scales) : Object(type.Fields, scales),
                };
                if (type.MinItems is { } minItems)
                {
                    s["minItems"] = minItems;
                }

                if (type.MaxItems is { } maxItems)
                {
                    s["maxItems"] = maxItems;
                }

                return s;
            case TypeKind.Record:
                return Object(type.Fields, scales);
            case TypeKind.Map:
                return new JObject { ["type"] = "object", ["additionalProperties"] = For(type.Of!, scales) };
            case TypeKind.Localized:
                return new JObject
                {
                    ["type"] = "object",
                    ["properties"] = new JObject { ["fr"] = new JObject { ["type"] = "string" }, ["en"] = new JObject { ["type"] = "string" } },
                    ["required"] = new JArray("fr", "en"),
                    ["additionalProperties"] = false,
                };
            default:
                return [];
        }
    }
}
