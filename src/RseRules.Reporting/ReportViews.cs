using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Reporting.Charts;
using RseRules.Reporting.Escaping;
using Scriban.Runtime;

namespace RseRules.Reporting;

/// <summary>
/// Everything of an evaluation record presented by the method's declarations, for any method: each result formatted by
/// its type and unit (numbers, texts, labels of enums and of collection items, series and maps as rows), the document's
/// assumptions grouped as the method declares them, the findings by severity, the declared charts. The default template
/// set is built on these views alone; the white-paper set uses them beside its own sections.
/// </summary>
internal sealed class ReportViews
{
    private readonly MethodDefinition method;
    private readonly string lang;
    private readonly NumberFormats formats;
    private readonly JObject inputs;
    private readonly JObject documentAsRead;
    private readonly JObject results;
    private readonly Dictionary<string, JToken> indicators = new(StringComparer.Ordinal);

    /// <param name="method">The method.</param>
    /// <param name="record">The evaluation record.</param>
    /// <param name="centralInputs">The inputs with each distribution at its central value.</param>
    /// <param name="lang"><c>fr</c> or <c>en</c>.</param>
    /// <param name="formats">Number formats for that language.</param>
    public ReportViews(MethodDefinition method, JObject record, JObject centralInputs, string lang, NumberFormats formats)
    {
        this.method = method;
        this.lang = lang;
        this.formats = formats;
        inputs = centralInputs;
        documentAsRead = record["inputs"] as JObject ?? [];
        results = record["results"] as JObject ?? [];
        foreach (var entry in (record["trace"] as JArray ?? []).OfType<JObject>())
        {
            if (entry["id"] is JValue { Type: JTokenType.String } id && entry["value"] is { } value)
            {
                indicators.TryAdd(id.Value<string>()!, value);
            }
        }
    }

    private bool English => lang == "en";

    private string T(string fr, string en) => English ? en : fr;

    /// <summary>Every indicator's value, from the record's trace, by id.</summary>
    public IReadOnlyDictionary<string, JToken> Indicators => indicators;

    /// <summary>The report declaration with defaults filled in: title, subject text, headline, charts, sections.</summary>
    public ScriptObject Report()
    {
        var report = method.Report ?? new ReportDeclaration();
        var headline = report.Headline.Count > 0
            ? report.Headline
            : method.Results.Where(r => TypeOf(r.Id)?.Kind is TypeKind.Number or TypeKind.Integer).Select(r => r.Id).Take(6).ToArray();
        return new ScriptObject(StringComparer.Ordinal)
        {
            ["title"] = (report.Title ?? method.Title).In(lang),
            ["subject"] = Subject() ?? string.Empty,
            ["decision"] = report.Decision,
            ["headline"] = new ScriptArray(headline),
            ["charts"] = new ScriptArray(report.Charts.Select((c, i) => new ScriptObject(StringComparer.Ordinal)
            {
                ["index"] = i,
                ["type"] = c.Type,
                ["title"] = ChartTitle(c),
            })),
            ["sections"] = new ScriptArray(report.Sections.Count > 0 ? report.Sections : ["summary", "charts", "assumptions", "results", "findings", "uncertainty"]),
        };
    }

    /// <summary>The text the declared subject pointer (or <paramref name="given"/>) names in the document, or null.</summary>
    public string? Subject(string? given = null)
    {
        if ((given ?? method.Report?.Subject) is not { } pointer)
        {
            return null;
        }

        return JsonPointer.Resolve(inputs, pointer) is JValue { Type: JTokenType.String } v ? v.Value<string>() : null;
    }

    /// <summary>Every result of the method, in order, presented (see <see cref="Present(string)"/>).</summary>
    public ScriptArray Results() => new(method.Results.Select(r => Present(r.Id)));

