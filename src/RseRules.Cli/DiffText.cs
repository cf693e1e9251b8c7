using System.Collections;
using System.Globalization;
using System.Text;
using RseRules.Core;
using RseRules.Core.Diffing;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Cli;

/// <summary>
/// The <c>text</c> output of <c>rse diff</c>: the changes grouped by section, one line each (<c>+</c> added,
/// <c>-</c> removed, <c>~</c> changed; formulas, conditions, messages and descriptions with their old and new text on
/// two indented lines), then the effect on every result and every finding when an input document was given (<c>=</c> unchanged).
/// </summary>
internal static class DiffText
{
    private const string Indent = "  ";
    private const string DetailIndent = "      ";

    public static string Write(MethodDiff diff, ResultDiff? effect, string? inputs, MethodDefinition oldMethod, MethodDefinition newMethod, string lang)
    {
        var fr = lang == "fr";
        var sb = new StringBuilder();
        sb.Append(diff.Old.Reference).Append(" → ").Append(diff.New.Reference).Append('\n');
        if (!diff.HasChanges)
        {
            sb.Append(fr ? "Aucune différence entre les méthodes.\n" : "No difference between the methods.\n");
        }

        foreach (var section in Enum.GetValues<DiffSection>())
        {
            var changes = diff.In(section).ToArray();
            if (changes.Length == 0)
            {
                continue;
            }

            sb.Append(Heading(section, fr)).Append('\n');
            foreach (var change in changes)
            {
                WriteChange(sb, change, fr);
            }
        }

        if (effect is not null)
        {
            sb.Append(fr ? "Effet sur les résultats" : "Effect on results").Append(" (").Append(inputs).Append(")\n");
            foreach (var change in effect.Changes)
            {
                WriteResult(sb, change, change.Kind == ResultChangeKind.Removed ? oldMethod : newMethod, lang);
            }

            sb.Append(fr ? "Effet sur les constats" : "Effect on findings").Append(" (").Append(inputs).Append(")\n");
            if (effect.Findings.Count == 0)
            {
                sb.Append(Indent).Append(fr ? "(aucun constat, ni avant ni après)" : "(no finding, before or after)").Append('\n');
            }

            foreach (var change in effect.Findings)
            {
                WriteFinding(sb, change, lang);
            }
        }

        return sb.ToString();
    }

    private static string Heading(DiffSection section, bool fr) => section switch
    {
        DiffSection.Parameters => fr ? "Paramètres" : "Parameters",
        DiffSection.Scales => fr ? "Échelles" : "Scales",
        DiffSection.Inputs => fr ? "Entrées" : "Inputs",
        DiffSection.Indicators => fr ? "Indicateurs" : "Indicators",
        DiffSection.Rules => fr ? "Règles" : "Rules",
        _ => fr ? "Résultats" : "Results",
    };

    private static void WriteChange(StringBuilder sb, MethodChange c, bool fr)
    {
        var none = fr ? "(aucun)" : "(none)";
        switch (c.Kind)
        {
            case ChangeKind.Added:
                sb.Append(Indent).Append("+ ").Append(c.Id).Append(": ").Append(c.New).Append('\n');
                break;
            case ChangeKind.Removed:
                sb.Append(Indent).Append("- ").Append(c.Id).Append(": ").Append(c.Old).Append('\n');
                break;
            case ChangeKind.FormulaChanged or ChangeKind.DescriptionChanged or ChangeKind.ConditionChanged or ChangeKind.MessageChanged
                when c.Property is not ("forEach" or "at"):
                sb.Append(Indent).Append("~ ").Append(c.Id).Append(": ").Append(c.Property).Append('\n');
                sb.Append(DetailIndent).Append(fr ? "avant : " : "old: ").Append(c.Old ?? none).Append('\n');
                sb.Append(DetailIndent).Append(fr ? "après : " : "new: ").Append(c.New ?? none).Append('\n');
                break;
            default:
                var quoted = c.Kind is ChangeKind.LabelChanged or ChangeKind.SourceChanged or ChangeKind.UnitChanged;
                sb.Append(Indent).Append("~ ").Append(c.Id).Append(": ").Append(c.Property).Append(' ')
                    .Append(Value(c.Old, quoted, none)).Append(" → ").Append(Value(c.New, quoted, none)).Append('\n');
                break;
        }
    }

    private static string Value(string? text, bool quoted, string none)
    {
        if (text is null)
        {
            return none;
        }

        if (!quoted)
        {
            return text;
        }

        var sb = new StringBuilder();
        CanonicalJson.WriteString(text, sb);
        return sb.ToString();
    }

