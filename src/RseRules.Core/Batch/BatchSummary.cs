using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Batch;

/// <summary>
/// The summary of a batch: CSV (RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes
/// doubled; numbers invariant in their shortest round-trip form) and JSON. Columns: <c>document</c>, the chosen results,
/// <c>error</c> (the error diagnostics of a bad document, separated by "; ", empty otherwise).
/// </summary>
public static class BatchSummary
{
    /// <summary>The CSV text.</summary>
    public static string Csv(IReadOnlyList<BatchRow> rows, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var sb = new StringBuilder();
        Line(sb, ["document", .. columns, "error"]);
        foreach (var row in rows)
        {
            var values = row.Results?.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            Line(sb, [row.Document, .. columns.Select(c => values is null ? string.Empty : Cell(values.GetValueOrDefault(c))), BatchEvaluator.ErrorText(row)]);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The CSV text for a reader's spreadsheet: columns <c>document</c> (the file name), <c>subject</c> when a subject is
    /// given (what each document names: an organization…; headed by <paramref name="subjectHeader"/>), the chosen results,
    /// <c>error</c>. Values in <paramref name="culture"/> (see <see cref="CsvCulture"/>): numbers rounded to their
    /// indicator's declared decimals (else to six significant digits, see <see cref="Significant"/>), no digit grouping;
    /// localized texts in <paramref name="language"/>; with a language's culture, enum values and booleans as labels.
    /// </summary>
    public static string Csv(MethodDefinition method, IReadOnlyList<BatchRow> rows, IReadOnlyList<string> columns, string language, CsvCulture culture, Func<string, string?>? subject = null, string? subjectHeader = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var separator = culture == CsvCulture.French ? ';' : ',';
        var numbers = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        numbers.NumberDecimalSeparator = culture == CsvCulture.French ? "," : ".";
        var types = columns.Select(c => Declared(method, c)).ToArray();
        var sb = new StringBuilder();
        string[] head = subject is null ? ["document"] : ["document", subjectHeader ?? "subject"];
        Line(sb, [.. head, .. columns, "error"], separator);
        foreach (var row in rows)
        {
            var values = row.Results?.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            string[] name = subject is null ? [row.Document] : [row.Document, subject(row.Document) ?? string.Empty];
            Line(sb, [.. name, .. columns.Select((c, i) => values is null ? string.Empty : Cell(values.GetValueOrDefault(c), types[i].Type, types[i].Decimals, language, culture, numbers)), BatchEvaluator.ErrorText(row)], separator);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A number without declared decimals: six significant digits, but never fewer decimals than none (346018.41 →
    /// 346018; 0.12124999999999997 → 0.12125), half away from zero.
    /// </summary>
    public static double Significant(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var integerDigits = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        return Math.Round(value, Math.Clamp(6 - integerDigits, 0, 15), MidpointRounding.AwayFromZero);
    }

    private static (TypeSpec? Type, int? Decimals) Declared(MethodDefinition method, string resultId)
    {
        var from = method.Results.FirstOrDefault(r => r.Id == resultId)?.From ?? resultId;
        var indicator = method.Indicators.FirstOrDefault(i => i.Id == from);
        return indicator is not null ? (indicator.Type, indicator.Decimals) : (method.Inputs.FirstOrDefault(i => i.Id == from)?.Type, null);
    }

    private static string Cell(object? value, TypeSpec? type, int? decimals, string language, CsvCulture culture, NumberFormatInfo numbers) => value switch
    {
        null => string.Empty,
        double d when decimals is { } places => Math.Round(d, places, MidpointRounding.AwayFromZero).ToString("F" + places.ToString(CultureInfo.InvariantCulture), numbers),
        double d => Significant(d).ToString("0.##########", numbers),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b when culture == CsvCulture.Invariant => b ? "true" : "false",
        bool b => (b, language == "en") switch { (true, true) => "yes", (false, true) => "no", (true, false) => "oui", (false, false) => "non" },
        string s when culture != CsvCulture.Invariant && type?.Kind == TypeKind.Enum && type.Values.FirstOrDefault(v => v.Value == s)?.Label is { } label => label.In(language),
        string s => s,
        LocalizedText t => t.In(language),
        _ => CanonicalJson.Write(JsonValues.ToJson(value)),
    };

    /// <summary>The JSON summary: method, columns, counts, one row per document (results, or diagnostics), and the bad documents.</summary>
    public static JObject Json(MethodDefinition method, IReadOnlyList<BatchRow> rows, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        return new JObject
        {
            ["method"] = new JObject { ["id"] = method.Id, ["version"] = method.Version, ["sha256"] = method.Sha256 },
            ["columns"] = new JArray(columns),
            ["documents"] = rows.Count,
            ["evaluated"] = rows.Count(r => r.Ok),
            ["bad"] = new JArray(rows.Where(r => !r.Ok).Select(r => r.Document)),
            ["rows"] = new JArray(rows.Select(r =>
            {
                var o = new JObject { ["document"] = r.Document, ["ok"] = r.Ok, ["inputsSha256"] = Str(r.InputsSha256) };
                if (r.Results is not null)
                {
                    var values = r.Results.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                    o["results"] = new JObject(columns.Select(c => new JProperty(c, JsonValues.ToJson(values.GetValueOrDefault(c)))));
                }

                o["diagnostics"] = new JArray(r.Diagnostics.Select(Diagnostic));
                return o;
            })),
            ["engine"] = new JObject { ["version"] = EvaluationRecord.EngineVersion },
        };
    }

    /// <summary>One CSV field (not yet quoted) for a result value.</summary>
    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        _ => CanonicalJson.Write(JsonValues.ToJson(value)),
    };

    /// <summary>A field quoted as RFC 4180 requires.</summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static void Line(StringBuilder sb, IEnumerable<string> fields) => sb.Append(string.Join(",", fields.Select(Quote))).Append("\r\n");

    private static void Line(StringBuilder sb, IEnumerable<string> fields, char separator) =>
        sb.Append(string.Join(separator, fields.Select(f => f.Contains(separator, StringComparison.Ordinal) || f.AsSpan().IndexOfAny("\"\r\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f))).Append("\r\n");

    private static JValue Str(string? s) => s is null ? JValue.CreateNull() : new JValue(s);

    private static JObject Diagnostic(Diagnostic d)
    {
        var o = new JObject
        {
            ["code"] = d.CodeText,
            ["severity"] = d.Severity.ToString().ToLowerInvariant(),
            ["message"] = d.Message,
            ["file"] = Str(d.File),
            ["line"] = d.Line,
            ["column"] = d.Column,
            ["pointer"] = Str(d.Pointer),
        };
        return o;
    }
}
