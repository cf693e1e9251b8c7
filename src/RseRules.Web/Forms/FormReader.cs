using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Web.Forms;

/// <summary>
/// Reads a posted form back into an input document, by the same declarations the form was generated from: values by
/// their pointer names, numbers exactly as typed (see <see cref="FormNumbers"/>), a distribution when a law is chosen,
/// empty optional values left out (the method's default applies). What cannot be read (a text in a number field)
/// becomes a problem at its pointer; everything else is left to the input validator, which reports at the same pointers.
/// </summary>
public sealed class FormReader
{
    private const int MaxRows = 10_000;
    private readonly MethodDefinition method;
    private readonly FormData form;
    private readonly string lang;
    private readonly List<FormProblem> problems = [];

    private FormReader(MethodDefinition method, FormData form, string lang)
    {
        this.method = method;
        this.form = form;
        this.lang = lang;
    }

    /// <summary>The document a form describes, and what could not be read.</summary>
    public static (JObject Document, IReadOnlyList<FormProblem> Problems) Read(MethodDefinition method, FormData form, string language)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(form);
        var reader = new FormReader(method, form, language);
        var document = new JObject();
        foreach (var input in method.Inputs)
        {
            if (reader.Read(input, "/" + JsonPointer.Escape(input.Id)) is { } value)
            {
                document[input.Id] = value;
            }
        }