    /// <summary>
    /// A result (or an indicator, or a top-level input) presented: <c>id</c>, <c>label</c>, <c>unit</c>, <c>kind</c>
    /// (number, text, boolean, series, map — records too, one row per field —, list, table — collections: <c>columns</c>
    /// with <c>label</c>, <c>unit</c>, <c>numeric</c>, and <c>rows</c> with <c>key</c> and <c>cells</c>), <c>text</c> (the value formatted for the reader; for series, maps and
    /// lists a short summary), <c>value</c> (raw), <c>rows</c> (series, maps, lists: <c>key</c>, <c>label</c>,
    /// <c>text</c>, <c>value</c>), <c>numeric</c> (numbers, or rows of numbers), <c>missing</c>.
    /// </summary>
    public ScriptObject Present(string id)
    {
        var from = method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        var indicator = method.Indicators.FirstOrDefault(i => i.Id == from);
        var input = method.Inputs.FirstOrDefault(i => i.Id == from);
        var value = results[id] ?? (indicators.TryGetValue(from, out var traced) ? traced : inputs[from]);
        var type = indicator?.Type ?? input?.Type;
        var unit = indicator?.Unit ?? input?.Unit;
        var view = View(value, type, unit, indicator?.Decimals, input is not null ? 1 : 0);
        view["id"] = id;
        view["label"] = (indicator?.Label ?? input?.Label)?.In(lang) ?? id;
        view["description"] = (indicator?.Description ?? input?.Description)?.In(lang) ?? string.Empty;
        return view;
    }

    /// <summary>A value presented by its type (see <see cref="Present(string)"/>); series rows are numbered from <paramref name="firstIndex"/>.</summary>
    private ScriptObject View(JToken? value, TypeSpec? type, string? unit, int? decimals, int firstIndex)
    {
        var view = new ScriptObject(StringComparer.Ordinal)
        {
            ["unit"] = unit ?? string.Empty,
            ["value"] = ToScript(value),
            ["missing"] = value is null || value.Type == JTokenType.Null,
            ["rows"] = new ScriptArray(),
        };
        var kind = type?.Kind;
        if (kind == TypeKind.Collection && value is JArray records)
        {
            // One row per item, one cell per declared field (kind "table": columns, rows[].cells).
            view["kind"] = "table";
            view["columns"] = new ScriptArray(type!.Fields.Select(f => new ScriptObject(StringComparer.Ordinal)
            {
                ["id"] = f.Id,
                ["label"] = f.Label?.In(lang) ?? f.Id,
                ["unit"] = f.Unit ?? string.Empty,
                ["numeric"] = f.Type.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Scale,
            }));
            var tableRows = records.Select((item, i) => new ScriptObject(StringComparer.Ordinal)
            {
                ["key"] = type.Key is { } k && item[k] is JValue keyValue ? keyValue.ToString(CultureInfo.InvariantCulture) : (i + 1).ToString(CultureInfo.InvariantCulture),
                ["cells"] = new ScriptArray(type.Fields.Select(f => Scalar(item[f.Id], f.Type, f.Unit, null))),
                ["value"] = ToScript(item),
            }).ToList();
            view["rows"] = new ScriptArray(tableRows);
            view["numeric"] = false;
            view["text"] = records.Count == 0 ? T("aucun", "none") : string.Join(" · ", tableRows.Take(12).Select(r => S(r["key"]))) + (records.Count > 12 ? " …" : string.Empty);
            return view;
        }

        if (kind == TypeKind.Record && value is JObject record)
        {
            // A map of its fields, each labelled and formatted by its own type and unit.
            var rows = type!.Fields.Select(f => Row(f.Id, f.Label?.In(lang) ?? f.Id, record[f.Id] ?? JValue.CreateNull(), f.Type, f.Unit, null)).ToList();
            view["kind"] = "map";
            view["rows"] = new ScriptArray(rows);
            view["numeric"] = false;
            view["text"] = Summary(rows, "label");
            return view;
        }

        if (value is JArray array)
        {
            var element = type?.Of;
            var rows = array.Select((item, i) => Row((i + firstIndex).ToString(CultureInfo.InvariantCulture), null, item, element, unit, decimals)).ToList();
            view["kind"] = kind == TypeKind.Series || element?.Kind is TypeKind.Number or TypeKind.Integer || (element is null && array.All(IsNumber)) ? "series" : "list";
            view["rows"] = new ScriptArray(rows);
            view["numeric"] = array.Count > 0 && array.All(IsNumber);
            view["text"] = Summary(rows);
            if (S(view["kind"]) == "list")
            {
                // A list of texts naming items of a collection: their labels.
                foreach (var row in rows)
                {
                    if (element?.Ref is { } collection && row["value"] is string key)
                    {
                        row["text"] = ItemLabel(collection, key) ?? key;
                    }
                }

                view["text"] = array.Count == 0 ? T("aucun", "none") : string.Join(", ", rows.Select(r => S(r["text"])));
            }

            return view;
        }

        if (value is JObject map && !IsLocalized(map))
        {
            var keys = type?.Keys;
            var rows = map.Properties().Select(p => Row(p.Name, keys is null or "text" or "integer" ? null : ItemLabel(keys, p.Name), p.Value, type?.Of, unit, decimals)).ToList();
            view["kind"] = "map";
            view["rows"] = new ScriptArray(rows);
            view["numeric"] = map.Count > 0 && map.Properties().All(p => IsNumber(p.Value));
            view["text"] = Summary(rows, "key");
            return view;
        }

        view["kind"] = kind switch
        {
            TypeKind.Number or TypeKind.Integer or TypeKind.Scale => "number",
            TypeKind.Boolean => "boolean",
            _ => value?.Type is JTokenType.Integer or JTokenType.Float ? "number" : value?.Type == JTokenType.Boolean ? "boolean" : "text",
        };
        view["numeric"] = IsNumber(value);
        view["text"] = Scalar(value, type, unit, decimals);
        return view;
    }

