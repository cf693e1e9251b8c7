using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Diffing;

/// <summary>The comparison behind <see cref="MethodDiff.Compare"/>: collects changes section by section, in order.</summary>
internal sealed class MethodComparer
{
    private readonly List<MethodChange> changes = [];

    public static IReadOnlyList<MethodChange> Compare(MethodDefinition a, MethodDefinition b)
    {
        var comparer = new MethodComparer();
        comparer.Items(DiffSection.Parameters, string.Empty, a.Parameters, b.Parameters, p => p.Id, comparer.Parameter, p => CanonicalJson.Write(p.Value));
        comparer.Items(DiffSection.Scales, string.Empty, a.Scales, b.Scales, s => s.Id, comparer.Scale, s => Number(s.Min) + ".." + Number(s.Max));
        comparer.Items(DiffSection.Inputs, string.Empty, a.Inputs, b.Inputs, d => d.Id, (path, x, y) => comparer.Declaration(DiffSection.Inputs, path, x, y), Summary);
        comparer.Items(DiffSection.Indicators, string.Empty, a.Indicators, b.Indicators, i => i.Id, comparer.Indicator, i => i.Formula);
        comparer.Items(DiffSection.Rules, string.Empty, a.Rules, b.Rules, r => r.Id, comparer.Rule, r => Severity(r) + ": " + r.When);
        comparer.Results(a.Results, b.Results);
        return comparer.changes.ToArray();
    }

