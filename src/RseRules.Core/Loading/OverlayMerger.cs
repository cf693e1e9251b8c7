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

        // Inputs: add only.
        var inputs = @base.Inputs.Select(Rebase).ToList();
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
            if (i >= 0 && ind.Replaces)
            {
                Deviation($"Formule de {ind.Id} remplacée : « {indicators[i].Formula} » → « {ind.Formula} ».", $"Formula of {ind.Id} replaced: '{indicators[i].Formula}' → '{ind.Formula}'.");
                indicators[i] = ind;
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
                Deviation($"Règle {rule.Id} remplacée : « {rules[i].When} » → « {rule.When} ».", $"Rule {rule.Id} replaced: '{rules[i].When}' → '{rule.When}'.");
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
            Report = MergeReport(overlay.Report, @base.Report),
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

    private static Declaration Rebase(Declaration d) => d with { Pointer = BasePrefix + d.Pointer, Type = Rebase(d.Type) };

    private static TypeSpec Rebase(TypeSpec t) => t with
    {
        Pointer = BasePrefix + t.Pointer,
        Of = t.Of is null ? null : Rebase(t.Of),
        Fields = t.Fields.Select(Rebase).ToArray(),
    };
}
