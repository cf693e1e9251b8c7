using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace RseRules.Core.Validation;

/// <summary>
/// A fast, allocation-free answer to "does NJsonSchema find no error in this document?", for the common case of a
/// valid document: <see cref="SchemaErrors"/> asks it first and runs NJsonSchema's validator (which builds error lists,
/// dictionaries and paths at every node, and validates every branch of an <c>anyOf</c>) only when it says no.
/// </summary>
/// <remarks>
/// <para>It must be <b>sound</b>: it answers <c>true</c> only for a document NJsonSchema 11's validator accepts, and
/// <c>false</c> whenever in doubt (then the real validator decides and reports). It mirrors that validator's code for
/// the keywords it understands — <c>type</c> (one type), <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c> (one schema), <c>minItems</c>/<c>maxItems</c>,
/// <c>minimum</c>/<c>maximum</c> (compared as NJsonSchema does, in <see cref="decimal"/> with its fall-back to
/// <see cref="double"/>), <c>maxLength</c>, <c>enum</c> of strings and <c>anyOf</c> — including its quirks (bounds
/// apply to any number whatever the declared type, array constraints to any array). A schema node that uses anything
/// else (<c>oneOf</c>, <c>allOf</c>, <c>not</c>, <c>pattern</c>, <c>format</c>, nullable or multiple types, tuples,
/// unique items, …) and a JSON <c>null</c> or a non-JSON token anywhere make it answer <c>false</c>.</para>
/// <para>Completeness is only a matter of speed: the input schemas <see cref="InputSchemaGenerator"/> writes use
/// nothing else, so a valid input document is accepted here.</para>
/// </remarks>
internal static class SchemaQuickCheck
{
    private static readonly ConditionalWeakTable<JsonSchema, Node> Compiled = [];