    /// <summary>
    /// Matches two lists of items by id: the new list's items in order (compared, or added), then the old list's
    /// items that are gone, in order. With duplicate ids (an invalid method), the first of each is matched.
    /// </summary>
    private void Items<T>(
        DiffSection section,
        string prefix,
        IReadOnlyList<T> a,
        IReadOnlyList<T> b,
        Func<T, string> id,
        Action<string, T, T> compare,
        Func<T, string> summary)
    {
        var old = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in a)
        {
            old.TryAdd(id(item), item);
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in b)
        {
            var path = prefix + id(item);
            if (!kept.Add(id(item)))
            {
                continue;
            }

            if (old.TryGetValue(id(item), out var previous))
            {
                compare(path, previous, item);
            }
            else
            {
                Add(section, path, ChangeKind.Added, null, null, summary(item));
            }
        }

        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in a)
        {
            if (!kept.Contains(id(item)) && removed.Add(id(item)))
            {
                Add(section, prefix + id(item), ChangeKind.Removed, null, summary(item), null);
            }
        }
    }

    private void Parameter(string path, ParameterDefinition a, ParameterDefinition b)
    {
        const DiffSection section = DiffSection.Parameters;
        Type(section, path, a.Type, b.Type);
        Json(section, path, ChangeKind.ValueChanged, "value", a.Value, b.Value);
        if (a.Source.Fr == a.Source.En && b.Source.Fr == b.Source.En)
        {
            Text(section, path, ChangeKind.SourceChanged, "source", a.Source.Fr, b.Source.Fr); // one text for both languages
        }
        else
        {
            Localized(section, path, ChangeKind.SourceChanged, "source", a.Source, b.Source);
        }
        Text(section, path, ChangeKind.UnitChanged, "unit", a.Unit, b.Unit);
        Localized(section, path, ChangeKind.LabelChanged, "label", a.Label, b.Label);
        Localized(section, path, ChangeKind.DescriptionChanged, "description", a.Description, b.Description);
        Nested(section, path, a.Type, b.Type);
    }

    private void Scale(string path, ScaleDefinition a, ScaleDefinition b)
    {
        const DiffSection section = DiffSection.Scales;
        Text(section, path, ChangeKind.BoundsChanged, "min", Number(a.Min), Number(b.Min));
        Text(section, path, ChangeKind.BoundsChanged, "max", Number(a.Max), Number(b.Max));
        Localized(section, path, ChangeKind.LabelChanged, "label", a.Label, b.Label);
        foreach (var level in a.Levels.Keys.Union(b.Levels.Keys).Order())
        {
            Localized(section, path, ChangeKind.LabelChanged, "levels." + Number(level), a.Levels.GetValueOrDefault(level), b.Levels.GetValueOrDefault(level));
        }
    }

    private void Declaration(DiffSection section, string path, Declaration a, Declaration b)
    {
        Type(section, path, a.Type, b.Type);
        Text(section, path, ChangeKind.RequiredChanged, "required", Bool(a.Required), Bool(b.Required));
        Json(section, path, ChangeKind.DefaultChanged, "default", a.Default, b.Default);
        Text(section, path, ChangeKind.UnitChanged, "unit", a.Unit, b.Unit);
        Localized(section, path, ChangeKind.LabelChanged, "label", a.Label, b.Label);
        Localized(section, path, ChangeKind.DescriptionChanged, "description", a.Description, b.Description);
        Nested(section, path, a.Type, b.Type);
    }

    private void Indicator(string path, IndicatorDefinition a, IndicatorDefinition b)
    {
        const DiffSection section = DiffSection.Indicators;
        Type(section, path, a.Type, b.Type);
        Text(section, path, ChangeKind.FormulaChanged, "formula", a.Formula, b.Formula);
        Text(section, path, ChangeKind.DecimalsChanged, "decimals", Number(a.Decimals), Number(b.Decimals));
        Text(section, path, ChangeKind.UnitChanged, "unit", a.Unit, b.Unit);
        Localized(section, path, ChangeKind.LabelChanged, "label", a.Label, b.Label);
        Localized(section, path, ChangeKind.DescriptionChanged, "description", a.Description, b.Description);
        Nested(section, path, a.Type, b.Type);
    }

    private void Rule(string path, RuleDefinition a, RuleDefinition b)
    {
        const DiffSection section = DiffSection.Rules;
        Text(section, path, ChangeKind.SeverityChanged, "severity", Severity(a), Severity(b));
        Text(section, path, ChangeKind.ConditionChanged, "forEach", a.ForEach, b.ForEach);
        Text(section, path, ChangeKind.ConditionChanged, "when", a.When, b.When);
        Localized(section, path, ChangeKind.MessageChanged, "message", a.Message, b.Message);
        Text(section, path, ChangeKind.MessageChanged, "at", a.At, b.At);
    }

    /// <summary>Added, removed, renamed (<c>from</c>) and moved results, in the new order, then the removed ones.</summary>
    private void Results(IReadOnlyList<ResultDefinition> a, IReadOnlyList<ResultDefinition> b)
    {
        var oldIds = a.Select(r => r.Id).ToArray();
        var newIds = b.Select(r => r.Id).ToArray();
        var moved = Moved(oldIds, newIds);
        Items(DiffSection.Results, string.Empty, a, b, r => r.Id, (path, x, y) =>
        {
            Text(DiffSection.Results, path, ChangeKind.FromChanged, "from", x.From, y.From);
            if (moved.Contains(path))
            {
                Text(DiffSection.Results, path, ChangeKind.Reordered, "position",
                    Number(Array.IndexOf(oldIds, path) + 1), Number(Array.IndexOf(newIds, path) + 1));
            }
        }, r => r.From);
    }

    /// <summary>
    /// The ids kept in both lists that are not part of a longest common subsequence of the kept ids: the fewest
    /// items whose move explains the new order.
    /// </summary>
    private static HashSet<string> Moved(string[] oldIds, string[] newIds)
    {
        var x = oldIds.Where(newIds.Contains).Distinct(StringComparer.Ordinal).ToArray();
        var y = newIds.Where(oldIds.Contains).Distinct(StringComparer.Ordinal).ToArray();
        var lengths = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
        {
            for (var j = y.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = x[i] == y[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var common = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0, j = 0; i < x.Length && j < y.Length;)
        {
            if (x[i] == y[j])
            {
                common.Add(x[i]);
                i++;
                j++;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return y.Where(id => !common.Contains(id)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The type's own properties: kind, references, enum values, nullability, bounds.</summary>
    private void Type(DiffSection section, string path, TypeSpec a, TypeSpec b)
    {
        Text(section, path, ChangeKind.TypeChanged, "type", KindName(a.Kind), KindName(b.Kind));
        Text(section, path, ChangeKind.TypeChanged, "ref", a.Ref, b.Ref);
        Text(section, path, ChangeKind.TypeChanged, "scale", a.Scale, b.Scale);
        Text(section, path, ChangeKind.TypeChanged, "key", a.Key, b.Key);
        Text(section, path, ChangeKind.TypeChanged, "keys", a.Keys, b.Keys);
        Text(section, path, ChangeKind.TypeChanged, "catalogue", a.Catalogue, b.Catalogue);
        Text(section, path, ChangeKind.TypeChanged, "values", EnumValues(a), EnumValues(b));
        Text(section, path, ChangeKind.TypeChanged, "nullable", a.Nullable ? "true" : null, b.Nullable ? "true" : null);
        Text(section, path, ChangeKind.TypeChanged, "of", a.Of is null ? null : KindName(a.Of.Kind), b.Of is null ? null : KindName(b.Of.Kind), onlyPresence: true);
        Text(section, path, ChangeKind.BoundsChanged, "min", Number(a.Min), Number(b.Min));
        Text(section, path, ChangeKind.BoundsChanged, "max", Number(a.Max), Number(b.Max));
        Text(section, path, ChangeKind.BoundsChanged, "maxLength", Number(a.MaxLength), Number(b.MaxLength));
        Text(section, path, ChangeKind.BoundsChanged, "minItems", Number(a.MinItems), Number(b.MinItems));
        Text(section, path, ChangeKind.BoundsChanged, "maxItems", Number(a.MaxItems), Number(b.MaxItems));
        Text(section, path, ChangeKind.BoundsChanged, "length", a.Length, b.Length);
        Text(section, path, ChangeKind.BoundsChanged, "lengthOffset", Number(a.LengthOffset), Number(b.LengthOffset));
        var labels = b.Values.Where(v => a.Values.Any(o => o.Value == v.Value));
        foreach (var value in labels)
        {
            Localized(section, path, ChangeKind.LabelChanged, "values." + value.Value, a.Values.First(o => o.Value == value.Value).Label, value.Label);
        }
    }

    /// <summary>What a type holds: the element type (<c>path[]</c>) and the fields (<c>path.field</c>), recursively.</summary>
    private void Nested(DiffSection section, string path, TypeSpec a, TypeSpec b)
    {
        if (a.Of is not null && b.Of is not null)
        {
            Type(section, path + "[]", a.Of, b.Of);
            Nested(section, path + "[]", a.Of, b.Of);
        }

        Items(section, path + ".", a.Fields, b.Fields, f => f.Id, (p, x, y) => Declaration(section, p, x, y), Summary);
    }

    private void Text(DiffSection section, string path, ChangeKind kind, string property, string? a, string? b, bool onlyPresence = false)
    {
        if (onlyPresence ? (a is null) != (b is null) : !string.Equals(a, b, StringComparison.Ordinal))
        {
            Add(section, path, kind, property, a, b);
        }
    }

    private void Json(DiffSection section, string path, ChangeKind kind, string property, JToken? a, JToken? b) =>
        Text(section, path, kind, property, a is null ? null : CanonicalJson.Write(a), b is null ? null : CanonicalJson.Write(b));

    private void Localized(DiffSection section, string path, ChangeKind kind, string property, LocalizedText? a, LocalizedText? b)
    {
        Text(section, path, kind, property + ".fr", a?.Fr, b?.Fr);
        Text(section, path, kind, property + ".en", a?.En, b?.En);
    }

    private void Add(DiffSection section, string path, ChangeKind kind, string? property, string? a, string? b) =>
        changes.Add(new MethodChange(section, path, kind, property, a, b));

    /// <summary>An input's or field's summary: <c>number, min 0, max 1, optional, default 0</c>.</summary>
    private static string Summary(Declaration d)
    {
        var parts = new List<string> { TypeSummary(d.Type) };
        if (!d.Required)
        {
            parts.Add("optional");
        }

        if (d.Default is not null)
        {
            parts.Add("default " + CanonicalJson.Write(d.Default));
        }

        return string.Join(", ", parts);
    }

    private static string TypeSummary(TypeSpec t)
    {
        var parts = new List<string>
        {
            KindName(t.Kind) + t.Kind switch
            {
                TypeKind.Scale => " " + t.Scale,
                TypeKind.Enum => " " + string.Join("|", t.Values.Select(v => v.Value)),
                TypeKind.Record or TypeKind.Collection => $" of {t.Fields.Count} field(s)" + (t.Key is null ? string.Empty : $" keyed by {t.Key}"),
                TypeKind.Map => $" by {t.Keys}",
                _ => string.Empty,
            },
        };
        if (t.Of is not null)
        {
            parts.Add("of " + TypeSummary(t.Of));
        }

        if (t.Length is not null)
        {
            parts.Add("length " + t.Length + (t.LengthOffset == 0 ? string.Empty : (t.LengthOffset > 0 ? " + " : " - ") + Number(Math.Abs(t.LengthOffset))));
        }

        AddBound(parts, "ref", t.Ref);
        AddBound(parts, "min", Number(t.Min));
        AddBound(parts, "max", Number(t.Max));
        AddBound(parts, "maxLength", Number(t.MaxLength));
        AddBound(parts, "minItems", Number(t.MinItems));
        AddBound(parts, "maxItems", Number(t.MaxItems));
        return string.Join(", ", parts);
    }

    private static void AddBound(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name + " " + value);
        }
    }

    private static string KindName(TypeKind kind) => kind.ToString().ToLowerInvariant();

    private static string Severity(RuleDefinition rule) => rule.Severity.ToString().ToLowerInvariant();

    private static string Bool(bool value) => value ? "true" : "false";

    private static string? EnumValues(TypeSpec t) =>
        t.Values.Count == 0 ? null : CanonicalJson.Write(new JArray(t.Values.Select(v => v.Value)));

    private static string? Number(double? value) => value is { } d ? CanonicalJson.FormatNumber(d) : null;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
