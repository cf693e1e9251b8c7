using Newtonsoft.Json.Linq;
using RseRules.Core.Model;

namespace RseRules.Core.Validation;

/// <summary>
/// Generates the JSON Schema (draft-07) of a method's input documents from its input declarations. What a schema
/// cannot say (series lengths, references between collections, unique keys) is checked by <see cref="InputValidator"/>.
/// </summary>
public static class InputSchemaGenerator
{
    /// <summary>The schema, as JSON.</summary>
    public static JObject Generate(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var scales = method.Scales.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var schema = Object(method.Inputs, scales);
        schema.AddFirst(new JProperty("description", $"Input document of {method.Reference}: {method.Title.En} / {method.Title.Fr}"));
        schema.AddFirst(new JProperty("title", $"{method.Reference} inputs"));
        schema.AddFirst(new JProperty("$schema", "http://json-schema.org/draft-07/schema#"));
        ((JObject)schema["properties"]!).AddFirst(new JProperty("$schema", new JObject { ["type"] = "string", ["description"] = "Path or URL of this schema, for editors." }));
        return schema;
    }

    private static JObject Object(IReadOnlyList<Declaration> fields, Dictionary<string, ScaleDefinition> scales)
    {
        var properties = new JObject();
        foreach (var f in fields)
        {
            var s = For(f.Type, scales);
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

    private static JObject For(TypeSpec type, Dictionary<string, ScaleDefinition> scales)
    {
        JObject s;
        switch (type.Kind)
        {
            case TypeKind.Number:
            case TypeKind.Integer:
                s = new JObject { ["type"] = type.Kind == TypeKind.Number ? "number" : "integer" };
                if (type.Min is { } min)
                {
                    s["minimum"] = min;
                }

                if (type.Max is { } max)
                {
                    s["maximum"] = max;
                }

                return s;
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
