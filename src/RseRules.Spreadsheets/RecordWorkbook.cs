using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;
using RseRules.Spreadsheets.Layout;
using RseRules.Spreadsheets.Writing;

namespace RseRules.Spreadsheets;

/// <summary>
/// An evaluation record (<c>EvaluationRecord.Build</c>) as a workbook: the results (label, value, unit, formatted by type;
/// series by year, maps by key), the findings, the method's reference and hashes and the record's hash, then the input
/// sheets of the template filled with the record's inputs (so the workbook reads back with <see cref="InputWorkbook.Read"/>).
/// Every sheet is protected; the record's own sheets have no input cell.
/// </summary>
public static class RecordWorkbook
{
    /// <summary>The kind the <c>_map</c> sheet of a record workbook records.</summary>
    internal const string Kind = "record";

    /// <summary>Writes the workbook of a record; returns warnings about inputs the layout has no cell for, or an RSE5012 error (then writes nothing).</summary>
    /// <param name="method">The method the record was evaluated with (labels, units, types).</param>
    /// <param name="record">The evaluation record as JSON.</param>
    /// <param name="language"><c>fr</c> or <c>en</c>.</param>
    /// <param name="output">Where the .xlsx bytes go.</param>
    public static IReadOnlyList<Diagnostic> Write(MethodDefinition method, JObject record, string language, Stream output)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        InputWorkbook.CheckLanguage(language);

        var texts = Texts.For(language);
        var diagnostics = new List<Diagnostic>();
        var layout = InputWorkbook.Plan(method, record["inputs"] as JObject, language, SheetNames(language), diagnostics, "record");
        if (layout is null)
        {
            return diagnostics;
        }

        var sheets = new List<SheetPlan> { Results(method, record, texts), Findings(record, texts), Audit(record, texts) };
        sheets.AddRange(layout.Sheets);
        sheets.Add(MapSheet.Build(layout, method, Kind));
        using var buffer = new MemoryStream();
        WorkbookWriter.Write(sheets, layout.Names, texts, buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
        return diagnostics;
    }

    /// <summary>The names of the record's own sheets in a language (input sheets take other names).</summary>
    internal static IReadOnlyCollection<string> SheetNames(string language)
    {
        var texts = Texts.For(language);
        return [texts.ResultsSheet, texts.FindingsSheet, texts.RecordSheet];
    }

    /// <summary>The first rows of the results sheet: method, record hash and decision; the table's header row follows.</summary>
    private const int ResultsHeaderRow = 6;

