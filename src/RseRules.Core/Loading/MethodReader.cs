using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Loading;

/// <summary>
/// Builds the <see cref="MethodDefinition"/> model from a parsed method file. Defensive: the file may not
/// have passed the schema, so every shape is checked and a misshapen part is reported and skipped.
/// </summary>
internal sealed class MethodReader(JsonSource source, List<Diagnostic> diagnostics)
{
    private static readonly Dictionary<string, TypeKind> Kinds = Enum.GetValues<TypeKind>()
        .ToDictionary(k => k.ToString().ToLowerInvariant(), k => k, StringComparer.Ordinal);

    public MethodDefinition? Read()
    {
        if (source.Root is not JObject root)
        {
            diagnostics.Add(source.At(string.Empty, DiagnosticCode.MethodSchema, "A method file must be a JSON object."));
            return null;
        }

        var formatVersion = root["formatVersion"];
        var version = 1;
        if (formatVersion is null || formatVersion.Type != JTokenType.Integer || formatVersion.Value<long>() is not (1 or 2))
        {
            diagnostics.Add(source.At("/formatVersion", DiagnosticCode.UnsupportedFormatVersion, "formatVersion must be 1 or 2, the method formats this engine reads."));
        }
        else
        {
            version = (int)formatVersion.Value<long>();
        }

        var extends = Str(root, "extends");

        return new MethodDefinition
        {
            FormatVersion = version,
            Id = Str(root, "id") ?? string.Empty,
            Version = Str(root, "version") ?? string.Empty,
            Title = Localized(root["title"]) ?? new LocalizedText(string.Empty, string.Empty),
            Description = Localized(root["description"]),
            Extends = extends,
            BaseSha256 = Str(root, "baseSha256"),
            Tightenings = (root["tighten"] as JObject)?.Properties().Where(p => p.Value is JObject)
                .ToDictionary(p => p.Name, p => ReadTightening((JObject)p.Value, JsonPointer.Append("/tighten", p.Name)), StringComparer.Ordinal)
                ?? new Dictionary<string, BoundsTightening>(StringComparer.Ordinal),
            RemovedResults = root["removeResults"] is JArray removed
                ? [.. removed.Select((x, i) => (x, i)).Where(e => e.x.Type == JTokenType.String)
                    .Select(e => new ResultRemoval(e.x.Value<string>()!, "/removeResults/" + e.i.ToString(CultureInfo.InvariantCulture)))]
                : [],
            Scales = ReadScales(root["scales"] as JObject),
            Parameters = Array(root, "parameters").Select(x => ReadParameter(x.Token, x.Pointer)).OfType<ParameterDefinition>().ToArray(),
            Inputs = Array(root, "inputs").Select(x => ReadDeclaration(x.Token, x.Pointer)).OfType<Declaration>().ToArray(),
            Indicators = Array(root, "indicators").Select(x => ReadIndicator(x.Token, x.Pointer)).OfType<IndicatorDefinition>().ToArray(),
            Rules = Array(root, "rules").Select(x => ReadRule(x.Token, x.Pointer)).OfType<RuleDefinition>().ToArray(),
            Results = ReadResults(root["results"] as JArray),
            Report = root["report"] is JObject report ? ReadReport(report) : null,
            Labels = (root["labels"] as JObject)?.Properties().Where(p => Localized(p.Value) is not null)
                .ToDictionary(p => p.Name, p => Localized(p.Value)!, StringComparer.Ordinal) ?? new Dictionary<string, LocalizedText>(StringComparer.Ordinal),
            Source = source,
            Sha256 = CanonicalJson.Sha256(root),
        };
    }

    private static ReportDeclaration ReadReport(JObject o) => new()
    {
        Template = Str(o, "template"),
        Title = Localized(o["title"]),
        Subject = Str(o, "subject"),
        Decision = Str(o, "decision"),
        Headline = Strings(o["headline"]),
        Charts = [.. Array(o, "charts", "/report").Select(c => new ReportChart(
            Str(c.Token, "type") ?? "bars", Localized(c.Token["title"]), Strings(c.Token["results"]), c.Token["cumulative"]?.Type == JTokenType.Boolean && c.Token["cumulative"]!.Value<bool>(),
            Num(c.Token, "max"), c.Pointer))],
        Sections = Strings(o["sections"]),
    };

    private static BoundsTightening ReadTightening(JObject o, string pointer) => new()
    {
        Min = Num(o, "min"),
        Max = Num(o, "max"),
        MaxLength = Int(o, "maxLength"),
        MinItems = Int(o, "minItems"),
        MaxItems = Int(o, "maxItems"),
        Values = o["values"] is JArray ? Strings(o["values"]) : null,
        Of = o["of"] is JObject of ? ReadTightening(of, pointer + "/of") : null,
        Fields = (o["fields"] as JObject)?.Properties().Where(p => p.Value is JObject)
            .ToDictionary(p => p.Name, p => ReadTightening((JObject)p.Value, JsonPointer.Append(pointer + "/fields", p.Name)), StringComparer.Ordinal)
            ?? new Dictionary<string, BoundsTightening>(StringComparer.Ordinal),
        Pointer = pointer,
    };