    private ScriptObject Row(string key, string? label, JToken item, TypeSpec? type, string? unit, int? decimals) => new(StringComparer.Ordinal)
    {
        ["key"] = key,
        ["label"] = label ?? key,
        ["text"] = Scalar(item, type, unit, decimals),
        ["value"] = ToScript(item),
    };

    private static string S(object? value) => value as string ?? string.Empty;

    private static ScriptArray Arr(object? value) => value as ScriptArray ?? [];

    /// <summary>
    /// The first twelve rows' texts, joined; with <paramref name="name"/> (<c>key</c> for maps, <c>label</c> for records),
    /// each named — "U1 : 60 points · U2 : 52,5 points" — for a value without its name reads as nothing.
    /// </summary>
    private string Summary(List<ScriptObject> rows, string? name = null) =>
        rows.Count == 0 ? NumberFormats.Missing
        : string.Join(" · ", rows.Take(12).Select(r => name is null ? S(r["text"]) : S(r[name]) + T("\u00A0: ", ": ") + S(r["text"]))) + (rows.Count > 12 ? " …" : string.Empty);

    /// <summary>A scalar formatted by its type and unit: money, percentages, years, integers, booleans, labels.</summary>
    public string Scalar(JToken? value, TypeSpec? type, string? unit, int? decimals)
    {
        switch (value)
        {
            case null or { Type: JTokenType.Null }:
                return NumberFormats.Missing;
            case JValue { Type: JTokenType.Boolean } b:
                return b.Value<bool>() ? T("oui", "yes") : T("non", "no");
            case JValue { Type: JTokenType.Integer or JTokenType.Float } n:
                var number = n.Value<double>();
                if (type?.Kind == TypeKind.Scale && method.Scales.FirstOrDefault(s => s.Id == type.Scale) is { } scale
                    && scale.Levels.TryGetValue((long)number, out var level))
                {
                    return $"{formats.Number(number, 0)} — {level.In(lang)}";
                }

                return Number(number, unit, decimals, type?.Kind is TypeKind.Integer or TypeKind.Scale || (n.Type == JTokenType.Integer && decimals is null && !IsMoney(unit)));
            case JValue { Type: JTokenType.String } s:
                var text = s.Value<string>()!;
                if (type?.Kind == TypeKind.Enum && type.Values.FirstOrDefault(v => v.Value == text)?.Label is { } label)
                {
                    return label.In(lang);
                }

                return type?.Ref is { } collection ? ItemLabel(collection, text) ?? text : text;
            case JObject o when IsLocalized(o):
                return o[English ? "en" : "fr"]?.Value<string>() ?? string.Empty;
            case JObject o when o["distribution"] is not null:
                return T("loi ", "distribution ") + o["distribution"];
            default:
                return CanonicalJson.Write(value);
        }
    }

