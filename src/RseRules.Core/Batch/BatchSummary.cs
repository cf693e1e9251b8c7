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
