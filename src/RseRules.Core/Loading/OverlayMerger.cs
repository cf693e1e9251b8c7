using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Loading;

/// <summary>
/// Merges an overlay (a method with <c>extends: id@version</c>) onto its base: the overlay may change parameters,
/// add inputs, indicators, rules and results, relabel, and replace a base indicator or rule only when it says so
/// (<c>"replaces": true</c>). The result is an ordinary method whose base elements still point into the base file
/// (through the <c>base:</c> mount of its source) and which lists every deviation from the base.
/// </summary>
internal static class OverlayMerger
{
    public const string BasePrefix = "base:";
    private const int MaxDepth = 8;

    public static MethodDefinition? Merge(MethodDefinition overlay, List<Diagnostic> diagnostics, int depth)
    {
        var source = overlay.Source;
        if (depth >= MaxDepth)
        {
            diagnostics.Add(source.At("/extends", DiagnosticCode.OverlayBaseInvalid, $"Overlays extend each other more than {MaxDepth} deep (a loop?)."));
            return null;
        }

        var reference = overlay.Extends!;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var sibling = Path.GetFullPath(Path.Combine(overlay.Directory, "..", "..", reference[..at], reference[(at + 1)..], "method.json"));
        string? basePath = File.Exists(sibling) ? sibling : null;
        if (basePath is null)
        {
            var lookup = new List<Diagnostic>();
            basePath = MethodLocator.Resolve(reference, null, lookup);
        }

        if (basePath is null)
        {
            diagnostics.Add(source.At("/extends", DiagnosticCode.OverlayBaseInvalid, $"Base method '{reference}' not found (looked for {Path.GetRelativePath(Environment.CurrentDirectory, sibling)})."));
            return null;
        }

        var loaded = MethodLoader.Load(basePath, Path.GetRelativePath(Environment.CurrentDirectory, basePath), depth + 1);
        if (loaded.Value is not { } @base)
        {
            diagnostics.Add(source.At("/extends", DiagnosticCode.OverlayBaseInvalid, $"Base method '{reference}' is invalid ({loaded.Diagnostics.Count(d => d.Severity == Severity.Error)} error(s), listed below)."));
            diagnostics.AddRange(loaded.Diagnostics);
            return null;
        }

        if (@base.Reference != reference)
        {
            diagnostics.Add(source.At("/extends", DiagnosticCode.OverlayBaseInvalid, $"{basePath} declares {@base.Reference}, not {reference}."));
            return null;
        }

        if (overlay.BaseSha256 is { } pinned && !string.Equals(pinned, @base.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(source.At("/baseSha256", DiagnosticCode.OverlayBaseInvalid,
                $"The overlay is pinned to {reference} with SHA-256 {pinned}, but {Path.GetRelativePath(Environment.CurrentDirectory, basePath)} has {@base.Sha256}: the base changed since the overlay was written."));
            return null;
        }

        var deviations = new List<LocalizedText>(@base.Deviations);
        void Deviation(string fr, string en) => deviations.Add(new LocalizedText(fr, en));
        void Conflict(string pointer, string message) => diagnostics.Add(source.At(pointer, DiagnosticCode.OverlayConflict, message));

        // Parameters: change or add.
        var parameters = @base.Parameters.Select(p => p with { Pointer = BasePrefix + p.Pointer, Type = Rebase(p.Type) }).ToList();
        foreach (var p in overlay.Parameters)
        {
            var i = parameters.FindIndex(x => x.Id == p.Id);
            if (i < 0)
            {
                parameters.Add(p);
                Deviation($"Nouveau paramètre {p.Id} = {Text(p.Value)} (source : {p.Source.Fr}).", $"New parameter {p.Id} = {Text(p.Value)} (source: {p.Source.En}).");
            }
            else if (parameters[i].Type.Kind != p.Type.Kind || parameters[i].Type.Of?.Kind != p.Type.Of?.Kind)
            {
                Conflict(p.Pointer + "/type", $"Parameter '{p.Id}' is a {parameters[i].Type.Kind.ToString().ToLowerInvariant()} in {reference}; an overlay may change its value, not its type.");
            }
            else
            {
                var old = parameters[i];
                parameters[i] = p with { Label = p.Label ?? old.Label, Unit = p.Unit ?? old.Unit, Description = p.Description ?? old.Description };
                Deviation($"Paramètre {p.Id} : {Text(old.Value)} → {Text(p.Value)} (source : {p.Source.Fr}).", $"Parameter {p.Id}: {Text(old.Value)} → {Text(p.Value)} (source: {p.Source.En}).");
            }
        }

        // Inputs: tighten the base's, add new ones.
        var inputs = @base.Inputs.Select(Rebase).ToList();
        foreach (var (id, tightening) in overlay.Tightenings)
        {
            var i = inputs.FindIndex(x => x.Id == id);
            if (i < 0)
            {
                diagnostics.Add(source.AtKey(tightening.Pointer, DiagnosticCode.OverlayConflict,
                    $"'{id}' is not an input of {reference}: nothing to tighten (an input the overlay adds declares its bounds itself)."));
                continue;
            }

            var changes = new List<(string Fr, string En)>();
            var errors = diagnostics.Count;
            var type = Tighten(inputs[i].Type, tightening, id, changes, Conflict);
            if (changes.Count > 0 && diagnostics.Count == errors)
            {
                inputs[i] = inputs[i] with { Type = type };
                Deviation($"Bornes de {id} resserrées : {string.Join(", ", changes.Select(c => c.Fr))}.", $"Bounds of {id} tightened: {string.Join(", ", changes.Select(c => c.En))}.");
            }
        }

        foreach (var input in overlay.Inputs)
        {
            if (inputs.Any(x => x.Id == input.Id))
            {
                Conflict(input.Pointer + "/id", $"Input '{input.Id}' is already declared by {reference}; an overlay adds inputs, it cannot redeclare one.");
                continue;
            }

            inputs.Add(input);
            Deviation($"Nouvelle donnée d'entrée {input.Id}.", $"New input {input.Id}.");
        }

        // Indicators and rules: add, or replace explicitly.
        var indicators = @base.Indicators.Select(x => x with { Pointer = BasePrefix + x.Pointer, Type = Rebase(x.Type) }).ToList();
        foreach (var ind in overlay.Indicators)
        {
            var i = indicators.FindIndex(x => x.Id == ind.Id);
            if (i >= 0 && ind.Replaces && ShapeConflict(source, indicators[i], ind) is { } conflict)
            {
                Conflict(conflict.Pointer, conflict.Message);
            }
            else if (i >= 0 && ind.Replaces)
            {
                Deviation($"Formule de {ind.Id} remplacée : « {indicators[i].Formula} » → « {ind.Formula} ».", $"Formula of {ind.Id} replaced: '{indicators[i].Formula}' → '{ind.Formula}'.");
                indicators[i] = ind with { Unit = ind.Unit ?? indicators[i].Unit, Description = ind.Description ?? indicators[i].Description, Decimals = ind.Decimals ?? indicators[i].Decimals };
            }
            else if (i >= 0)
            {
                Conflict(ind.Pointer + "/id", $"Indicator '{ind.Id}' is already defined by {reference}; to replace its formula, say so with \"replaces\": true.");
            }
            else if (ind.Replaces)
            {
                Conflict(ind.Pointer + "/replaces", $"Indicator '{ind.Id}' replaces nothing: {reference} has no indicator of that id.");
            }
            else
            {
                indicators.Add(ind);
                Deviation($"Nouvel indicateur {ind.Id} = {ind.Formula}.", $"New indicator {ind.Id} = {ind.Formula}.");
            }
        }

        var rules = @base.Rules.Select(r => r with { Pointer = BasePrefix + r.Pointer }).ToList();
        foreach (var rule in overlay.Rules)
        {
            var i = rules.FindIndex(x => x.Id == rule.Id);
            if (i >= 0 && rule.Replaces)
            {
                var old = rules[i];
                var fr = $"Règle {rule.Id} remplacée : « {old.When} » → « {rule.When} »";
                var en = $"Rule {rule.Id} replaced: '{old.When}' → '{rule.When}'";
                if (old.Severity != rule.Severity)
                {
                    fr += $" ; gravité {SeverityName(old.Severity)} → {SeverityName(rule.Severity)}";
                    en += $"; severity {SeverityName(old.Severity)} → {SeverityName(rule.Severity)}";
                }

                if (old.ForEach != rule.ForEach)
                {
                    fr += $" ; pour chaque {old.ForEach ?? "(aucun)"} → {rule.ForEach ?? "(aucun)"}";
                    en += $"; for each {old.ForEach ?? "(none)"} → {rule.ForEach ?? "(none)"}";
                }

                if (old.Message.Fr != rule.Message.Fr || old.Message.En != rule.Message.En)
                {
                    fr += $" ; message « {old.Message.Fr} » → « {rule.Message.Fr} »";
                    en += $"; message '{old.Message.En}' → '{rule.Message.En}'";
                }

                Deviation(fr + ".", en + ".");
                rules[i] = rule;
            }
            else if (i >= 0)
            {
                Conflict(rule.Pointer + "/id", $"Rule '{rule.Id}' is already defined by {reference}; to replace it, say so with \"replaces\": true.");
            }
            else if (rule.Replaces)
            {
                Conflict(rule.Pointer + "/replaces", $"Rule '{rule.Id}' replaces nothing: {reference} has no rule of that id.");
            }
            else
            {
                rules.Add(rule);
                Deviation($"Nouvelle règle {rule.Id} : {rule.When}.", $"New rule {rule.Id}: {rule.When}.");
            }
        }

        // Results: the base's, then the overlay's.
        var results = @base.Results.Select(r => r with { Pointer = BasePrefix + r.Pointer }).ToList();
        foreach (var r in overlay.Results)
        {
            if (results.Any(x => x.Id == r.Id))
            {
                Conflict(r.Pointer, $"Result '{r.Id}' is already a result of {reference}.");
                continue;
            }

            results.Add(r);
            Deviation($"Nouveau résultat {r.Id}.", $"New result {r.Id}.");
        }

        var report = MergeReport(overlay.Report, @base.Report);
        foreach (var removal in overlay.RemovedResults)
        {
            var i = results.FindIndex(x => x.Id == removal.Id);
            if (i < 0 || !results[i].Pointer.StartsWith(BasePrefix, StringComparison.Ordinal))
            {
                Conflict(removal.Pointer, $"'{removal.Id}' is not a result of {reference}: nothing to remove.");
                continue;
            }

            if (NeededBy(removal.Id, report) is { } user)
            {
                Conflict(removal.Pointer, $"Result '{removal.Id}' cannot be removed: {user} names it (give the report another {(user.Contains("decision", StringComparison.Ordinal) ? "decision" : "list")} in the overlay first).");
                continue;
            }

            results.RemoveAt(i);
            Deviation($"Résultat {removal.Id} retiré.", $"Result {removal.Id} removed.");
        }

        if (overlay.RemovedResults.Count > 0 && results.Count == 0)
        {
            Conflict("/removeResults", "An overlay must leave at least one result.");
        }

        // Relabelling.
        foreach (var (id, label) in overlay.Labels)
        {
            var pointer = JsonPointer.Append("/labels", id);
            var ind = indicators.FindIndex(x => x.Id == id);
            var input = inputs.FindIndex(x => x.Id == id);
            var param = parameters.FindIndex(x => x.Id == id);
            if (ind >= 0)
            {
                indicators[ind] = indicators[ind] with { Label = label };
            }
            else if (input >= 0)
            {
                inputs[input] = inputs[input] with { Label = label };
            }
            else if (param >= 0)
            {
                parameters[param] = parameters[param] with { Label = label };
            }
            else
            {
                diagnostics.Add(source.AtKey(pointer, DiagnosticCode.UnknownReference, $"'{id}' is not an indicator, input or parameter of {reference}: nothing to relabel."));
                continue;
            }

            Deviation($"{id} renommé « {label.Fr} ».", $"{id} relabelled '{label.En}'.");
        }

        var scales = @base.Scales.ToList();
        foreach (var scale in overlay.Scales)
        {
            if (scales.Any(s => s.Id == scale.Id))
            {
                Conflict(JsonPointer.Append("/scales", scale.Id), $"Scale '{scale.Id}' is already declared by {reference}.");
                continue;
            }

            scales.Add(scale);
        }

        return overlay with
        {
            FormatVersion = Math.Max(overlay.FormatVersion, @base.FormatVersion),
            Scales = scales,
            Parameters = parameters,
            Inputs = inputs,
            Indicators = indicators,
            Rules = rules,
            Results = results,
            Report = report,
            Bases = [new MethodReference(@base.Reference, @base.Sha256), .. @base.Bases],
            Deviations = deviations,
            Source = overlay.Source.WithMount(BasePrefix, @base.Source),
        };
    }

    /// <summary>An overlay's report member refines its base's, member by member (a list given replaces the base's list).</summary>
    private static ReportDeclaration? MergeReport(ReportDeclaration? overlay, ReportDeclaration? @base) =>
        overlay is null ? @base : @base is null ? overlay : new ReportDeclaration
        {
            Template = overlay.Template ?? @base.Template,
            Title = overlay.Title ?? @base.Title,
            Subject = overlay.Subject ?? @base.Subject,
            Decision = overlay.Decision ?? @base.Decision,
            Headline = overlay.Headline.Count > 0 ? overlay.Headline : @base.Headline,
            Charts = overlay.Charts.Count > 0 ? overlay.Charts : [.. @base.Charts.Select(c => c with { Pointer = BasePrefix + c.Pointer })],
            Sections = overlay.Sections.Count > 0 ? overlay.Sections : @base.Sections,
            Pointer = overlay.Pointer,
        };

    private static string Text(JToken value) => CanonicalJson.Write(value);

    private static string SeverityName(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>Which part of the (merged) report declaration names a result, or null.</summary>
    private static string? NeededBy(string id, ReportDeclaration? report)
    {
        if (report is null)
        {
            return null;
        }

        if (report.Decision == id)
        {
            return "the report's decision";
        }

        if (report.Headline.Contains(id))
        {
            return "the report's headline";
        }

        return report.Charts.FirstOrDefault(c => c.Results.Contains(id)) is { } chart
            ? $"the report chart at {chart.Pointer.Replace(BasePrefix, string.Empty, StringComparison.Ordinal)}"
            : null;
    }

    /// <summary>
    /// Why a replacing indicator cannot take the base's place, or null: its type's shape (kind, nullability, element
    /// type, fields, keys, scale, enum values) and unit must be the base's, since the base's formulas, rules, results
    /// and reports were written for them (an integer replacing a number turns <c>x / 3</c> into an integer division).
    /// </summary>
    private static (string Pointer, string Message)? ShapeConflict(JsonSource source, IndicatorDefinition old, IndicatorDefinition replacement)
    {
        var was = Shape(old.Type);
        var now = Shape(replacement.Type);
        if (was != now)
        {
            var member = old.Type.Kind != replacement.Type.Kind ? "/type"
                : old.Type.Nullable != replacement.Type.Nullable ? "/nullable"
                : !SameShape(old.Type.Of, replacement.Type.Of) ? "/of"
                : old.Type.Fields.Count > 0 || replacement.Type.Fields.Count > 0 ? "/fields"
                : old.Type.Kind == TypeKind.Enum ? "/values"
                : old.Type.Kind == TypeKind.Scale ? "/scale"
                : old.Type.Kind == TypeKind.Map ? "/keys"
                : "/type";
            if (!Has(source, replacement.Pointer + member))
            {
                member = "/type";
            }

            return (replacement.Pointer + member,
                $"Indicator '{old.Id}' is a {was} in the base; the replacement is a {now}. An overlay replaces a formula, not the type the base's formulas, rules and reports read: declare the base's type (and convert inside the formula).");
        }

        if (replacement.Unit is { } unit && old.Unit is { } baseUnit && unit != baseUnit)
        {
            return (replacement.Pointer + "/unit", $"Indicator '{old.Id}' is in {baseUnit} in the base; the replacement says {unit}. An overlay replaces a formula, not the unit its readers expect.");
        }

        return null;
    }

    private static bool Has(JsonSource source, string pointer) => JsonPointer.Resolve(source.Root, pointer) is not null;

    private static bool SameShape(TypeSpec? a, TypeSpec? b) => a is null ? b is null : b is not null && Shape(a) == Shape(b);

    /// <summary>A type's shape as its readers see it, bounds aside: <c>list of (record { a: number, b: text })</c>.</summary>
    internal static string Shape(TypeSpec t)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(t.Nullable ? "nullable " : string.Empty).Append(t.Kind.ToString().ToLowerInvariant());
        switch (t.Kind)
        {
            case TypeKind.Scale:
                sb.Append(" of scale ").Append(t.Scale);
                break;
            case TypeKind.Enum:
                sb.Append(" (").Append(string.Join(", ", t.Values.Select(v => v.Value))).Append(')');
                break;
            case TypeKind.Text when t.Ref is not null:
                sb.Append(" naming items of ").Append(t.Ref);
                break;
            case TypeKind.Map:
                sb.Append(" keyed by ").Append(t.Keys ?? "text");
                break;
            case TypeKind.Collection:
                sb.Append(" keyed by ").Append(t.Key);
                break;
            default:
                break;
        }

        if (t.Of is { } of)
        {
            sb.Append(" of ").Append(of.Fields.Count > 0 || of.Of is not null ? "(" + Shape(of) + ")" : Shape(of));
        }

        if (t.Fields.Count > 0)
        {
            sb.Append(" { ").Append(string.Join(", ", t.Fields.Select(f => f.Id + ": " + Shape(f.Type)))).Append(" }");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The base type with an overlay's tightened bounds, each checked to be at least as strict as the base's (else a
    /// conflict located at the bound in the overlay); every change is described in <paramref name="changes"/>.
    /// </summary>
    private static TypeSpec Tighten(TypeSpec type, BoundsTightening t, string path, List<(string Fr, string En)> changes, Action<string, string> conflict)
    {
        static string N(double? v) => v is { } d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "—";
        var kind = type.Kind.ToString().ToLowerInvariant();
        var result = type;
        void Bound(string name, bool applies, double? old, double? @new, bool up, Func<TypeSpec, TypeSpec> apply)
        {
            if (@new is not { } value)
            {
                return;
            }

            if (!applies)
            {
                conflict(t.Pointer + "/" + name, $"'{name}' does not apply to {path}, a {kind}.");
                return;
            }

            if (old is { } o && (up ? value < o : value > o))
            {
                conflict(t.Pointer + "/" + name, $"{path}: {name} {N(value)} loosens the base's {N(o)}; an overlay may only tighten bounds ({name} {(up ? "up" : "down")}).");
                return;
            }

            if (old != value)
            {
                result = apply(result);
                changes.Add(($"{path} {name} {N(old)} → {N(value)}", $"{path} {name} {N(old)} → {N(value)}"));
            }
        }

        var numeric = type.Kind is TypeKind.Number or TypeKind.Integer;
        var items = type.Kind is TypeKind.List or TypeKind.Collection;
        Bound("min", numeric, type.Min, t.Min, up: true, x => x with { Min = t.Min });
        Bound("max", numeric, type.Max, t.Max, up: false, x => x with { Max = t.Max });
        Bound("maxLength", type.Kind == TypeKind.Text, type.MaxLength, t.MaxLength, up: false, x => x with { MaxLength = t.MaxLength });
        Bound("minItems", items, type.MinItems, t.MinItems, up: true, x => x with { MinItems = t.MinItems });
        Bound("maxItems", items, type.MaxItems, t.MaxItems, up: false, x => x with { MaxItems = t.MaxItems });
        if (result.Min is { } min && result.Max is { } max && min > max)
        {
            conflict(t.Pointer, $"{path}: min {N(min)} above max {N(max)} once tightened: no value would be accepted.");
        }

        if (result.MinItems is { } fewest && result.MaxItems is { } most && fewest > most)
        {
            conflict(t.Pointer, $"{path}: minItems {fewest} above maxItems {most} once tightened: no document would be accepted.");
        }

        if (t.Values is { } kept)
        {
            if (type.Kind != TypeKind.Enum)
            {
                conflict(t.Pointer + "/values", $"'values' does not apply to {path}, a {kind}.");
            }
            else if (kept.FirstOrDefault(v => type.Values.All(x => x.Value != v)) is { } unknown)
            {
                conflict(t.Pointer + "/values", $"{path}: '{unknown}' is not a value of the base ({string.Join(", ", type.Values.Select(v => v.Value))}); an overlay may only remove values.");
            }
            else if (kept.Count == 0)
            {
                conflict(t.Pointer + "/values", $"{path}: an enum must keep at least one value.");
            }
            else
            {
                var removed = type.Values.Where(v => !kept.Contains(v.Value)).ToArray();
                if (removed.Length > 0)
                {
                    result = result with { Values = [.. type.Values.Where(v => kept.Contains(v.Value))] };
                    var list = string.Join(", ", removed.Select(v => v.Value));
                    changes.Add(($"{path} valeurs retirées : {list}", $"{path} values removed: {list}"));
                }
            }
        }

        if (t.Of is { } ofTightening)
        {
            if (type.Of is null)
            {
                conflict(t.Pointer + "/of", $"{path} is a {kind}: it has no element type to tighten.");
            }
            else
            {
                result = result with { Of = Tighten(type.Of, ofTightening, path + "[]", changes, conflict) };
            }
        }

        if (t.Fields.Count > 0)
        {
            var fields = type.Fields.ToList();
            foreach (var (id, fieldTightening) in t.Fields)
            {
                var i = fields.FindIndex(f => f.Id == id);
                if (i < 0)
                {
                    conflict(fieldTightening.Pointer, $"{path} has no field '{id}' (fields: {(fields.Count == 0 ? "none" : string.Join(", ", fields.Select(f => f.Id)))}).");
                    continue;
                }

                fields[i] = fields[i] with { Type = Tighten(fields[i].Type, fieldTightening, path + "." + id, changes, conflict) };
            }

            result = result with { Fields = fields };
        }

        return result;
    }

    private static Declaration Rebase(Declaration d) => d with { Pointer = BasePrefix + d.Pointer, Type = Rebase(d.Type) };

    private static TypeSpec Rebase(TypeSpec t) => t with
    {
        Pointer = BasePrefix + t.Pointer,
        Of = t.Of is null ? null : Rebase(t.Of),
        Fields = t.Fields.Select(Rebase).ToArray(),
    };
}