    /// <summary>A number for the reader: money in whole euros, fractions as percentages, years, integers without
    /// decimals, others with the declared decimals (else 0 to 2 by size), the unit after it.</summary>
    public string Number(double value, string? unit, int? decimals, bool integer)
    {
        var u = unit?.Trim() ?? string.Empty;
        switch (u.ToLowerInvariant())
        {
            case "eur" or "€":
                return formats.Money(value);
            case "eur/year" or "eur/an" or "€/an" or "€/year":
                return formats.Money(value) + T("/an", "/year");
            case var perUnit when perUnit.StartsWith("eur/", StringComparison.Ordinal) || perUnit.StartsWith("€/", StringComparison.Ordinal):
                return formats.MoneyExact(value) + "/" + UnitText(u[(u.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            case "fraction":
                return formats.Percent(value, Math.Abs(value) >= 0.001 || value == 0 ? 1 : 2);
            case "years" or "ans" when integer || value == Math.Round(value):
                return formats.Number(value, 0) + "\u00A0" + UnitText("years", Math.Abs(value) < 2 && (!English || Math.Abs(value) == 1));
            case "years" or "ans":
                return formats.Years(value);
            default:
                var places = integer ? 0 : decimals ?? (value == Math.Round(value) ? 0 : Math.Abs(value) >= 100 ? 0 : Math.Abs(value) >= 10 ? 1 : 2);
                var text = formats.Number(value, Math.Clamp(places, 0, 6));
                return u.Length == 0 ? text : text + "\u00A0" + UnitText(u, Math.Abs(value) < 2 && (!English || Math.Abs(value) == 1));
        }
    }

    /// <summary>
    /// A parameter's value for the reader, in its unit: a number as <see cref="Number"/> gives it (money to the cent when it
    /// has cents), a list as its values, a map as "key → value" pairs ("1 → 10,0 % ; 2 → 30,0 %"), a localized text in the
    /// language; with its <paramref name="type"/>, a record as its fields ("Poids : 40 points ; …") and a catalogue (a
    /// collection) as its items, each by its key and its label, then its other fields ("E1 Innovation · E2 …").
    /// </summary>
    public string ParameterText(JToken value, string? unit, TypeSpec? type = null) => value switch
    {
        JObject localized when IsLocalized(localized) => localized[lang]!.Value<string>()!,
        JObject record when type?.Kind is TypeKind.Record or TypeKind.Collection => RecordText(record, type, withKey: type.Kind == TypeKind.Collection),
        JArray items when type?.Kind == TypeKind.Collection => string.Join(" · ", items.Select(x => ParameterText(x, unit, type))),
        JObject map => string.Join(T(" ; ", "; "), map.Properties().Select(p => $"{p.Name} → {ParameterText(p.Value, unit, type?.Of)}")),
        JArray list => string.Join(", ", list.Select(x => ParameterText(x, unit, type?.Of))),
        JValue { Type: JTokenType.Integer or JTokenType.Float } n when IsMoney(unit) && n.Value<double>() != Math.Round(n.Value<double>()) => formats.MoneyExact(n.Value<double>()),
        JValue { Type: JTokenType.Integer or JTokenType.Float } n => Number(n.Value<double>(), unit, null, integer: false),
        _ => Scalar(value, type, unit, null),
    };

    /// <summary>A record (or a collection's item: its key, then its first text or localized field, unnamed) for the reader.</summary>
    private string RecordText(JObject record, TypeSpec type, bool withKey)
    {
        var head = new List<string>();
        var rest = new List<string>();
        var named = type.Fields.FirstOrDefault(f => f.Id != type.Key && f.Type.Kind is TypeKind.Localized or TypeKind.Text);
        foreach (var field in type.Fields)
        {
            if (record[field.Id] is not { } v || v.Type == JTokenType.Null)
            {
                continue;
            }

            var text = ParameterText(v, field.Unit, field.Type);
            if (withKey && (field.Id == type.Key || field == named))
            {
                head.Add(text);
            }
            else
            {
                rest.Add((field.Label?.In(lang) ?? field.Id) + T("\u00A0: ", ": ") + text);
            }
        }

        var tail = string.Join(T(" ; ", "; "), rest);
        return head.Count == 0 ? tail : string.Join(" ", head) + (tail.Length == 0 ? string.Empty : " (" + tail + ")");
    }

    /// <summary>Units a reader knows by another name in French; in the singular for one (in French, below two).</summary>
    private string UnitText(string unit, bool singular = false) => (singular, English, unit) switch
    {
        (true, false, "years" or "ans") => "an",
        (true, false, "days") => "jour",
        (true, false, "people") => "personne",
        (true, false, "ideas") => "idée",
        (true, false, "weeks") => "semaine",
        (true, true, "years") => "year",
        (true, true, "days") => "day",
        (true, true, "people") => "person",
        (true, true, "ideas") => "idea",
        (true, true, "weeks") => "week",
        _ => UnitName(unit),
    };

    private string UnitName(string unit) => (English, unit) switch
    {
        (false, "years") => "ans",
        (false, "days") => "jours",
        (false, "people") => "personnes",
        (false, "points") => "points",
        (false, "min/week") => "min/semaine",
        (false, "h") => "h",
        (false, "ideas") => "idées",
        (false, "FTE") => "ETP",
        (false, "weeks") => "semaines",
        (false, "people/year") => "personnes/an",
        (false, "user/month") => "utilisateur/mois",
        (false, "month") => "mois",
        (false, "year") => "an",
        _ => unit,
    };

    private static bool IsMoney(string? unit) => unit?.Trim().ToLowerInvariant() is "eur" or "€";

    /// <summary>The label of a collection's item by its key: its text field <c>label</c> or <c>name</c>, else null.</summary>
    public string? ItemLabel(string collection, string key)
    {
        var declaration = method.Inputs.FirstOrDefault(i => i.Id == collection && i.Type.Kind == TypeKind.Collection);
        if (declaration is null || inputs[collection] is not JArray items)
        {
            return null;
        }

        var keyField = declaration.Type.Key ?? "id";
        var labelField = declaration.Type.Fields.FirstOrDefault(f => f.Id is "label" or "name" && f.Type.Kind is TypeKind.Text or TypeKind.Localized)?.Id;
        var item = items.OfType<JObject>().FirstOrDefault(i => i[keyField]?.Type == JTokenType.String && i[keyField]!.Value<string>() == key);
        return labelField is null || item?[labelField] is not { } label ? null
            : label is JObject o && IsLocalized(o) ? o[English ? "en" : "fr"]!.Value<string>() : label.Type == JTokenType.String ? label.Value<string>() : null;
    }

    /// <summary>
    /// The document's assumptions, grouped as the method declares its inputs: one group of the top-level scalars, one per
    /// record (its fields flattened, nested records' labels joined with ›), one table per collection (a column per
    /// field). Each row: <c>label</c>, <c>text</c> (formatted, with its unit; a series as its values per year; an
    /// uncertain input with its distribution), <c>pointer</c>. Groups: <c>label</c>, <c>rows</c>, <c>tables</c>
    /// (<c>label</c>, <c>columns</c>, <c>rows</c> of cell texts), <c>id</c> (the input's, empty for the scalars' group).
    /// </summary>
    public ScriptArray Assumptions()
    {
        var groups = new ScriptArray();
        var general = Group(T("Hypothèses générales", "General assumptions"));
        groups.Add(general);
        foreach (var input in method.Inputs)
        {
            var value = inputs[input.Id];
            switch (input.Type.Kind)
            {
                case TypeKind.Record:
                    var group = Group(input.Label?.In(lang) ?? input.Id, input.Id);
                    Flatten(input.Type.Fields, value as JObject, "/" + JsonPointer.Escape(input.Id), string.Empty, group);
                    groups.Add(group);
                    break;
                case TypeKind.Collection:
                    var holder = Group(input.Label?.In(lang) ?? input.Id, input.Id);
                    (Arr(holder["tables"])).Add(Table(input, value as JArray, "/" + JsonPointer.Escape(input.Id)));
                    groups.Add(holder);
                    break;
                default:
                    (Arr(general["rows"])).Add(AssumptionRow(input, value, "/" + JsonPointer.Escape(input.Id), string.Empty));
                    break;
            }
        }

        return new ScriptArray(groups.OfType<ScriptObject>().Where(g => (Arr(g["rows"])).Count + (Arr(g["tables"])).Count > 0));
    }

    private static ScriptObject Group(string label, string id = "") =>
        new(StringComparer.Ordinal) { ["id"] = id, ["label"] = label, ["rows"] = new ScriptArray(), ["tables"] = new ScriptArray() };

    private void Flatten(IReadOnlyList<Declaration> fields, JObject? value, string pointer, string prefix, ScriptObject group)
    {
        foreach (var field in fields)
        {
            var fieldPointer = pointer + "/" + JsonPointer.Escape(field.Id);
            var token = value?[field.Id];
            var label = field.Label?.In(lang) ?? field.Id;
            switch (field.Type.Kind)
            {
                case TypeKind.Record when token is JObject record:
                    Flatten(field.Type.Fields, record, fieldPointer, prefix + label + " › ", group);
                    break;
                case TypeKind.Record:
                    break; // an optional record the document leaves out
                case TypeKind.Collection:
                    if (token is JArray { Count: > 0 } items)
                    {
                        var table = Table(field, items, fieldPointer);
                        table["label"] = prefix + label;
                        (Arr(group["tables"])).Add(table);
                    }

                    break;
                default:
                    (Arr(group["rows"])).Add(AssumptionRow(field, token, fieldPointer, prefix));
                    break;
            }
        }
    }

    private ScriptObject AssumptionRow(Declaration declaration, JToken? value, string pointer, string prefix) => new(StringComparer.Ordinal)
    {
        ["label"] = prefix + (declaration.Label?.In(lang) ?? declaration.Id),
        // A value the document leaves out is the declared default, which the evaluation used.
        ["text"] = AssumptionText(declaration.Type, declaration.Unit, value ?? declaration.Default, pointer) + (value is null && declaration.Default is not null ? T(" (par défaut)", " (default)") : string.Empty),
        ["pointer"] = pointer,
    };

    /// <summary>A value as an assumption: formatted, a series as its values (years 1…), an uncertain number with its law.</summary>
    private string AssumptionText(TypeSpec type, string? unit, JToken? value, string pointer)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            return NumberFormats.Missing;
        }

        var text = value switch
        {
            JArray array => array.Count == 0 ? T("aucun", "none") : string.Join(" · ", array.Select((item, i) => AssumptionText(type.Of ?? type, unit, item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture)))),
            JObject map when !IsLocalized(map) => string.Join(" ; ", map.Properties().Select(p =>
                (type.Keys is { } keys and not ("text" or "integer") ? ItemLabel(keys, p.Name) ?? p.Name : p.Name) + " : " + Scalar(p.Value, type.Of, unit, null))),
            _ => Scalar(value, type, unit, null),
        };
        return Distribution(pointer, unit) is { } law ? $"{text} ({law})" : text;
    }

