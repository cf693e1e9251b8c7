using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Core.Evaluation;

/// <summary>
/// Writes an evaluation record's canonical text straight from the evaluation, without building its JSON tree: the same
/// characters as <c>CanonicalJson.Write(EvaluationRecord.Build(result))</c> (members in code-point order, numbers and
/// strings as <see cref="CanonicalJson"/> writes them, values as <see cref="JsonValues.ToJson"/> gives them), for a
/// caller that needs only the text (the workbench's evaluate endpoint). Each member below is written in sorted order.
/// The text is written into a builder kept per thread (a record is tens of kilobytes: one builder per request would be a
/// large-object allocation each time), handed out as a <see cref="RecordText"/> that gives it back when disposed.
/// </summary>
internal static class RecordTextWriter
{
    /// <summary>Builders larger than this (in characters) are not kept for the next record.</summary>
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic]
    private static StringBuilder? spare;

    private static readonly ConditionalWeakTable<MethodDefinition, Dictionary<string, JToken>> ParameterValues = [];

    private static readonly string[] KindNames = [.. Enum.GetValues<TraceReadKind>().Select(k => k.ToString().ToLowerInvariant())];

    /// <summary>The record's canonical text and its hash (the <c>recordSha256</c> member it holds).</summary>
    public static RecordText Write(EvaluationResult result)
    {
        var sb = spare ?? new StringBuilder(16 * 1024);
        spare = null;
        try
        {
            var at = WriteWithoutHash(result, sb);
            return new RecordText(sb, at, Hash(sb), Return);
        }
        catch
        {
            Return(sb);
            throw;
        }
    }

    private static void Return(StringBuilder sb)
    {
        if (sb.Capacity <= KeptCapacity)
        {
            sb.Clear();
            spare = sb;
        }
    }

    /// <summary>Writes the record without its hash member; returns where that member goes.</summary>
    private static int WriteWithoutHash(EvaluationResult result, StringBuilder sb)
    {
        var method = result.Method.Method;
        sb.Append("{\"engine\":{\"version\":");
        Text(EvaluationRecord.EngineVersion, sb);
        sb.Append("},\"findings\":[");
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var f = result.Findings[i];
            sb.Append(i > 0 ? ",{\"code\":" : "{\"code\":");
            Text(f.Code, sb);
            if (f.Item is not null)
            {
                sb.Append(",\"item\":");
                Text(f.Item, sb);
            }

            sb.Append(",\"message\":");
            Localized(f.Message, sb);
            sb.Append(",\"severity\":");
            Text(f.Severity.ToString().ToLowerInvariant(), sb);
            sb.Append('}');
        }

        sb.Append("],\"inputs\":");
        CanonicalJson.Write(result.Inputs.Source.Root, sb);
        sb.Append(",\"inputsSha256\":");
        Text(result.Inputs.Sha256, sb);
        sb.Append(",\"method\":");
        Method(method, sb);
        var at = sb.Length; // recordSha256 goes here: after method, before results
        sb.Append(",\"results\":");
        Map(result.Results.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value)), sb);
        sb.Append(",\"trace\":[");
        var parameters = ParameterValues.GetValue(method, m => m.Parameters.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal));
        for (var i = 0; i < result.Trace.Count; i++)
        {
            var t = result.Trace[i];
            sb.Append(i > 0 ? ",{\"formula\":" : "{\"formula\":");
            Text(t.Formula, sb);
            sb.Append(",\"id\":");
            Text(t.Id, sb);
            sb.Append(",\"reads\":[");
            for (var k = 0; k < t.Reads.Count; k++)
            {
                var r = t.Reads[k];
                sb.Append(k > 0 ? ",{\"kind\":\"" : "{\"kind\":\"");
                sb.Append(KindNames[(int)r.Kind]);
                sb.Append("\",\"name\":");
                Text(r.Name, sb);
                sb.Append(",\"value\":");
                switch (r.Kind)
                {
                    case TraceReadKind.Indicator:
                        Value(result.Indicators[r.Name], sb);
                        break;
                    case TraceReadKind.Parameter:
                        CanonicalJson.Write(parameters[r.Name], sb);
                        break;
                    default:
                        Value(result.Inputs.Values.GetValueOrDefault(r.Name), sb);
                        break;
                }

                sb.Append('}');
            }

            sb.Append("],\"value\":");
            Value(t.Value, sb);
            sb.Append('}');
        }

        sb.Append("]}");
        return at;
    }

    /// <summary>SHA-256 of the UTF-8 text, in lower-case hex.</summary>
    private static string Hash(StringBuilder sb)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(8192));
        try
        {
            var encoder = Encoding.UTF8.GetEncoder();
            foreach (var chunk in sb.GetChunks())
            {
                var span = chunk.Span;
                while (span.Length > 0)
                {
                    var take = Math.Min(span.Length, 8192);
                    var n = encoder.GetBytes(span[..take], bytes, flush: false);
                    sha.AppendData(bytes, 0, n);
                    span = span[take..];
                }
            }

            var last = encoder.GetBytes([], bytes, flush: true);
            sha.AppendData(bytes, 0, last);
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static void Method(MethodDefinition method, StringBuilder sb)
    {
        sb.Append('{');
        if (method.Bases.Count > 0)
        {
            sb.Append("\"deviations\":[");
            for (var i = 0; i < method.Deviations.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                Localized(method.Deviations[i], sb);
            }

            sb.Append("],\"extends\":[");
            for (var i = 0; i < method.Bases.Count; i++)
            {
                sb.Append(i > 0 ? ",{\"reference\":" : "{\"reference\":");
                Text(method.Bases[i].Reference, sb);
                sb.Append(",\"sha256\":");
                Text(method.Bases[i].Sha256, sb);
                sb.Append('}');
            }

            sb.Append("],");
        }

        sb.Append("\"id\":");
        Text(method.Id, sb);
        sb.Append(",\"sha256\":");
        Text(method.Sha256, sb);
        sb.Append(",\"version\":");
        Text(method.Version, sb);
        sb.Append('}');
    }

    private static void Localized(LocalizedText text, StringBuilder sb)
    {
        sb.Append("{\"en\":");
        Text(text.En, sb);
        sb.Append(",\"fr\":");
        Text(text.Fr, sb);
        sb.Append('}');
    }

    /// <summary>A text as a JSON string; null as JSON's null (what a JValue of a null string writes).</summary>
    private static void Text(string? text, StringBuilder sb)
    {
        if (text is null)
        {
            sb.Append("null");
        }
        else
        {
            CanonicalJson.WriteString(text, sb);
        }
    }

    /// <summary>A runtime value as <see cref="JsonValues.ToJson"/> turns it into JSON, written canonically.</summary>
    private static void Value(object? value, StringBuilder sb)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case double d:
                CanonicalJson.AppendNumber(d, sb);
                break;
            case float f:
                CanonicalJson.AppendNumber(f, sb);
                break;
            case long l:
                sb.Append(CultureInfo.InvariantCulture, $"{l}");
                break;
            case int or short or byte:
                sb.Append(CultureInfo.InvariantCulture, $"{Convert.ToInt64(value, CultureInfo.InvariantCulture)}");
                break;
            case decimal m:
                sb.Append(CanonicalJson.FormatNumber((double)m));
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case string s:
                CanonicalJson.WriteString(s, sb);
                break;
            case LocalizedText l:
                Localized(l, sb);
                break;
            case IDictionary map:
                Map(map.Keys.Cast<object>().Select(k => new KeyValuePair<string, object?>(Convert.ToString(k, CultureInfo.InvariantCulture)!, map[k])), sb);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                Map(pairs, sb);
                break;
            case IEnumerable e:
                sb.Append('[');
                var first = true;
                foreach (var item in e)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Value(item, sb);
                }

                sb.Append(']');
                break;
            default:
                Text(Convert.ToString(value, CultureInfo.InvariantCulture), sb);
                break;
        }
    }

    private static void Map(IEnumerable<KeyValuePair<string, object?>> pairs, StringBuilder sb)
    {
        var sorted = pairs.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        sb.Append('{');
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            CanonicalJson.WriteString(sorted[i].Key, sb);
            sb.Append(':');
            Value(sorted[i].Value, sb);
        }

        sb.Append('}');
    }
}
