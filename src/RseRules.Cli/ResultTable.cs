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
        var details = new List<(string Id, string Label, TypeSpec Type, object Value)>();
        foreach (var (id, value) in result.Results)
        {
            var (label, unit) = Engine.Describe(method, id, lang);
            var type = Engine.ResultType(method, id);
            string text;
            if (type?.Kind is TypeKind.Record or TypeKind.Collection && value is not null)
            {
                // Shown as a table of its own below, one column per field.
                details.Add((id, label, type, value));
                text = lang == "fr" ? "(tableau ci-dessous)" : "(table below)";
            }
            else
            {
                text = Format(value, lang, type);
            }

            table.AddRow(Markup.Escape(id), Markup.Escape(label), Markup.Escape(text), Markup.Escape(unit ?? string.Empty));
        }

        console.Write(table);
        foreach (var (id, label, type, value) in details)
        {
            console.WriteLine($"{label} ({id})");
            console.Write(Details(type, value, lang));
        }

        if (result.Findings.Count > 0)
        {
            console.WriteLine(lang == "fr" ? "Constats :" : "Findings:");
            foreach (var f in result.Findings)
            {
                console.WriteLine($"  {f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message.In(lang)}");
            }
        }
    }

    /// <summary>A record as a two-column table (field, value), a collection as one row per item and one column per field.</summary>
    private static Table Details(TypeSpec type, object value, string lang)
    {
        var table = new Table().Border(TableBorder.Simple);
        string Heading(Declaration f) => (f.Label?.In(lang) ?? f.Id) + (f.Unit is null ? string.Empty : $" ({f.Unit})");
        static object? Field(object item, string id) => item is IEnumerable<KeyValuePair<string, object?>> fields ? fields.FirstOrDefault(kv => kv.Key == id).Value : null;
        static bool Numeric(Declaration f) => f.Type.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Scale;
        if (type.Kind == TypeKind.Record)
        {
            table.AddColumn(lang == "fr" ? "champ" : "field");
            table.AddColumn(new TableColumn(lang == "fr" ? "valeur" : "value").RightAligned());
            foreach (var f in type.Fields)
            {
                table.AddRow(Markup.Escape(Heading(f)), Markup.Escape(Format(Field(value, f.Id), lang, f.Type)));
            }

            return table;
        }

        foreach (var f in type.Fields)
        {
            var column = new TableColumn(Markup.Escape(Heading(f)));
            table.AddColumn(Numeric(f) ? column.RightAligned() : column);
        }

        foreach (var item in ((IEnumerable)value).Cast<object>())
        {
            table.AddRow([.. type.Fields.Select(f => Markup.Escape(Format(Field(item, f.Id), lang, f.Type)))]);
        }

        return table;
    }

    private static string Format(object? value, string lang, TypeSpec? type = null) => value switch
    {
        null => "—",
        string s when type?.Kind == TypeKind.Enum => Engine.EnumLabel(type, s, lang),
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
