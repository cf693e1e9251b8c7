using System.Collections;
using System.Globalization;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using Spectre.Console;

namespace RseRules.Cli;

/// <summary>The <c>table</c> output of <c>rse evaluate</c>: each result with its label, value and unit, then the findings.</summary>
internal static class ResultTable
{
    public static void Write(EvaluationResult result, string lang, IAnsiConsole console)
    {
        var method = result.Method.Method;
        console.WriteLine($"{method.Title.In(lang)} ({method.Reference})");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("id");
        table.AddColumn(lang == "fr" ? "libellé" : "label");
        table.AddColumn(new TableColumn(lang == "fr" ? "valeur" : "value").RightAligned());
        table.AddColumn(lang == "fr" ? "unité" : "unit");
        foreach (var (id, value) in result.Results)
        {
            var (label, unit) = Engine.Describe(method, id, lang);
            table.AddRow(Markup.Escape(id), Markup.Escape(label), Markup.Escape(Format(value, lang)), Markup.Escape(unit ?? string.Empty));
        }

        console.Write(table);
        if (result.Findings.Count > 0)
        {
            console.WriteLine(lang == "fr" ? "Constats :" : "Findings:");
            foreach (var f in result.Findings)
            {
                console.WriteLine($"  {f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message.In(lang)}");
            }
        }
    }

    private static string Format(object? value, string lang) => value switch
    {
        null => "—",
        double d => d.ToString("#,0.######", CultureInfo.InvariantCulture),
        long l => l.ToString("#,0", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        LocalizedText t => t.In(lang),
        IDictionary map => string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}: {Format(map[k], lang)}")),
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(x => Format(x, lang))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
