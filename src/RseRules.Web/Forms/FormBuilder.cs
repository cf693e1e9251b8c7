using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Web.Forms;

/// <summary>
/// Generates the form of any method from its input declarations (the declarations the input validator reads), filled
/// with a document: top-level scalars as one group, records as field groups (an optional record can be left out),
/// collections as tables (a column per field, per key of a map keyed by another collection, per year of a series),
/// series as one input per year (their count follows the length input), lists of choices as check boxes, enums,
/// scales and references as labelled drop-downs, numbers with their bounds and units and an optional distribution.
/// </summary>
public sealed class FormBuilder
{
    private const int MaxSeriesLength = 200;
    private readonly MethodDefinition method;
    private readonly JObject document;
    private readonly string lang;
    private readonly HashSet<string> lengthSources;

    private FormBuilder(MethodDefinition method, JObject document, string lang)
    {
        this.method = method;
        this.document = document;
        this.lang = lang;
        lengthSources = [.. AllTypes(method.Inputs).Select(t => t.Length).OfType<string>()];
    }

    /// <summary>The form of a method, filled with a document (possibly partial or invalid: what it holds is shown).</summary>
    public static FormModel Build(MethodDefinition method, JObject? document, string language)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new FormBuilder(method, document ?? [], language).Build();
    }

    private FormModel Build()
    {
        var sections = new List<FormNode>();
        var general = new List<FormNode>();
        foreach (var input in method.Inputs)
        {
            var node = Node(input, "/" + JsonPointer.Escape(input.Id), document[input.Id]);
            if (node is FieldNode or SeriesNode or ChoiceSetNode)
            {
                general.Add(node);
            }
            else
            {
                sections.Add(node);
            }
        }

        if (general.Count > 0)
        {
            sections.Insert(0, new GroupNode { Pointer = string.Empty, Label = T("Général", "General"), Children = general, Required = true });
        }

        return new FormModel(sections);
    }

    private string T(string fr, string en) => lang == "en" ? en : fr;

    private string LabelOf(Declaration d) => d.Label?.In(lang) ?? d.Id;

    private FormNode Node(Declaration d, string pointer, JToken? value)
    {
        var type = d.Type;
        return type.Kind switch
        {
            TypeKind.Record => Group(d, pointer, value as JObject),
            TypeKind.Collection => Table(d, pointer, value as JArray),
            TypeKind.Series or TypeKind.List when IsChoiceList(type) => ChoiceSet(d, pointer, value as JArray),
            TypeKind.Series or TypeKind.List when IsScalar(FormReader.ElementOf(type)) => Series(d, pointer, value as JArray),
            TypeKind.Map when IsScalar(type.Of) => Map(d, pointer, value as JObject),
            _ when IsScalar(type) => Field(d, type, pointer, value, LabelOf(d)),
            _ => new JsonNode { Pointer = pointer, Label = LabelOf(d), Description = d.Description?.In(lang), Required = d.Required, Json = value is null ? string.Empty : CanonicalJson.WriteIndented(value) },
        };
    }

    private static bool IsScalar(TypeSpec? type) => type?.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Enum or TypeKind.Scale or TypeKind.Localized;

    private static bool IsChoiceList(TypeSpec type) => type.Kind == TypeKind.List && (type.Of?.Kind == TypeKind.Enum || (type.Of?.Kind == TypeKind.Text && type.Of.Ref is not null));

    private GroupNode Group(Declaration d, string pointer, JObject? value) => new()
    {
        Pointer = pointer,
        Label = LabelOf(d),
        Description = d.Description?.In(lang),
        Required = d.Required,
        Present = d.Required || value is not null,
        Children = [.. d.Type.Fields.Select(f => Node(f, pointer + "/" + JsonPointer.Escape(f.Id), value?[f.Id]))],
    };

    /// <summary>A scalar editor.</summary>
    private FieldNode Field(Declaration d, TypeSpec type, string pointer, JToken? value, string label)
    {
        var percent = d.Unit == "fraction" && type.Kind == TypeKind.Number;
        var kind = type.Kind switch
        {
            TypeKind.Number => FieldKind.Number,
            TypeKind.Integer => FieldKind.Integer,
            TypeKind.Boolean => FieldKind.Boolean,
            TypeKind.Enum => FieldKind.Enum,
            TypeKind.Scale => FieldKind.Scale,
            TypeKind.Localized => FieldKind.Localized,
            TypeKind.Text when type.Ref is not null => FieldKind.Reference,
            _ => FieldKind.Text,
        };
        LawText? law = null;
        var text = string.Empty;
        var textEn = string.Empty;
        switch (value)
        {
            case JObject o when o["distribution"] is JValue { Type: JTokenType.String } name:
                law = new LawText(name.Value<string>()!, Number(o["min"], percent), Number(o["mode"], percent), Number(o["max"], percent));
                text = Number(o["mode"] ?? o["min"], percent);
                break;
            case JObject o when kind == FieldKind.Localized:
                text = o["fr"]?.Type == JTokenType.String ? o["fr"]!.Value<string>()! : string.Empty;
                textEn = o["en"]?.Type == JTokenType.String ? o["en"]!.Value<string>()! : string.Empty;
                break;
            case JValue { Type: JTokenType.Integer or JTokenType.Float } n when kind is FieldKind.Number or FieldKind.Integer or FieldKind.Scale:
                text = kind == FieldKind.Scale ? n.Value<long>().ToString(CultureInfo.InvariantCulture) : FormNumbers.Format(n.Value<double>(), percent, lang);
                break;
            case JValue { Type: JTokenType.Boolean } b:
                text = b.Value<bool>() ? "true" : "false";
                break;
            case JValue { Type: JTokenType.String } s:
                text = s.Value<string>()!;
                break;
            case null or JValue { Type: JTokenType.Null }:
                break;
            default:
                text = value.ToString(Newtonsoft.Json.Formatting.None); // shown as typed, the validator says what is wrong
                break;
        }

        var collection = method.Inputs.FirstOrDefault(i => i.Type.Kind == TypeKind.Collection && pointer.StartsWith("/" + JsonPointer.Escape(i.Id) + "/", StringComparison.Ordinal));
        var isKeyOrLabel = collection is not null && pointer.Count(c => c == '/') == 3
            && (pointer.EndsWith("/" + JsonPointer.Escape(collection.Type.Key ?? "id"), StringComparison.Ordinal) || LabelFieldOf(collection) is { } lf && pointer.EndsWith("/" + JsonPointer.Escape(lf), StringComparison.Ordinal));
        return new FieldNode
        {
            Pointer = pointer,
            Label = label,
            Description = d.Description?.In(lang),
            Unit = UnitText(d.Unit, percent),
            Required = d.Required,
            Kind = kind,
            Value = text,
            ValueEn = textEn,
            Choices = Choices(type),
            Min = type.Min is { } min ? FormNumbers.Format(min, percent, lang) : null,
            Max = type.Max is { } max ? FormNumbers.Format(max, percent, lang) : null,
            MaxLength = type.MaxLength,
            CanBeUncertain = kind is FieldKind.Number or FieldKind.Integer && !lengthSources.Contains(d.Id),
            Law = law,
            Structural = lengthSources.Contains(d.Id) && pointer.Count(c => c == '/') == 1 || isKeyOrLabel,
            Percent = percent,
            DefaultText = d.Default is JValue dv && dv.Type != JTokenType.Null ? DefaultText(dv, kind, percent, type) : null,
        };
    }

    private string DefaultText(JValue value, FieldKind kind, bool percent, TypeSpec type) => kind switch
    {
        FieldKind.Number or FieldKind.Integer => FormNumbers.Format(value.Value<double>(), percent, lang) + (percent ? " %" : string.Empty),
        FieldKind.Boolean => value.Value<bool>() ? T("oui", "yes") : T("non", "no"),
        _ => Choices(type).FirstOrDefault(c => c.Value == value.ToString(Newtonsoft.Json.Formatting.None).Trim('"'))?.Label ?? value.ToString(Newtonsoft.Json.Formatting.None).Trim('"'),
    };

    private string Number(JToken? token, bool percent) =>
        token is JValue { Type: JTokenType.Integer or JTokenType.Float } v ? FormNumbers.Format(v.Value<double>(), percent, lang) : string.Empty;

    private string? UnitText(string? unit, bool percent) => percent ? "%" : unit switch
    {
        null or "" => null,
        "EUR" => "€",
        "EUR/h" => "€/h",
        "EUR/year" => T("€/an", "€/year"),
        "years" => T("ans", "years"),
        "days" => T("jours", "days"),
        "weeks" => T("semaines", "weeks"),
        "people" => T("personnes", "people"),
        "people/year" => T("personnes/an", "people/year"),
        "FTE" => T("ETP", "FTE"),
        "ideas" => T("idées", "ideas"),
        "min/week" => T("min/semaine", "min/week"),
        _ => unit,
    };

    private List<Choice> Choices(TypeSpec type) => type.Kind switch
    {
        TypeKind.Enum => [.. type.Values.Select(v => new Choice(v.Value, v.Label?.In(lang) ?? v.Value))],
        TypeKind.Scale when method.Scales.FirstOrDefault(s => s.Id == type.Scale) is { } scale =>
            [.. Enumerable.Range(0, (int)Math.Min(1000, scale.Max - scale.Min + 1)).Select(i => scale.Min + i)
                .Select(level => new Choice(level.ToString(CultureInfo.InvariantCulture),
                    level.ToString(CultureInfo.InvariantCulture) + (scale.Levels.TryGetValue(level, out var l) ? " — " + l.In(lang) : string.Empty)))],
        TypeKind.Text when type.Ref is { } collection => ItemsOf(collection),
        TypeKind.Boolean => [new Choice("true", T("oui", "yes")), new Choice("false", T("non", "no"))],
        _ => [],
    };

    /// <summary>The items of a collection of the document, as choices: key and label.</summary>
    /// <summary>
    /// The items a map's keys or a reference come from: a collection input's items as the document has them, or (format 2)
    /// a collection parameter's items, the catalogue the method ships.
    /// </summary>
    private List<Choice> ItemsOf(string collection)
    {
        var declaration = method.Inputs.FirstOrDefault(i => i.Id == collection && i.Type.Kind == TypeKind.Collection);
        var parameter = declaration is null ? method.Parameters.FirstOrDefault(p => p.Id == collection && p.Type.Kind == TypeKind.Collection) : null;
        var (type, items) = (declaration, parameter) switch
        {
            ({ } d, _) when document[collection] is JArray fromDocument => (d.Type, fromDocument),
            (null, { Value: JArray fromMethod } p) => (p.Type, fromMethod),
            _ => (null, null),
        };
        if (type is null || items is null)
        {
            return [];
        }

        var key = type.Key ?? "id";
        var labelField = LabelFieldOf(type);
        var choices = new List<Choice>();
        foreach (var item in items.OfType<JObject>())
        {
            if (item[key] is JValue { Type: JTokenType.String } k && k.Value<string>() is { Length: > 0 } keyText && choices.All(c => c.Value != keyText))
            {
                var label = labelField is null ? null : item[labelField] switch
                {
                    JValue { Type: JTokenType.String } s => s.Value<string>(),
                    JObject o => o[lang]?.Value<string>(),
                    _ => null,
                };
                choices.Add(new Choice(keyText, string.IsNullOrWhiteSpace(label) || label == keyText ? keyText : $"{keyText} — {label}"));
            }
        }

        return choices;
    }

    private static string? LabelFieldOf(Declaration collection) => LabelFieldOf(collection.Type);

    private static string? LabelFieldOf(TypeSpec collection) =>
        collection.Fields.FirstOrDefault(f => f.Id is "label" or "name" && f.Type.Kind is TypeKind.Text or TypeKind.Localized)?.Id;

    private ChoiceSetNode ChoiceSet(Declaration d, string pointer, JArray? value) => new()
    {
        Pointer = pointer,
        Label = LabelOf(d),
        Description = d.Description?.In(lang),
        Required = d.Required,
        Choices = Choices(d.Type.Of!),
        Selected = [.. (value ?? []).OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => v.Value<string>()!)],
    };

    private SeriesNode Series(Declaration d, string pointer, JArray? value)
    {
        var type = d.Type;
        var count = value?.Count ?? 0;
        if (type.Kind == TypeKind.Series && type.Length is { } lengthInput && document[lengthInput] is JValue { Type: JTokenType.Integer } n)
        {
            count = (int)Math.Clamp(n.Value<long>() + type.LengthOffset, 0, MaxSeriesLength);
        }

        var elementType = FormReader.ElementOf(type)!;
        var element = d with { Type = elementType, Label = null, Description = null, Required = true };
        var yearly = type.Kind == TypeKind.Series;
        var firstYear = type.LengthOffset > 0 ? 0 : 1;
        var labels = Enumerable.Range(0, count).Select(i => yearly ? T("Année ", "Year ") + (i + firstYear).ToString(CultureInfo.InvariantCulture) : "#" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToArray();
        return new SeriesNode
        {
            Pointer = pointer,
            Label = LabelOf(d),
            Description = d.Description?.In(lang),
            Unit = UnitText(d.Unit, d.Unit == "fraction"),
            Required = d.Required,
            Resizable = !yearly,
            ItemLabels = labels,
            Items = [.. Enumerable.Range(0, count).Select(i => Field(element, elementType, JsonPointer.Append(pointer, i), value is not null && i < value.Count ? value[i] : null, LabelOf(d) + " — " + labels[i]))],
        };
    }

    private MapNode Map(Declaration d, string pointer, JObject? value)
    {
        var type = d.Type;
        var element = d with { Type = type.Of!, Label = null, Description = null, Required = false, Default = d.Default };
        if (type.Keys is "text" or "integer" or null)
        {
            return new MapNode
            {
                Pointer = pointer,
                Label = LabelOf(d),
                Description = d.Description?.In(lang),
                Unit = UnitText(d.Unit, d.Unit == "fraction"),
                Required = d.Required,
                FreeKeys = true,
                Entries = [.. (value?.Properties() ?? []).Select((p, i) => (p.Name, p.Name, (FormNode)Field(element, type.Of!, FormNames.Value(pointer, i), p.Value, LabelOf(d) + " — " + p.Name)))],
            };
        }

        return new MapNode
        {
            Pointer = pointer,
            Label = LabelOf(d),
            Description = d.Description?.In(lang),
            Unit = UnitText(d.Unit, d.Unit == "fraction"),
            Required = d.Required,
            Entries = [.. ItemsOf(type.Keys).Select(k => (k.Value, k.Label, (FormNode)Field(element, type.Of!, JsonPointer.Append(pointer, k.Value), value?[k.Value], LabelOf(d) + " — " + k.Label)))],
        };
    }

    private TableNode Table(Declaration d, string pointer, JArray? value)
    {
        var fields = d.Type.Fields;
        var columns = new List<TableColumn>();
        var items = (value ?? []).Select(x => x as JObject ?? []).ToList();
        foreach (var field in fields)
        {
            columns.AddRange(ColumnsOf(field, null, items.FirstOrDefault()));
        }

        var rows = items.Select((item, i) =>
        {
            var cells = new List<FormNode>();
            foreach (var field in fields)
            {
                cells.AddRange(CellsOf(field, JsonPointer.Append(pointer, i) + "/" + JsonPointer.Escape(field.Id), item[field.Id], $"{LabelOf(d)} {(i + 1).ToString(CultureInfo.InvariantCulture)} — "));
            }

            return new TableRow(i, cells);
        }).ToList();

        return new TableNode
        {
            Pointer = pointer,
            Label = LabelOf(d),
            Description = d.Description?.In(lang),
            Required = d.Required,
            Present = d.Required || value is not null,
            Columns = columns,
            Rows = rows,
        };
    }

    /// <summary>The columns a field of a collection item takes: one, or one per key of a map, per year of a series.</summary>
    private IEnumerable<TableColumn> ColumnsOf(Declaration field, string? group, JObject? sample)
    {
        var label = LabelOf(field);
        var type = field.Type;
        switch (type.Kind)
        {
            case TypeKind.Record:
                foreach (var f in type.Fields)
                {
                    foreach (var c in ColumnsOf(f, group is null ? label : group + " › " + label, null))
                    {
                        yield return c;
                    }
                }

                break;
            case TypeKind.Map when IsScalar(type.Of) && type.Keys is not ("text" or "integer" or null):
                foreach (var key in ItemsOf(type.Keys))
                {
                    yield return new TableColumn(key.Value, group is null ? label : group + " › " + label, UnitText(field.Unit, field.Unit == "fraction"));
                }

                break;
            case TypeKind.Series when IsScalar(FormReader.ElementOf(type)):
                var count = SeriesCount(type, sample?[field.Id] as JArray);
                var firstYear = type.LengthOffset > 0 ? 0 : 1;
                for (var i = 0; i < count; i++)
                {
                    yield return new TableColumn(T("Année ", "Year ") + (i + firstYear).ToString(CultureInfo.InvariantCulture), group is null ? label : group + " › " + label, UnitText(field.Unit, field.Unit == "fraction"));
                }

                break;
            default:
                yield return new TableColumn(label, group, UnitText(field.Unit, field.Unit == "fraction" && type.Kind == TypeKind.Number));
                break;
        }
    }

    private IEnumerable<FormNode> CellsOf(Declaration field, string pointer, JToken? value, string prefix)
    {
        var type = field.Type;
        switch (type.Kind)
        {
            case TypeKind.Record:
                foreach (var inner in type.Fields)
                {
                    foreach (var c in CellsOf(inner, pointer + "/" + JsonPointer.Escape(inner.Id), (value as JObject)?[inner.Id], prefix + LabelOf(field) + " › "))
                    {
                        yield return c;
                    }
                }

                break;
            case TypeKind.Map when IsScalar(type.Of) && type.Keys is not ("text" or "integer" or null):
                var element = field with { Type = type.Of!, Required = false };
                foreach (var key in ItemsOf(type.Keys))
                {
                    yield return Field(element, type.Of!, JsonPointer.Append(pointer, key.Value), (value as JObject)?[key.Value], prefix + LabelOf(field) + " — " + key.Label);
                }

                break;
            case TypeKind.Series when IsScalar(FormReader.ElementOf(type)):
                var count = SeriesCount(type, value as JArray);
                var firstYear = type.LengthOffset > 0 ? 0 : 1;
                var itemType = FormReader.ElementOf(type)!;
                var item = field with { Type = itemType, Required = true, Default = null };
                for (var i = 0; i < count; i++)
                {
                    yield return Field(item, itemType, JsonPointer.Append(pointer, i), value is JArray a && i < a.Count ? a[i] : null,
                        prefix + LabelOf(field) + " — " + T("année ", "year ") + (i + firstYear).ToString(CultureInfo.InvariantCulture));
                }

                break;
            default:
                var node = Node(field, pointer, value);
                yield return node is FieldNode f ? f with { Label = prefix + LabelOf(field) } : node with { Label = prefix + LabelOf(field) };
                break;
        }
    }

    private int SeriesCount(TypeSpec type, JArray? value) =>
        type.Length is { } lengthInput && document[lengthInput] is JValue { Type: JTokenType.Integer } n
            ? (int)Math.Clamp(n.Value<long>() + type.LengthOffset, 0, MaxSeriesLength)
            : value?.Count ?? 0;

    private static IEnumerable<TypeSpec> AllTypes(IEnumerable<Declaration> declarations)
    {
        foreach (var d in declarations)
        {
            for (var t = d.Type; t is not null; t = t.Of)
            {
                yield return t;
                foreach (var inner in AllTypes(t.Fields))
                {
                    yield return inner;
                }
            }
        }
    }
}