    private static SheetPlan Results(MethodDefinition method, JObject record, Texts texts)
    {
        var plan = new SheetPlan(texts.ResultsSheet) { FrozenRows = ResultsHeaderRow };
        var results = record["results"] as JObject ?? [];
        plan.Text(1, 1, method.Title.In(texts.Language), CellStyle.Title);
        plan.Text(2, 1, texts.MethodLabel, CellStyle.Group);
        plan.Text(2, 2, $"{record["method"]?["id"]}@{record["method"]?["version"]}");
        plan.Text(3, 1, texts.RecordHash, CellStyle.Group);
        plan.Text(3, 2, (string?)record["recordSha256"]);
        if (DecisionOf(method, results) is { } decision)
        {
            plan.Text(4, 1, texts.Decision, CellStyle.Group);
            WriteValue(plan, 4, 2, decision.Value, null, null, null, texts);
            plan.At(4, 2).Style = plan.At(4, 2).Style with { Bold = true };
        }

        string[] headers = [texts.Result, texts.Value, texts.Unit, texts.Id];
        for (var c = 0; c < headers.Length; c++)
        {
            plan.Text(ResultsHeaderRow, c + 1, headers[c], CellStyle.Header);
        }

        plan.Width(1, 48);
        plan.Width(2, 20);
        plan.Width(3, 14);
        plan.Width(4, 22);
        var row = ResultsHeaderRow + 1;
        var blocks = new List<(string Label, string? Unit, string Id, TypeSpec? Type, int? Decimals, JToken Value)>();
        foreach (var result in method.Results)
        {
            var value = results.Property(result.Id, StringComparison.Ordinal)?.Value ?? JValue.CreateNull();
            var (label, unit, type, decimals) = Describe(method, result, texts);
            if (value is JArray or JObject && type?.Kind is not TypeKind.Localized)
            {
                blocks.Add((label, unit, result.Id, type, decimals, value));
                continue;
            }

            plan.Text(row, 1, label);
            WriteValue(plan, row, 2, value, type, unit, decimals, texts);
            plan.Text(row, 3, unit, CellStyle.Unit);
            plan.Text(row, 4, result.Id, CellStyle.Unit);
            row++;
        }

        // Series, lists and maps after the scalars: a header row of years, positions or keys, then the values.
        foreach (var (label, unit, id, type, decimals, value) in blocks)
        {
            row++;
            plan.Text(row, 1, string.IsNullOrWhiteSpace(unit) ? label : $"{label} ({unit})", CellStyle.Group);
            plan.Text(row, 4, id, CellStyle.Unit);
            row++;
            var element = type?.Of;
            if (value is JArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    plan.Text(row, i + 2, ElementHeader(type, i, texts), CellStyle.Header);
                    plan.Width(i + 2, 14);
                    WriteValue(plan, row + 1, i + 2, array[i], element, unit, decimals, texts);
                }

                plan.Text(row + 1, 1, texts.Value, CellStyle.Label(1));
                row += 2;
            }
            else if (value is JObject map)
            {
                var names = KeyNames(method, type, record["inputs"] as JObject);
                foreach (var p in map.Properties())
                {
                    plan.Text(row, 1, names.TryGetValue(p.Name, out var name) ? $"{p.Name} — {name}" : p.Name, CellStyle.Label(1));
                    WriteValue(plan, row, 2, p.Value, element, unit, decimals, texts);
                    row++;
                }
            }
        }