    private static string[] Strings(JToken? token) =>
        token is JArray a ? [.. a.Where(x => x.Type == JTokenType.String).Select(x => x.Value<string>()!)] : [];

    internal static LocalizedText? Localized(JToken? token) =>
        token is JObject o && o["fr"]?.Type == JTokenType.String && o["en"]?.Type == JTokenType.String
            ? new LocalizedText(o["fr"]!.Value<string>()!, o["en"]!.Value<string>()!)
            : null;

    private static string? Str(JObject o, string name) => o[name]?.Type == JTokenType.String ? o[name]!.Value<string>() : null;

    private static double? Num(JObject o, string name) => o[name]?.Type is JTokenType.Integer or JTokenType.Float ? o[name]!.Value<double>() : null;

    private static int? Int(JObject o, string name) => o[name]?.Type == JTokenType.Integer ? (int)Math.Clamp(o[name]!.Value<long>(), int.MinValue, int.MaxValue) : null;

    private static IEnumerable<(JObject Token, string Pointer)> Array(JObject o, string name, string parent = "")
    {
        if (o[name] is not JArray a)
        {
            yield break;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] is JObject item)
            {
                yield return (item, $"{parent}/{name}/{i.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static List<ResultDefinition> ReadResults(JArray? results)
    {
        var list = new List<ResultDefinition>();
        for (var i = 0; i < (results?.Count ?? 0); i++)
        {
            var pointer = "/results/" + i.ToString(CultureInfo.InvariantCulture);
            switch (results![i])
            {
                case JValue { Type: JTokenType.String } s:
                    list.Add(new ResultDefinition(s.Value<string>()!, s.Value<string>()!, pointer));
                    break;
                case JObject o when Str(o, "id") is { } id:
                    list.Add(new ResultDefinition(id, Str(o, "from") ?? id, pointer));
                    break;
                default:
                    break;
            }
        }

        return list;
    }

    private List<ScaleDefinition> ReadScales(JObject? scales)
    {
        var list = new List<ScaleDefinition>();
        if (scales is null)
        {
            return list;
        }

        foreach (var p in scales.Properties())
        {
            var pointer = JsonPointer.Append("/scales", p.Name);
            if (p.Value is not JObject o || Num(o, "min") is not double min || Num(o, "max") is not double max)
            {
                diagnostics.Add(source.At(pointer, DiagnosticCode.InvalidTypeDeclaration, $"Scale '{p.Name}' needs integer 'min' and 'max'."));
                continue;
            }

            if (min > max)
            {
                diagnostics.Add(source.At(pointer, DiagnosticCode.InvalidTypeDeclaration, $"Scale '{p.Name}' has min {min} above max {max}."));
            }

            var levels = new Dictionary<long, LocalizedText>();
            if (o["levels"] is JObject lv)
            {
                foreach (var l in lv.Properties())
                {
                    if (long.TryParse(l.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var level) && Localized(l.Value) is { } text)
                    {
                        if (level < min || level > max)
                        {
                            diagnostics.Add(source.AtKey(JsonPointer.Append(pointer + "/levels", l.Name), DiagnosticCode.InvalidTypeDeclaration, $"Level {level} is outside scale '{p.Name}' ({min}..{max})."));
                        }

                        levels[level] = text;
                    }
                    else
                    {
                        diagnostics.Add(source.AtKey(JsonPointer.Append(pointer + "/levels", l.Name), DiagnosticCode.InvalidTypeDeclaration, $"Level '{l.Name}' of scale '{p.Name}' must be an integer with a French and English label."));
                    }
                }
            }

            list.Add(new ScaleDefinition(p.Name, (long)min, (long)max, levels, Localized(o["label"])));
        }

        return list;
    }

    private TypeSpec? ReadType(JObject o, string pointer)
    {
        var typeName = Str(o, "type");
        if (typeName is null || !Kinds.TryGetValue(typeName, out var kind))
        {
            diagnostics.Add(source.At(pointer + "/type", DiagnosticCode.InvalidTypeDeclaration, $"Unknown or missing type '{typeName}'; expected one of {string.Join(", ", Kinds.Keys)}."));
            return null;
        }

        TypeSpec? of = null;
        switch (o["of"])
        {
            case JValue { Type: JTokenType.String } s:
                var ofName = s.Value<string>()!;
                if (Kinds.TryGetValue(ofName, out var ofKind))
                {
                    of = new TypeSpec { Kind = ofKind, Pointer = pointer + "/of" };
                }
                else
                {
                    diagnostics.Add(source.At(pointer + "/of", DiagnosticCode.InvalidTypeDeclaration, $"Unknown element type '{ofName}'."));
                }

                break;
            case JObject ofObject:
                of = ReadType(ofObject, pointer + "/of");
                break;
            default:
                break;
        }

        var values = new List<EnumValue>();
        if (o["values"] is JArray vals)
        {
            foreach (var v in vals)
            {
                if (v is JObject vo && Str(vo, "value") is { } value)
                {
                    values.Add(new EnumValue(value, Localized(vo["label"])));
                }
                else if (v.Type == JTokenType.String)
                {
                    values.Add(new EnumValue(v.Value<string>()!, null));
                }
            }
        }

        return new TypeSpec
        {
            Kind = kind,
            Min = Num(o, "min"),
            Max = Num(o, "max"),
            MaxLength = Int(o, "maxLength"),
            Ref = Str(o, "ref"),
            Values = values,
            Scale = Str(o, "scale"),
            Length = Str(o, "length"),
            LengthOffset = Int(o, "lengthOffset") ?? 0,
            Of = of,
            Fields = Array(o, "fields", pointer).Select(x => ReadDeclaration(x.Token, x.Pointer)).OfType<Declaration>().ToArray(),
            Key = Str(o, "key"),
            Keys = Str(o, "keys"),
            Catalogue = Str(o, "catalogue"),
            MinItems = Int(o, "minItems"),
            MaxItems = Int(o, "maxItems"),
            Nullable = o["nullable"]?.Type == JTokenType.Boolean && o["nullable"]!.Value<bool>(),
            Pointer = pointer,
        };
    }

    private Declaration? ReadDeclaration(JObject o, string pointer)
    {
        var id = Str(o, "id");
        var type = ReadType(o, pointer);
        if (id is null || type is null)
        {
            if (id is null)
            {
                diagnostics.Add(source.At(pointer, DiagnosticCode.MethodSchema, "A declaration needs an 'id'."));
            }

            return null;
        }

        // A map with a default is complete whatever the document gives (every key of its collection present), so it is
        // optional unless the method says otherwise.
        var required = o["required"]?.Type == JTokenType.Boolean ? o["required"]!.Value<bool>() : !(type.Kind == TypeKind.Map && o["default"] is not null);
        return new Declaration(id, type, Localized(o["label"]), Localized(o["description"]), Str(o, "unit"), required, o["default"], pointer);
    }

    private ParameterDefinition? ReadParameter(JObject o, string pointer)
    {
        var id = Str(o, "id");
        var type = ReadType(o, pointer);
        if (id is null || type is null || o["value"] is not { } value)
        {
            diagnostics.Add(source.At(pointer, DiagnosticCode.MethodSchema, "A parameter needs an 'id', a 'type' and a 'value'."));
            return null;
        }

        return new ParameterDefinition(id, type, value, Str(o, "source") is { } sourceText ? new LocalizedText(sourceText, sourceText) : Localized(o["source"]) ?? new LocalizedText(string.Empty, string.Empty), Localized(o["label"]), Localized(o["description"]), Str(o, "unit"), pointer);
    }

    private IndicatorDefinition? ReadIndicator(JObject o, string pointer)
    {
        var id = Str(o, "id");
        var type = ReadType(o, pointer);
        var formula = Str(o, "formula");
        if (id is null || type is null || formula is null)
        {
            diagnostics.Add(source.At(pointer, DiagnosticCode.MethodSchema, "An indicator needs an 'id', a 'type' and a 'formula'."));
            return null;
        }

        return new IndicatorDefinition(id, type, formula, Localized(o["label"]) ?? new LocalizedText(id, id), Localized(o["description"]), Str(o, "unit"), Int(o, "decimals"), pointer)
        {
            Replaces = o["replaces"]?.Type == JTokenType.Boolean && o["replaces"]!.Value<bool>(),
        };
    }

    private RuleDefinition? ReadRule(JObject o, string pointer)
    {
        var id = Str(o, "id");
        var when = Str(o, "when");
        var message = Localized(o["message"]);
        var severity = Str(o, "severity") switch
        {
            "info" => Severity.Info,
            "warning" => Severity.Warning,
            "error" => Severity.Error,
            _ => (Severity?)null,
        };
        if (id is null || when is null || message is null || severity is null)
        {
            diagnostics.Add(source.At(pointer, DiagnosticCode.MethodSchema, "A rule needs an 'id', a 'severity' (info, warning, error), a 'when' and a 'message' in French and English."));
            return null;
        }

        return new RuleDefinition(id, severity.Value, when, message, Str(o, "forEach"), Str(o, "at"), pointer)
        {
            Replaces = o["replaces"]?.Type == JTokenType.Boolean && o["replaces"]!.Value<bool>(),
        };
    }
}