    private static void WriteResult(StringBuilder sb, ResultChange c, MethodDefinition method, string lang)
    {
        var (label, _) = Engine.Describe(method, c.Id, lang);
        sb.Append(Indent).Append(c.Kind switch
        {
            ResultChangeKind.Unchanged => "= ",
            ResultChangeKind.Added => "+ ",
            ResultChangeKind.Removed => "- ",
            _ => "~ ",
        }).Append(c.Id);
        if (label != c.Id)
        {
            sb.Append(" (").Append(label).Append(')');
        }

        sb.Append(": ");
        switch (c.Kind)
        {
            case ResultChangeKind.Unchanged or ResultChangeKind.Added:
                sb.Append(Format(c.New, lang)).Append('\n');
                break;
            case ResultChangeKind.Removed:
                sb.Append(Format(c.Old, lang)).Append('\n');
                break;
            case ResultChangeKind.Changed when c.Elements is { } elements:
                var changed = elements.Count(e => e.Kind != ResultChangeKind.Unchanged);
                sb.Append(lang == "fr"
                    ? $"{changed} élément(s) sur {elements.Count} modifié(s)"
                    : $"{changed} of {elements.Count} element(s) changed").Append('\n');
                foreach (var e in elements.Where(e => e.Kind != ResultChangeKind.Unchanged))
                {
                    sb.Append(DetailIndent).Append('[').Append(e.Key).Append("] ");
                    sb.Append(e.Kind switch
                    {
                        ResultChangeKind.Added => "+ " + Format(e.New, lang),
                        ResultChangeKind.Removed => "- " + Format(e.Old, lang),
                        _ => Format(e.Old, lang) + " → " + Format(e.New, lang) + Delta(e.Difference, e.RelativeChange),
                    }).Append('\n');
                }

                break;
            default:
                sb.Append(Format(c.Old, lang)).Append(" → ").Append(Format(c.New, lang)).Append(Delta(c.Difference, c.RelativeChange)).Append('\n');
                break;
        }
    }

    /// <summary>
    /// <c>+ CODE [item]: warning "message"</c> (added, removed, unchanged), or for a changed finding its severity and
    /// message, old → new.
    /// </summary>
    private static void WriteFinding(StringBuilder sb, FindingChange c, string lang)
    {
        sb.Append(Indent).Append(c.Kind switch
        {
            ResultChangeKind.Unchanged => "= ",
            ResultChangeKind.Added => "+ ",
            ResultChangeKind.Removed => "- ",
            _ => "~ ",
        }).Append(c.Code);
        if (c.Item is not null)
        {
            sb.Append(" [").Append(c.Item).Append(']');
        }

        sb.Append(": ");
        if (c.Kind != ResultChangeKind.Changed)
        {
            var f = (c.New ?? c.Old)!;
            sb.Append(SeverityName(f.Severity)).Append(' ').Append(Quote(f.Message.In(lang))).Append('\n');
            return;
        }

        var parts = new List<string>();
        if (c.SeverityChanged)
        {
            parts.Add((lang == "fr" ? "gravité " : "severity ") + SeverityName(c.Old!.Severity) + " → " + SeverityName(c.New!.Severity));
        }

        if (c.MessageChanged)
        {
            parts.Add("message " + Quote(c.Old!.Message.In(lang)) + " → " + Quote(c.New!.Message.In(lang)));
        }

        sb.Append(string.Join("; ", parts)).Append('\n');
    }

    private static string SeverityName(RseRules.Core.Diagnostics.Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary><c> (+250, +0.81%)</c>: the difference and the relative change (omitted when the old value is 0).</summary>
    private static string Delta(double? difference, double? relative)
    {
        if (difference is not { } d)
        {
            return string.Empty;
        }

        var text = " (" + d.ToString("+0.######;-0.######;0", CultureInfo.InvariantCulture);
        if (relative is { } r)
        {
            text += ", " + (r * 100).ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) + "%";
        }

        return text + ")";
    }

    private static string Format(object? value, string lang) => value switch
    {
        null => "null",
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => Quote(s),
        LocalizedText t => Quote(t.In(lang)),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}: {Format(map[k], lang)}")) + "}",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(x => Format(x, lang))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Quote(string s)
    {
        var sb = new StringBuilder();
        CanonicalJson.WriteString(s, sb);
        return sb.ToString();
    }
}