    /// <summary>Whether NJsonSchema's validator is sure to report no error for <paramref name="token"/> against <paramref name="schema"/>.</summary>
    public static bool IsValid(JsonSchema schema, JToken token)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(token);
        var root = Compiled.GetValue(schema, s => Compile(s.ActualSchema, new Dictionary<JsonSchema, Node>(ReferenceEqualityComparer.Instance)));
        return Check(root, token);
    }

    /// <summary>
    /// The check of a schema given as JSON text, compiled straight from the text — without NJsonSchema, whose reading of a
    /// schema (reflection over its object model, first-use JIT) costs more than a short command's evaluation — into the
    /// nodes <see cref="SchemaQuickCheck.IsValid(JsonSchema, JToken)"/> compiles from NJsonSchema's reading of the same text. It knows
    /// the keywords the generated input schemas use (<see cref="FromText"/>); any other keyword, and a
    /// <c>$ref</c>, makes its node answer "in doubt", so a document it accepts NJsonSchema accepts too
    /// (<c>SchemaQuickCheckTests</c> compare the two compilations node by node on every shipped method's input schema).
    /// </summary>
    internal sealed class TextSchema
    {
        internal TextSchema(string text, Node root)
        {
            Text = text;
            Root = root;
        }

        /// <summary>The schema's JSON text (what NJsonSchema is given when the check is in doubt).</summary>
        public string Text { get; }

        internal Node Root { get; }

        /// <summary>Whether NJsonSchema's validator is sure to report no error for <paramref name="token"/>.</summary>
        public bool IsValid(JToken token)
        {
            ArgumentNullException.ThrowIfNull(token);
            return Check(Root, token);
        }
    }

    /// <summary>Keywords that do not take part in validation (NJsonSchema reads them as annotations).</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "description", "title", "$schema", "$comment", "default", "examples" };

    /// <summary>Compiles a schema given as JSON text (<see cref="TextSchema"/>).</summary>
    public static TextSchema FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Numbers as decimals read from the text, as NJsonSchema's deserializer reads minimum and maximum.
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { FloatParseHandling = Newtonsoft.Json.FloatParseHandling.Decimal, DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return new TextSchema(text, CompileText(JToken.ReadFrom(reader)));
    }

    private static Node CompileText(JToken token)
    {
        var node = new Node();
        if (token is not JObject schema)
        {
            node.Supported = false;
            return node;
        }

        foreach (var property in schema.Properties())
        {
            var value = property.Value;
            node.Supported &= property.Name switch
            {
                "type" => value.Type == JTokenType.String && TypeNamed((string)value!) is { } type && Set(() => node.Type = type),
                "properties" => value is JObject properties && properties.Properties().All(p => Set(() => node.Properties[p.Name] = CompileText(p.Value))),
                "required" => value is JArray required && required.All(r => r.Type == JTokenType.String) && Set(() => node.Required = [.. required.Select(r => (string)r!)]),
                "additionalProperties" => value.Type == JTokenType.Boolean ? Set(() => node.AllowAdditionalProperties = (bool)value)
                    : value is JObject additional && Set(() => node.AdditionalProperties = CompileText(additional)),
                "items" => value is JObject item && Set(() => node.Item = CompileText(item)),
                "minItems" => Count(value) is { } least && Set(() => node.MinItems = least),
                "maxItems" => Count(value) is { } most && Set(() => node.MaxItems = most),
                "maxLength" => Count(value) is { } longest && Set(() => node.MaxLength = longest),
                "minimum" => Bound(value) is { } minimum && Set(() => node.Minimum = minimum),
                "maximum" => Bound(value) is { } maximum && Set(() => node.Maximum = maximum),
                "enum" => value is JArray values && values.All(v => v.Type == JTokenType.String) && Set(() => node.Enumeration = [.. values.Select(v => (string)v!)]),
                "anyOf" => value is JArray branches && branches.Count > 0 && Set(() => node.AnyOf = [.. branches.Select(CompileText)]),
                _ => Annotations.Contains(property.Name),
            };
        }

        return node;

        static bool Set(Action assign)
        {
            assign();
            return true;
        }

        static int? Count(JToken value) => value.Type == JTokenType.Integer && value.Value<long>() is >= 0 and <= int.MaxValue ? (int)value.Value<long>() : null;

        static decimal? Bound(JToken value) => value.Type switch
        {
            JTokenType.Integer when value is JValue { Value: long l } => l,
            JTokenType.Float when value is JValue { Value: decimal d } => d,
            _ => null,
        };

        static JsonObjectType? TypeNamed(string name) => name switch
        {
            "array" => JsonObjectType.Array,
            "boolean" => JsonObjectType.Boolean,
            "integer" => JsonObjectType.Integer,
            "number" => JsonObjectType.Number,
            "object" => JsonObjectType.Object,
            "string" => JsonObjectType.String,
            _ => null,
        };
    }

    /// <summary>
    /// The compiled form of a schema as text, for tests: each node's keywords in a fixed order, "?" for a node in doubt.
    /// Two compilations with the same shape answer the same for every document.
    /// </summary>
    internal static string Shape(JsonSchema schema) => Shape(Compile(schema.ActualSchema, new Dictionary<JsonSchema, Node>(ReferenceEqualityComparer.Instance)));

    /// <summary>The shape of <see cref="FromText"/>'s compilation.</summary>
    internal static string Shape(TextSchema schema) => Shape(schema.Root);

    private static string Shape(Node root)
    {
        var text = new System.Text.StringBuilder();
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        Write(root, 0);
        return text.ToString();

        void Write(Node node, int depth)
        {
            if (!node.Supported)
            {
                text.Append('?');
                return;
            }

            if (!seen.Add(node))
            {
                text.Append("(cycle)");
                return;
            }

            var inv = System.Globalization.CultureInfo.InvariantCulture;
            text.Append('{').Append(node.Type).Append(" min=").Append(node.Minimum?.ToString(inv)).Append(" max=").Append(node.Maximum?.ToString(inv))
                .Append(" maxLength=").Append(node.MaxLength).Append(" items=").Append(node.MinItems).Append("..").Append(node.MaxItems)
                .Append(" enum=").Append(node.Enumeration is null ? "-" : string.Join("|", node.Enumeration))
                .Append(" required=").Append(string.Join(",", node.Required.Order(StringComparer.Ordinal)))
                .Append(" additional=").Append(node.AllowAdditionalProperties);
            foreach (var (name, child) in node.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(' ').Append(name).Append(':');
                Write(child, depth + 1);
            }

            foreach (var (label, child) in new[] { ("additionalSchema", node.AdditionalProperties), ("item", node.Item) })
            {
                if (child is not null)
                {
                    text.Append(' ').Append(label).Append(':');
                    Write(child, depth + 1);
                }
            }

            for (var i = 0; i < node.AnyOf.Length; i++)
            {
                text.Append(" anyOf").Append(i).Append(':');
                Write(node.AnyOf[i], depth + 1);
            }

            text.Append('}');
            seen.Remove(node);
        }
    }

    /// <summary>One schema node, reduced to what the check reads; <see cref="Supported"/> false answers "in doubt".</summary>
    internal sealed class Node
    {
        public bool Supported { get; set; } = true;

        public JsonObjectType Type { get; set; }

        public decimal? Minimum { get; set; }

        public decimal? Maximum { get; set; }

        public int? MaxLength { get; set; }

        public string[]? Enumeration { get; set; }

        public Dictionary<string, Node> Properties { get; } = new(StringComparer.Ordinal);

        public string[] Required { get; set; } = [];

        public bool AllowAdditionalProperties { get; set; } = true;

        public Node? AdditionalProperties { get; set; }

        public Node? Item { get; set; }

        public int MinItems { get; set; }

        public int MaxItems { get; set; }

        public Node[] AnyOf { get; set; } = [];
    }

    private static readonly JsonObjectType[] SingleTypes =
    [
        JsonObjectType.None, JsonObjectType.Array, JsonObjectType.Boolean, JsonObjectType.Integer,
        JsonObjectType.Number, JsonObjectType.Object, JsonObjectType.String,
    ];

    private static Node Compile(JsonSchema schema, Dictionary<JsonSchema, Node> done)
    {
        if (done.TryGetValue(schema, out var existing))
        {
            return existing;
        }

        var node = new Node();
        done[schema] = node;
        node.Supported =
            schema.AllOf.Count == 0 && schema.OneOf.Count == 0 && schema.Not is null
            && Array.IndexOf(SingleTypes, schema.Type) >= 0
            && string.IsNullOrEmpty(schema.Pattern) && string.IsNullOrEmpty(schema.Format) && schema.MinLength is null
            && schema.ExclusiveMinimum is null && schema.ExclusiveMaximum is null
            && !schema.IsExclusiveMinimum && !schema.IsExclusiveMaximum && schema.MultipleOf is null
            && schema.PatternProperties.Count == 0 && schema.MaxProperties == 0 && schema.MinProperties == 0
            && !schema.UniqueItems && schema.Items.Count == 0
            && schema.Enumeration.All(v => v is string);
        if (!node.Supported)
        {
            return node;
        }

        node.Type = schema.Type;
        node.Minimum = schema.Minimum;
        node.Maximum = schema.Maximum;
        node.MaxLength = schema.MaxLength;
        node.Enumeration = schema.Enumeration.Count > 0 ? schema.Enumeration.Cast<string>().ToArray() : null;
        node.MinItems = schema.MinItems;
        node.MaxItems = schema.MaxItems;
        node.Required = [.. schema.RequiredProperties];
        node.AllowAdditionalProperties = schema.AllowAdditionalProperties;
        foreach (var (name, property) in schema.Properties)
        {
            node.Properties[name] = Compile(property.ActualSchema, done);
        }

        node.AdditionalProperties = schema.AdditionalPropertiesSchema is { } additional ? Compile(additional.ActualSchema, done) : null;
        node.Item = schema.Item is { } item ? Compile(item.ActualSchema, done) : null;
        node.AnyOf = [.. schema.AnyOf.Select(s => Compile(s.ActualSchema, done))];
        return node;
    }

    private static bool Check(Node node, JToken token)
    {
        if (!node.Supported)
        {
            return false;
        }

        // A null, or a token that JSON text does not give (dates, GUIDs, raw, …), is left to the real validator.
        var kind = token.Type;
        if (kind is not (JTokenType.Object or JTokenType.Array or JTokenType.Integer or JTokenType.Float or JTokenType.String or JTokenType.Boolean))
        {
            return false;
        }

        if (node.AnyOf.Length > 0 && !AnyBranch(node.AnyOf, token))
        {
            return false;
        }

        var typeOk = node.Type switch
        {
            JsonObjectType.None => true,
            JsonObjectType.Array => kind == JTokenType.Array,
            JsonObjectType.Boolean => kind == JTokenType.Boolean,
            JsonObjectType.Integer => kind == JTokenType.Integer,
            JsonObjectType.Number => kind is JTokenType.Integer or JTokenType.Float,
            JsonObjectType.Object => kind == JTokenType.Object,
            JsonObjectType.String => kind == JTokenType.String,
            _ => false,
        };
        if (!typeOk)
        {
            return false;
        }

        switch (kind)
        {
            case JTokenType.Integer or JTokenType.Float:
                if (!InBounds(node, (JValue)token))
                {
                    return false;
                }

                break;
            case JTokenType.String:
                var text = (string?)((JValue)token).Value;
                if (text is null || (node.MaxLength is { } maxLength && text.Length > maxLength))
                {
                    return false;
                }

                break;
            case JTokenType.Array:
                if (!ArrayOk(node, (JArray)token))
                {
                    return false;
                }

                break;
        }

        if (node.Enumeration is { } values && (kind != JTokenType.String || Array.IndexOf(values, (string?)((JValue)token).Value) < 0))
        {
            return false;
        }

        return PropertiesOk(node, token as JObject);
    }

    private static bool AnyBranch(Node[] branches, JToken token)
    {
        foreach (var branch in branches)
        {
            if (Check(branch, token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>NJsonSchema's bounds: in decimal, or in double when the value does not fit a decimal.</summary>
    private static bool InBounds(Node node, JValue value)
    {
        if (node.Minimum is null && node.Maximum is null)
        {
            return true;
        }

        if (value.Value is System.Numerics.BigInteger)
        {
            return false;
        }

        try
        {
            var d = value.Value<decimal>();
            return !(d < node.Minimum) && !(d > node.Maximum);
        }
        catch (OverflowException)
        {
            var d = value.Value<double>();
            return !(node.Minimum is { } min && d < (double)min) && !(node.Maximum is { } max && d > (double)max);
        }
    }

    private static bool ArrayOk(Node node, JArray array)
    {
        if ((node.MinItems > 0 && array.Count < node.MinItems) || (node.MaxItems > 0 && array.Count > node.MaxItems))
        {
            return false;
        }

        if (node.Item is { } item)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (!Check(item, array[i]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool PropertiesOk(Node node, JObject? obj)
    {
        if (obj is null)
        {
            // Without an object, NJsonSchema reports every required property as missing.
            return node.Required.Length == 0;
        }

        foreach (var (name, schema) in node.Properties)
        {
            if (obj.TryGetValue(name, out var value) && !Check(schema, value))
            {
                return false;
            }
        }

        foreach (var name in node.Required)
        {
            if (!obj.ContainsKey(name))
            {
                return false;
            }
        }

        foreach (var property in obj.Properties())
        {
            if (node.Properties.ContainsKey(property.Name))
            {
                continue;
            }

            if (node.AdditionalProperties is { } additional)
            {
                if (!Check(additional, property.Value))
                {
                    return false;
                }
            }
            else if (!node.AllowAdditionalProperties)
            {
                return false;
            }
        }

        return true;
    }
}