        return plan;
    }

    /// <summary>
    /// A column header of an array result: an indicator's series has no declared length, and its element i is year i (year 0
    /// the start), as reports label them; an input's series is headed as in the template; a list by position.
    /// </summary>
    private static string ElementHeader(TypeSpec? type, int index, Texts texts) => type switch
    {
        { Kind: TypeKind.Series, Length: null } => texts.Year(index),
        null => Texts.Number(index + 1),
        _ => texts.ElementHeader(type, index),
    };

    /// <summary>The result stating the recommendation: the one the method's <c>report</c> member names, else a result called <c>decision</c>.</summary>
    private static JProperty? DecisionOf(MethodDefinition method, JObject results) =>
        results.Property(method.Report?.Decision ?? "decision", StringComparison.Ordinal);

    /// <summary>For a map keyed by a collection: each item's key and its <c>label</c> or <c>name</c> text, as the input document gives them.</summary>
    private static Dictionary<string, string> KeyNames(MethodDefinition method, TypeSpec? type, JObject? inputs)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var keyField = type?.Keys is { } keys ? method.Inputs.FirstOrDefault(i => i.Id == keys)?.Type.Key : null;
        if (keyField is null || inputs?[type!.Keys!] is not JArray items)
        {
            return names;
        }

        foreach (var item in items.OfType<JObject>())
        {
            if (item[keyField] is JValue { Type: JTokenType.String } key && (item["label"] ?? item["name"]) is JValue { Type: JTokenType.String } name)
            {
                names.TryAdd((string)key!, (string)name!);
            }
        }

        return names;
    }

    private static (string Label, string? Unit, TypeSpec? Type, int? Decimals) Describe(MethodDefinition method, ResultDefinition result, Texts texts)
    {
        if (method.Indicators.FirstOrDefault(i => i.Id == result.From) is { } indicator)
        {
            var label = method.Labels.TryGetValue(indicator.Id, out var relabel) ? relabel : indicator.Label;
            return (label.In(texts.Language), indicator.Unit, indicator.Type, indicator.Decimals);
        }

        var input = method.Inputs.FirstOrDefault(i => i.Id == result.From);
        return (input?.Label?.In(texts.Language) ?? result.Id, input?.Unit, input?.Type, null);
    }

    /// <summary>A value as the record holds it: numbers exact (the format only shows them rounded), texts and enum values as they are, booleans as yes/no, localized texts in the language.</summary>
    private static void WriteValue(SheetPlan plan, int row, int column, JToken value, TypeSpec? type, string? unit, int? decimals, Texts texts)
    {
        var cell = plan.At(row, column);
        switch (value.Type)
        {
            case JTokenType.Integer or JTokenType.Float:
                cell.SetNumber(value.Value<double>());
                cell.Style = new CellStyle { NumberFormat = NumberFormat(type, unit, decimals) };
                break;
            case JTokenType.Boolean:
                cell.SetText(value.Value<bool>() ? texts.Yes : texts.No);
                break;
            case JTokenType.String:
                cell.SetText(value.Value<string>());
                break;
            case JTokenType.Object when value[texts.Language] is JValue { Type: JTokenType.String } text:
                cell.SetText((string?)text);
                cell.Style = new CellStyle { Wrap = true };
                break;
            case JTokenType.Null:
                cell.SetText(Texts.Absent);
                cell.Style = CellStyle.Unit;
                break;
            default:
                cell.SetText(value.ToString(Newtonsoft.Json.Formatting.None));
                break;
        }
    }

    private static string? NumberFormat(TypeSpec? type, string? unit, int? decimals)
    {
        if (decimals is { } d)
        {
            return d <= 0 ? "#,##0" : "#,##0." + new string('0', Math.Min(d, 15));
        }

        if (type?.Kind == TypeKind.Integer || type?.Of?.Kind == TypeKind.Integer)
        {
            return "#,##0";
        }

        return unit == "fraction" ? "0.00%" : null;
    }

    private static SheetPlan Findings(JObject record, Texts texts)
    {
        var plan = new SheetPlan(texts.FindingsSheet) { FrozenRows = 4 };
        plan.Text(1, 1, texts.FindingsSheet, CellStyle.Title);
        string[] headers = [texts.Severity, Texts.Code, Texts.Message, texts.Item];
        for (var c = 0; c < headers.Length; c++)
        {
            plan.Text(4, c + 1, headers[c], CellStyle.Header);
        }

        plan.Width(1, 16);
        plan.Width(2, 24);
        plan.Width(3, 90);
        plan.Width(4, 16);
        var row = 5;
        foreach (var finding in record["findings"] as JArray ?? [])
        {
            plan.Text(row, 1, texts.SeverityName((string?)finding["severity"] ?? "info"));
            plan.Text(row, 2, (string?)finding["code"]);
            plan.Text(row, 3, (string?)finding["message"]?[texts.Language], new CellStyle { Wrap = true });
            plan.Text(row, 4, finding["item"]?.ToString());
            row++;
        }

        if (row == 5)
        {
            plan.Text(row, 1, texts.NoFindings, CellStyle.Note);
        }

        return plan;
    }

    private static SheetPlan Audit(JObject record, Texts texts)
    {
        var plan = new SheetPlan(texts.RecordSheet);
        plan.Text(1, 1, texts.RecordSheet, CellStyle.Title);
        plan.Text(2, 1, texts.RecordNote, CellStyle.Note);
        plan.Width(1, 32);
        plan.Width(2, 80);
        var rows = new List<(string, string?)>
        {
            (texts.MethodLabel, $"{record["method"]?["id"]}@{record["method"]?["version"]}"),
            (texts.MethodHash, (string?)record["method"]?["sha256"]),
        };
        foreach (var b in record["method"]?["extends"] as JArray ?? [])
        {
            rows.Add((texts.Extends, $"{b["reference"]} ({b["sha256"]})"));
        }

        foreach (var d in record["method"]?["deviations"] as JArray ?? [])
        {
            rows.Add((texts.Deviation, (string?)d[texts.Language]));
        }

        rows.Add((texts.InputsHash, (string?)record["inputsSha256"]));
        rows.Add((texts.RecordHash, (string?)record["recordSha256"]));
        rows.Add((texts.EngineVersion, (string?)record["engine"]?["version"]));
        var row = 4;
        foreach (var (label, value) in rows)
        {
            plan.Text(row, 1, label, CellStyle.Group);
            plan.Text(row, 2, value);
            row++;
        }

        return plan;
    }
}