    /// <summary>
    /// The law of an uncertain input as the document gives it ("loi triangulaire 40 – 55"), or null. Bounds are plain numbers
    /// (the value beside them carries the unit) except shares, shown as percentages like the value ("20,0 % – 50,0 %").
    /// </summary>
    private string? Distribution(string pointer, string? unit)
    {
        if (JsonPointer.Resolve(documentAsRead, pointer) is not JObject law || law["distribution"]?.Value<string>() is not { } name)
        {
            return null;
        }

        var kind = (name, English) switch
        {
            ("triangular", false) => "loi triangulaire",
            ("pert", false) => "loi PERT",
            ("uniform", false) => "loi uniforme",
            ("triangular", true) => "triangular",
            ("pert", true) => "PERT",
            _ => name,
        };
        string Bound(string member) => law[member] is not JValue { Type: JTokenType.Integer or JTokenType.Float } v ? "?"
            : unit == "fraction" ? Number(v.Value<double>(), unit, null, integer: false)
            : formats.Number(v.Value<double>(), Decimals(v.Value<double>()));
        return $"{kind} {Bound("min")} – {Bound("max")}";
    }

    private static int Decimals(double v)
    {
        for (var d = 0; d < 4; d++)
        {
            if (Math.Abs(Math.Round(v, d) - v) < 1e-9)
            {
                return d;
            }
        }

        return 4;
    }