        return (document, reader.problems);
    }

    private string T(string fr, string en) => lang == "en" ? en : fr;

    /// <summary>The element type of a series (numbers when the method does not say), list or map.</summary>
    internal static TypeSpec? ElementOf(TypeSpec type) => type.Of ?? (type.Kind == TypeKind.Series ? new TypeSpec { Kind = TypeKind.Number } : null);

    private static bool IsScalar(TypeSpec? type) => type?.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Enum or TypeKind.Scale or TypeKind.Localized;

    private static bool IsChoiceList(TypeSpec type) => type.Kind == TypeKind.List && (type.Of?.Kind == TypeKind.Enum || (type.Of?.Kind == TypeKind.Text && type.Of.Ref is not null));

    private JToken? Read(Declaration d, string pointer)
    {
        var type = d.Type;
        switch (type.Kind)
        {
            case TypeKind.Record:
                if (!d.Required && form.Has(FormNames.With(pointer, "shown")) && !form.Has(FormNames.With(pointer, "on")))
                {
                    return null;
                }

                var record = new JObject();
                foreach (var f in type.Fields)
                {
                    if (Read(f, pointer + "/" + JsonPointer.Escape(f.Id)) is { } v)
                    {
                        record[f.Id] = v;
                    }
                }

                return record.Count == 0 && !d.Required && !form.Has(FormNames.With(pointer, "on")) ? null : record;
            case TypeKind.Collection:
                var rows = Rows(pointer);
                if (!d.Required && rows == 0)
                {
                    return null;
                }

                var items = new JArray();
                for (var i = 0; i < rows; i++)
                {
                    var item = new JObject();
                    foreach (var f in type.Fields)
                    {
                        if (Read(f, JsonPointer.Append(pointer, i) + "/" + JsonPointer.Escape(f.Id)) is { } v)
                        {
                            item[f.Id] = v;
                        }
                    }

                    items.Add(item);
                }

                return items;
            case TypeKind.Series or TypeKind.List when IsChoiceList(type):
                if (!form.Has(FormNames.With(pointer, "shown")))
                {
                    return null;
                }

                var chosen = new JArray(form.All(FormNames.With(pointer, "set")).Distinct(StringComparer.Ordinal).Select(v => (object)v).ToArray());
                return chosen.Count == 0 && !d.Required ? null : chosen;
            case TypeKind.Series or TypeKind.List when IsScalar(ElementOf(type)):
                var count = form.Has(FormNames.With(pointer, "rows")) ? Rows(pointer) : CountIndexed(pointer);
                if (count == 0 && !form.Has(FormNames.With(pointer, "rows")))
                {
                    return null;
                }

                var element = d with { Type = ElementOf(type)!, Required = true, Default = null };
                var array = new JArray();
                for (var i = 0; i < count; i++)
                {
                    array.Add(Scalar(element, JsonPointer.Append(pointer, i)) ?? JValue.CreateNull());
                }

                return array.Count == 0 && !d.Required ? null : array;
            case TypeKind.Map when IsScalar(type.Of) && type.Keys is "text" or "integer" or null:
                return FreeMap(d, pointer);
            case TypeKind.Map when IsScalar(type.Of):
                var map = new JObject();
                var mapElement = d with { Type = type.Of!, Required = false, Default = null };
                foreach (var key in ChildKeys(pointer))
                {
                    if (Scalar(mapElement, JsonPointer.Append(pointer, key)) is { } v)
                    {
                        map[key] = v;
                    }
                }

                return map.Count == 0 && !d.Required ? null : map;
            case var _ when IsScalar(type):
                return Scalar(d, pointer);
            default:
                return Json(pointer);
        }
    }

    private JObject? FreeMap(Declaration d, string pointer)
    {
        var rows = Rows(pointer);
        var map = new JObject();
        var element = d with { Type = d.Type.Of!, Required = true, Default = null };
        for (var i = 0; i < rows; i++)
        {
            var key = form[FormNames.Key(pointer, i)]?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            if (map.ContainsKey(key))
            {
                problems.Add(new FormProblem(FormNames.Key(pointer, i), T($"la clé « {key} » figure deux fois", $"the key '{key}' is given twice")));
                continue;
            }

            map[key] = Scalar(element, FormNames.Value(pointer, i), JsonPointer.Append(pointer, key)) ?? JValue.CreateNull();
        }

        return map.Count == 0 && !d.Required ? null : map;
    }

    private JToken? Json(string pointer)
    {
        var text = form[FormNames.With(pointer, "json")];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JToken.Parse(text);
        }
        catch (JsonException ex)
        {
            problems.Add(new FormProblem(pointer, T("JSON invalide : ", "invalid JSON: ") + ex.Message));
            return null;
        }
    }

    /// <summary>A scalar from the field named <paramref name="name"/> (its pointer), problems reported at <paramref name="pointer"/>.</summary>
    private JToken? Scalar(Declaration d, string name, string? pointer = null)
    {
        pointer ??= name;
        var type = d.Type;
        var percent = d.Unit == "fraction" && type.Kind == TypeKind.Number;
        switch (type.Kind)
        {
            case TypeKind.Number or TypeKind.Integer:
                var law = form[FormNames.With(name, "law")];
                if (law is "triangular" or "pert" or "uniform")
                {
                    var distribution = new JObject { ["distribution"] = law };
                    foreach (var member in law == "uniform" ? new[] { "min", "max" } : ["min", "mode", "max"])
                    {
                        distribution[member] = Number(form[FormNames.With(name, member)], percent, type.Kind == TypeKind.Integer, pointer + "/" + member);
                    }

                    return distribution;
                }

                return Number(form[name], percent, type.Kind == TypeKind.Integer, pointer);
            case TypeKind.Scale:
                var level = form[name]?.Trim();
                if (string.IsNullOrEmpty(level))
                {
                    return null;
                }

                if (long.TryParse(level, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                problems.Add(new FormProblem(pointer, T($"« {level} » n'est pas un niveau", $"'{level}' is not a level")));
                return null;
            case TypeKind.Boolean:
                return form[name]?.Trim() switch
                {
                    "true" => true,
                    "false" => false,
                    _ => null,
                };
            case TypeKind.Localized:
                var fr = form[name + "/fr"] ?? string.Empty;
                var en = form[name + "/en"] ?? string.Empty;
                return fr.Length == 0 && en.Length == 0 ? null : new JObject { ["fr"] = fr, ["en"] = en };
            default:
                var text = form[name];
                return string.IsNullOrEmpty(text) ? null : new JValue(text);
        }
    }

    private JToken? Number(string? text, bool percent, bool integer, string pointer)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = FormNumbers.Parse(text, percent, lang, out _);
        if (value is null)
        {
            problems.Add(new FormProblem(pointer, T($"« {Clip(text)} » n'est pas un nombre", $"'{Clip(text)}' is not a number")));
            return null;
        }

        if (integer)
        {
            if (value != Math.Floor(value.Value) || Math.Abs(value.Value) > 9e15)
            {
                problems.Add(new FormProblem(pointer, T($"« {Clip(text)} » n'est pas un nombre entier", $"'{Clip(text)}' is not a whole number")));
                return null;
            }

            return (long)value.Value;
        }

        return value.Value;
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private int Rows(string pointer) =>
        int.TryParse(form[FormNames.With(pointer, "rows")], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, MaxRows) : 0;

    /// <summary>How many consecutive indexed values start at <c>pointer/0</c> (a series in a table row).</summary>
    private int CountIndexed(string pointer)
    {
        var count = 0;
        while (count < MaxRows && (form.Has(JsonPointer.Append(pointer, count)) || form.Has(FormNames.With(JsonPointer.Append(pointer, count), "law"))))
        {
            count++;
        }

        return count;
    }

    /// <summary>The keys of the values named <c>pointer/key</c> (a map keyed by a collection), in the form's order.</summary>
    private IEnumerable<string> ChildKeys(string pointer)
    {
        var prefix = pointer + "/";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in form.Names)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = name[prefix.Length..];
            // A suffix starts with '~' and a letter; a pointer's escapes are "~0" and "~1".
            for (var i = 0; i + 1 < rest.Length; i++)
            {
                if (rest[i] == '~' && char.IsAsciiLetter(rest[i + 1]))
                {
                    rest = rest[..i];
                    break;
                }
            }

            if (rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var key = JsonPointer.Parse("/" + rest)[0];
            if (seen.Add(key))
            {
                yield return key;
            }
        }
    }
}
