using System.Collections;
using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Reporting;
using Spectre.Console;

namespace RseRules.Cli;

/// <summary>
/// The <c>table</c> output of <c>rse evaluate</c>: each result with its label and its value formatted for the language
/// (numbers in its culture with their unit, labels of enums, scale levels and localized texts: see
/// <see cref="ResultPresenter"/>), then the findings. The table fits in a width (the terminal's, else <c>--width</c>,
/// <c>COLUMNS</c> or 100): a map's cell has one line per key, long cells wrap, very long ones (series) are cut with an
/// ellipsis — <c>--format json</c>
/// has every value in full.
/// </summary>
internal static class ResultTable
{
    /// <summary>The width of a table when the output is not a terminal and neither --width nor COLUMNS say.</summary>
    public const int DefaultWidth = 100;

    /// <summary>The longest cell text, beyond which a value is cut (a series of 30 years would fill a screen).</summary>
    private const int LongestCell = 160;

    public static void Write(EvaluationResult result, string lang, int width, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(console);
        var method = result.Method.Method;
        var presenter = new ResultPresenter(method, EvaluationRecord.Build(result), lang);
        console.Profile.Width = width;
        console.Write(new Paragraph($"{method.Title.In(lang)} ({method.Reference})"));
        console.WriteLine();
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(Fr(lang, "résultat", "result")));
        table.AddColumn(new TableColumn(Fr(lang, "valeur", "value"))); // each cell justified by its kind (Value)
        table.AddColumn(new TableColumn("id"));
        var details = new List<(string Id, string Label, TypeSpec Type, object Value)>();
        foreach (var r in presenter.Results())
        {
            if (Engine.ResultType(method, r.Id) is { Kind: TypeKind.Record or TypeKind.Collection } type && result.Results.FirstOrDefault(kv => kv.Key == r.Id).Value is { } value)
            {
                // Shown as a table of its own below, one column per field.
                details.Add((r.Id, r.Label, type, value));
                table.AddRow(new Text(r.Label), new Text(Fr(lang, "(tableau ci-dessous)", "(table below)")), new Text(r.Id));
                continue;
            }

            table.AddRow(new Text(r.Label), Value(r), new Text(r.Id));
        }

        console.Write(table);
        foreach (var (id, label, type, value) in details)
        {
            console.Write(new Paragraph($"{label} ({id})"));
            console.WriteLine();
            console.Write(Details(type, value, lang, presenter));
        }

        if (result.Findings.Count > 0)
        {
            console.WriteLine(Fr(lang, "Constats :", "Findings:"));
            foreach (var f in result.Findings)
            {
                console.Write(new Paragraph($"  {Severity(f.Severity, lang)} {f.Code}: {f.Message.In(lang)}"));
                console.WriteLine();
            }
        }
    }

    /// <summary>A record as a two-column table (field, value), a collection as one row per item and one column per field.</summary>
    private static Table Details(TypeSpec type, object value, string lang, ResultPresenter presenter)
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
                table.AddRow(Markup.Escape(Heading(f)), Markup.Escape(presenter.Field(Field(value, f.Id), f.Type)));
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
            table.AddRow([.. type.Fields.Select(f => Markup.Escape(presenter.Field(Field(item, f.Id), f.Type)))]);
        }

        return table;
    }

    /// <summary>
    /// A folder of inputs as a table: one row per document (its file name, and the subject's name when known), the chosen
    /// results as columns, headed by their labels; a bad document's row says so.
    /// </summary>
    public static void WriteBatch(MethodDefinition method, IReadOnlyList<BatchLine> lines, IReadOnlyList<string> columns, string lang, int width, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Paragraph($"{method.Title.In(lang)} ({method.Reference})"));
        console.WriteLine();
        console.Profile.Width = width;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(Fr(lang, "document", "document"));
        var labels = new ResultPresenter(method, [], lang);
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(labels.Present(c).Label)).RightAligned());
        }

        foreach (var line in lines)
        {
            var name = line.Subject is null ? line.Document : $"{line.Subject} ({line.Document})";
            if (line.Presenter is null)
            {
                table.AddRow([new Text(name), .. columns.Select((_, i) => new Text(i == 0 ? Fr(lang, "invalide : voir les erreurs", "invalid: see the errors") : string.Empty))]);
            }
            else
            {
                table.AddRow([new Text(name), .. columns.Select(c => Value(line.Presenter.Present(c)))]);
            }
        }

        console.Write(table);
    }

    /// <summary>The width a table gets: the terminal's; when the output is not a terminal, <paramref name="given"/>, else
    /// <c>COLUMNS</c>, else <see cref="DefaultWidth"/>.</summary>
    public static int Width(int? given, IAnsiConsole console, bool redirected)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (given is { } w)
        {
            return w;
        }

        if (!redirected)
        {
            return console.Profile.Width;
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns is >= 20 and <= 1000
            ? columns
            : DefaultWidth;
    }

    /// <summary>A value's cell: a number right-aligned, anything else (texts, series, lists) from the left.</summary>
    private static Text Value(PresentedResult r) => new Text(r.Lines.Count > 0 ? string.Join('\n', r.Lines.Select(Cut)) : Cut(r.Text)) { Justification = r.Kind == "number" ? Justify.Right : Justify.Left };

    private static string Cut(string text) => text.Length <= LongestCell ? text : text[..(LongestCell - 2)].TrimEnd() + " …";

    private static string Fr(string lang, string fr, string en) => lang == "en" ? en : fr;

    private static string Severity(Core.Diagnostics.Severity severity, string lang) => (severity, lang) switch
    {
        (Core.Diagnostics.Severity.Warning, "en") => "warning",
        (Core.Diagnostics.Severity.Warning, _) => "avertissement",
        (Core.Diagnostics.Severity.Error, "en") => "error",
        (Core.Diagnostics.Severity.Error, _) => "erreur",
        _ => "info",
    };
}

/// <summary>One document of a batch, ready to present: its name, the subject's name, and its results (null when bad).</summary>
internal sealed record BatchLine(string Document, string? Subject, ResultPresenter? Presenter);

/// <summary>Builds the object a <see cref="ResultPresenter"/> reads from a batch row.</summary>
internal static class BatchRecords
{
    public static JObject Of(IReadOnlyList<KeyValuePair<string, object?>> results, JObject? inputs) => new()
    {
        ["results"] = new JObject(results.Select(kv => new JProperty(kv.Key, Core.Evaluation.JsonValues.ToJson(kv.Value)))),
        ["inputs"] = inputs ?? [],
    };
}