    private ScriptObject Table(Declaration collection, JArray? items, string pointer)
    {
        var columns = collection.Type.Fields;
        var rows = new ScriptArray();
        foreach (var (item, i) in (items ?? []).Select((x, i) => (x as JObject, i)))
        {
            rows.Add(new ScriptArray(columns.Select(c => AssumptionText(c.Type, c.Unit, item?[c.Id] ?? c.Default, $"{pointer}/{i.ToString(CultureInfo.InvariantCulture)}/{JsonPointer.Escape(c.Id)}"))));
        }

        return new ScriptObject(StringComparer.Ordinal)
        {
            ["label"] = collection.Label?.In(lang) ?? collection.Id,
            ["columns"] = new ScriptArray(columns.Select(c => (c.Label?.In(lang) ?? c.Id) + (c.Unit is { Length: > 0 } u && !IsMoney(u) && u != "fraction" ? $" ({UnitText(u)})" : string.Empty))),
            ["rows"] = rows,
        };
    }

    /// <summary>The leaves of the document as read (numbers, texts, booleans, distributions as one leaf), by JSON pointer.</summary>
    public IReadOnlyDictionary<string, JToken> Leaves()
    {
        var leaves = new Dictionary<string, JToken>(StringComparer.Ordinal);
        var pending = new Stack<(string Pointer, JToken Token)>();
        pending.Push((string.Empty, documentAsRead));
        while (pending.Count > 0)
        {
            var (pointer, token) = pending.Pop();
            switch (token)
            {
                case JObject o when o["distribution"] is null && !IsLocalized(o):
                    foreach (var p in o.Properties().Reverse())
                    {
                        pending.Push((pointer + "/" + JsonPointer.Escape(p.Name), p.Value));
                    }

                    break;
                case JArray a:
                    for (var i = a.Count - 1; i >= 0; i--)
                    {
                        pending.Push((pointer + "/" + i.ToString(CultureInfo.InvariantCulture), a[i]));
                    }

                    break;
                default:
                    leaves[pointer] = token;
                    break;
            }
        }

        return leaves;
    }

    /// <summary>A leaf of the document formatted by the declaration its pointer reaches (its type and unit), with its law
    /// when it is uncertain.</summary>
    public string LeafText(string pointer, JToken? value)
    {
        IReadOnlyList<Declaration> fields = method.Inputs;
        TypeSpec? type = null;
        string? unit = null;
        foreach (var part in JsonPointer.Parse(pointer))
        {
            if (type?.Kind is TypeKind.Series or TypeKind.List or TypeKind.Collection or TypeKind.Map)
            {
                type = type.Kind == TypeKind.Collection ? type with { Kind = TypeKind.Record } : type.Of;
                fields = type?.Fields ?? [];
                if (type?.Kind != TypeKind.Record)
                {
                    continue;
                }

                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    continue;
                }
            }

            var declaration = fields.FirstOrDefault(f => f.Id == part);
            if (declaration is null)
            {
                continue;
            }

            type = declaration.Type;
            unit = declaration.Unit ?? unit;
            fields = type.Fields;
        }

        if (value is JObject law && law["distribution"] is not null)
        {
            return Distribution(pointer, unit) ?? CanonicalJson.Write(value);
        }

        return Scalar(value, type?.Kind is TypeKind.Series or TypeKind.List or TypeKind.Map ? type.Of : type, unit, null);
    }

    /// <summary>The findings grouped by severity (errors, warnings, information), each group with its label.</summary>
    public static ScriptArray FindingsBySeverity(JArray findings, string lang)
    {
        var english = lang == "en";
        var groups = new ScriptArray();
        foreach (var (severity, fr, en) in new[] { ("error", "Erreurs", "Errors"), ("warning", "Points d'attention", "Warnings"), ("info", "Informations", "Information") })
        {
            var items = findings.OfType<JObject>().Where(f => string.Equals(f["severity"]?.Value<string>(), severity, StringComparison.OrdinalIgnoreCase)).ToList();
            if (items.Count > 0)
            {
                groups.Add(new ScriptObject(StringComparer.Ordinal)
                {
                    ["severity"] = severity,
                    ["label"] = english ? en : fr,
                    ["items"] = new ScriptArray(items.Select(f => new ScriptObject(StringComparer.Ordinal)
                    {
                        ["code"] = f["code"]?.Value<string>() ?? string.Empty,
                        ["message"] = f["message"]?[english ? "en" : "fr"]?.Value<string>() ?? string.Empty,
                        ["item"] = f["item"]?.Value<string>(),
                    })),
                });
            }
        }

        return groups;
    }

    /// <summary>The title of a declared chart: its own, else the labels of its results.</summary>
    private string ChartTitle(ReportChart chart) => chart.Title?.In(lang) ?? string.Join(" / ", chart.Results.Select(r => S(Present(r)["label"])));

    /// <summary>The <paramref name="index"/>-th chart the method declares, drawn from this record.</summary>
    public Markup Chart(int index)
    {
        var charts = method.Report?.Charts ?? [];
        if (index < 0 || index >= charts.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"The method declares {charts.Count} chart(s).");
        }

        var chart = charts[index];
        var views = chart.Results.Select(Present).ToList();
        return new Markup(chart.Type switch
        {
            "lines" => Lines(ChartTitle(chart), views.Select(v => (S(v["label"]), Doubles(v))).ToList(), chart.Cumulative, S(views[0]["unit"])),
            "radar" => SvgCharts.Radar(ChartTitle(chart), [.. views.Select(v => S(v["label"]))], [.. views.Select(v => Double(v["value"]))],
                chart.Max ?? Math.Max(1, views.Max(v => Double(v["value"]))), [.. views.Select(v => S(v["text"]))]),
            _ => Bars(ChartTitle(chart), views, chart.Max),
        });
    }

    /// <summary>A chart of one presented result: a line chart for a series, bars for a map or list of numbers; null otherwise.</summary>
    public Markup? ChartOf(ScriptObject view)
    {
        if (view["numeric"] is not true || (Arr(view["rows"])).Count == 0)
        {
            return null;
        }

        return S(view["kind"]) == "series"
            ? new Markup(Lines(S(view["label"]), [(S(view["label"]), Doubles(view))], false, S(view["unit"])))
            : new Markup(Bars(S(view["label"]), [view], null));
    }

    /// <summary>Curves over years (or any index): each series' values, running sums when cumulative.</summary>
    public string Lines(string title, IReadOnlyList<(string Name, double[] Values)> series, bool cumulative, string unit)
    {
        var length = series.Max(s => s.Values.Length);
        var lines = series.Select((s, i) =>
        {
            var values = s.Values;
            if (cumulative)
            {
                var sum = 0.0;
                values = [.. values.Select(v => sum += v)];
            }

            return new LineSeries(s.Name, values, i % 2 == 1);
        }).ToArray();
        var labels = Enumerable.Range(0, length).Select(i => T("Année ", "Year ") + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return SvgCharts.Lines(title, labels, lines, [], v => Tick(v, unit));
    }

    /// <summary>A tick of a value axis: money in short form (k€, M€), else the number.</summary>
    public string Tick(double v, string? unit) => IsMoney(unit) ? formats.MoneyShort(v) : unit == "fraction" ? formats.Percent(v, 0) : formats.Number(v, Math.Abs(v) >= 10 || v == 0 ? 0 : 1);

    private string Bars(string title, List<ScriptObject> views, double? max)
    {
        List<(string Label, double Value, string Text)> bars = views.Count == 1 && (Arr(views[0]["rows"])).Count > 0
            ? [.. (Arr(views[0]["rows"])).OfType<ScriptObject>().Select(r => (S(r["label"]), Double(r["value"]), S(r["text"])))]
            : [.. views.Select(v => (S(v["label"]), Double(v["value"]), S(v["text"])))];
        if (bars.Any(b => b.Value < 0))
        {
            // Signed values: bars either side of zero.
            return SvgCharts.Spans(title, [.. bars.Select(b => b.Label)], [.. bars.Select(b => (IReadOnlyList<double>)[b.Value])], 0, "0",
                [title], [.. bars.Select(b => b.Text)], v => Tick(v, S(views[0]["unit"])));
        }

        var top = max ?? bars.Select(b => b.Value).DefaultIfEmpty(1).Max();
        return SvgCharts.Bars(title, [.. bars.Select(b => b.Label)], [.. bars.Select(b => b.Value)], [.. bars.Select(b => b.Text)], top > 0 ? top : 1);
    }

    private static double[] Doubles(ScriptObject view) =>
        (Arr(view["rows"])).Count > 0
            ? [.. (Arr(view["rows"])).OfType<ScriptObject>().Select(r => Double(r["value"]))]
            : view["value"] is ScriptArray a ? [.. a.Select(Double)] : [];

    private static double Double(object? v) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => double.NaN,
    };

    private TypeSpec? TypeOf(string resultId)
    {
        var from = method.Results.FirstOrDefault(r => r.Id == resultId)?.From ?? resultId;
        return method.Indicators.FirstOrDefault(i => i.Id == from)?.Type ?? method.Inputs.FirstOrDefault(i => i.Id == from)?.Type;
    }

    private static bool IsNumber(JToken? t) => t?.Type is JTokenType.Integer or JTokenType.Float;

    private static bool IsLocalized(JObject o) => o.Count == 2 && o["fr"]?.Type == JTokenType.String && o["en"]?.Type == JTokenType.String;

    internal static object? ToScript(JToken? token) => token switch
    {
        null => null,
        JObject o => ToScriptObject(o),
        JArray a => new ScriptArray(a.Select(ToScript)),
        JValue { Type: JTokenType.Integer } v => v.Value<long>(),
        JValue { Type: JTokenType.Float } v => v.Value<double>(),
        JValue { Type: JTokenType.Boolean } v => v.Value<bool>(),
        JValue { Type: JTokenType.String } v => v.Value<string>(),
        _ => null,
    };

    internal static ScriptObject ToScriptObject(JObject o)
    {
        var so = new ScriptObject(StringComparer.Ordinal);
        foreach (var p in o.Properties())
        {
            so[p.Name] = ToScript(p.Value);
        }

        return so;
    }
}
