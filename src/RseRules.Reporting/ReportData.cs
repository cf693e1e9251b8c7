using System.Collections;
using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Core.Uncertainty;
using RseRules.Core.Validation;
using RseRules.Reporting.Charts;
using RseRules.Reporting.Escaping;
using Scriban.Runtime;

namespace RseRules.Reporting;

/// <summary>
/// What a report template sees: the evaluation record (results, findings, inputs, hashes), the method's labels,
/// formulas, parameters and sources, and functions to translate, format numbers for the reader's culture and draw
/// charts. Nothing here knows the norm: templates choose what to show.
/// </summary>
internal static class ReportData
{
    public static ScriptObject Build(MethodDefinition method, JObject record, ReportOptions options, IReadOnlyList<string> deviations, ReportUncertainty? uncertainty = null)
    {
        var lang = options.Language;
        var formats = new NumberFormats(lang);
        var data = new ScriptObject(StringComparer.Ordinal);

        var central = Central(method, record["inputs"]) as JObject ?? [];
        var views = new ReportViews(method, record, central, lang, formats);
        data["lang"] = lang;
        var date = options.Date ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        data["date"] = date;
        data["date_text"] = formats.Date(date);
        data["report"] = views.Report();
        data["indicators"] = ToScriptObject(new JObject(views.Indicators.Select(kv => new JProperty(kv.Key, kv.Value))));
        data["result_list"] = views.Results();
        data["assumptions"] = views.Assumptions();
        data["findings_by_severity"] = ReportViews.FindingsBySeverity(record["findings"] as JArray ?? [], lang);
        data["engine_version"] = record["engine"]?["version"]?.Value<string>() ?? string.Empty;
        data["inputs_sha256"] = record["inputsSha256"]?.Value<string>() ?? string.Empty;
        data["record_sha256"] = record[Core.Evaluation.EvaluationRecord.HashProperty]?.Value<string>() ?? Core.Evaluation.EvaluationRecord.Hash(record);
        data["inputs"] = ToScript(central);
        data["inputs_json"] = CanonicalJson.WriteIndented(record["inputs"] ?? new JObject()).TrimEnd();
        data["inputs_canonical"] = CanonicalJson.Write(record["inputs"] ?? new JObject());
        data["results"] = ToScript(record["results"]);
        data["findings"] = ToScript(record["findings"]);
        data["deviations"] = new ScriptArray(deviations.Count > 0 ? deviations : method.Deviations.Select(d => d.In(lang)));
        data["bases"] = new ScriptArray(method.Bases.Select(b => new ScriptObject(StringComparer.Ordinal) { ["reference"] = b.Reference, ["sha256"] = b.Sha256 }));
        data["method"] = MethodObject(method, lang, formats, views);
        data["simulation"] = uncertainty is null ? null : SimulationObject(method, uncertainty, lang, views);

        data.Import("t", new Func<string, string, string>((fr, en) => lang == "en" ? en : fr));
        data.Import("loc", new Func<object?, string>(v => Localize(v, lang)));
        data.Import("money", new Func<object?, string>(v => formats.Money(ToNullableDouble(v))));
        data.Import("pct", new Func<object?, int, string>((v, d) => formats.Percent(ToNullableDouble(v), d)));
        data.Import("num", new Func<object?, int, string>((v, d) => formats.Number(ToNullableDouble(v), d)));
        data.Import("years", new Func<object?, string>(v => formats.Years(ToNullableDouble(v))));
        data.Import("label", new Func<string, string>(id => Describe(method, id).Label?.In(lang) ?? id));
        data.Import("unit", new Func<string, string>(id => Describe(method, id).Unit ?? string.Empty));
        data.Import("scale_label", new Func<string, object?, string>((scale, level) =>
            method.Scales.FirstOrDefault(s => s.Id == scale)?.Levels.GetValueOrDefault(Convert.ToInt64(level, CultureInfo.InvariantCulture))?.In(lang) ?? Convert.ToString(level, CultureInfo.InvariantCulture) ?? string.Empty));
        data.Import("lookup", new Func<object?, object?, object?, object?>((map, key, fallback) =>
            map is ScriptObject o && key is not null && o.TryGetValue(Convert.ToString(key, CultureInfo.InvariantCulture)!, out var found) && found is not null ? found : fallback));
        // Escaping is automatic and follows the output (ReportTemplateContext): md is kept for older templates and
        // returns its value unchanged.
        data.Import("md", new Func<object?, object?>(v => v));

        data.Import("present", new Func<string, ScriptObject>(views.Present));
        data.Import("report_chart", new Func<int, Markup>(views.Chart));
        data.Import("chart_of", new Func<ScriptObject, Markup?>(views.ChartOf));
        data.Import("value_text", new Func<object?, string, string>((v, unit) => v is null ? NumberFormats.Missing : views.Number(ToDouble(v), unit, null, v is long)));
        data.Import("item_label", new Func<string, string, string>((collection, key) => views.ItemLabel(collection, key) ?? key));
        data.Import("money_short", new Func<object?, string>(v => formats.MoneyShort(ToNullableDouble(v))));
        data.Import("chart_spans", new Func<string, ScriptArray, ScriptArray, object, string, ScriptArray, ScriptArray, string, Markup>((title, labels, ends, baseline, baselineLabel, endNames, texts, unit) =>
            new Markup(SvgCharts.Spans(title, Strings(labels), [.. ends.Cast<object>().Select(e => (IReadOnlyList<double>)Doubles((IEnumerable)e))], ToDouble(baseline), baselineLabel,
                Strings(endNames), Strings(texts), v => views.Tick(v, unit)))));
        data.Import("chart_bars", new Func<string, ScriptArray, ScriptArray, ScriptArray, object, ScriptArray?, Markup>((title, labels, values, texts, max, thresholds) =>
            new Markup(SvgCharts.Bars(title, Strings(labels), Doubles(values), Strings(texts), ToDouble(max), thresholds is null ? null : Doubles(thresholds)))));
        data.Import("chart_heatmap", new Func<string, ScriptArray, ScriptArray, ScriptArray, object, object, ScriptArray?, Markup>((title, rows, columns, values, min, max, highlighted) =>
            new Markup(SvgCharts.HeatMap(title, Strings(rows), Strings(columns), values.Cast<object>().Select(r => (IReadOnlyList<double>)Doubles((IEnumerable)r)).ToArray(), ToDouble(min), ToDouble(max),
                highlighted?.Cast<object>().Select(x => x is bool b && b).ToArray()))));
        data.Import("chart_lines", new Func<string, ScriptArray, ScriptArray, ScriptArray, ScriptArray, ScriptArray, ScriptArray, Markup>((title, xLabels, names, series, dashed, markerX, markerLabels) =>
            new Markup(SvgCharts.Lines(title, Strings(xLabels),
                names.Cast<object>().Select((n, i) => new LineSeries(Convert.ToString(n, CultureInfo.InvariantCulture) ?? string.Empty, Doubles((IEnumerable)series[i]!), dashed[i] is bool b && b)).ToArray(),
                markerX.Cast<object?>().Select((x, i) => (X: x, Label: Convert.ToString(markerLabels[i], CultureInfo.InvariantCulture) ?? string.Empty))
                    .Where(m => m.X is not null).Select(m => new ChartMarker(ToDouble(m.X), m.Label)).ToArray(),
                v => formats.Number(v, 0)))));
        data.Import("chart_matrix", new Func<string, ScriptArray, ScriptArray, ScriptArray, ScriptArray, ScriptArray, string, string, Markup>((title, rows, columns, bands, bandLabels, items, rowAxis, columnAxis) =>
            new Markup(SvgCharts.Matrix(title, Strings(rows), Strings(columns),
                bands.Cast<object>().Select(r => (IReadOnlyList<int>)((IEnumerable)r).Cast<object>().Select(x => Convert.ToInt32(x, CultureInfo.InvariantCulture)).ToArray()).ToArray(),
                Strings(bandLabels),
                items.Cast<object>().Select(i => (ScriptObject)i).Select(i => new MatrixItem(Convert.ToInt32(i["row"], CultureInfo.InvariantCulture), Convert.ToInt32(i["column"], CultureInfo.InvariantCulture), Convert.ToString(i["text"], CultureInfo.InvariantCulture) ?? string.Empty)).ToArray(),
                rowAxis, columnAxis))));
        data.Import("chart_histogram", new Func<string, ScriptArray, ScriptArray, ScriptArray, ScriptArray, Markup>((title, edges, counts, markerX, markerLabels) =>
            new Markup(SvgCharts.Histogram(title, Doubles(edges), Doubles(counts), v => formats.Number(v, 0),
                markerX.Cast<object?>().Select((x, i) => new ChartMarker(ToDouble(x), Convert.ToString(markerLabels[i], CultureInfo.InvariantCulture) ?? string.Empty)).ToArray()))));
        data.Import("chart_histogram_of", new Func<string, ScriptArray, ScriptArray, ScriptArray, ScriptArray, string, Markup>((title, edges, counts, markerX, markerLabels, unit) =>
            new Markup(SvgCharts.Histogram(title, Doubles(edges), Doubles(counts), v => views.Tick(v, unit),
                [.. markerX.Cast<object?>().Select((x, i) => new ChartMarker(ToDouble(x), Convert.ToString(markerLabels[i], CultureInfo.InvariantCulture) ?? string.Empty))]))));
        data.Import("chart_lines_of", new Func<string, ScriptArray, ScriptArray, ScriptArray, ScriptArray, ScriptArray, ScriptArray, string, Markup>((title, xLabels, names, series, dashed, markerX, markerLabels, unit) =>
            new Markup(SvgCharts.Lines(title, Strings(xLabels),
                [.. names.Cast<object>().Select((n, i) => new LineSeries(Convert.ToString(n, CultureInfo.InvariantCulture) ?? string.Empty, Doubles((IEnumerable)series[i]!), dashed[i] is bool b && b))],
                [.. markerX.Cast<object?>().Select((x, i) => (X: x, Label: Convert.ToString(markerLabels[i], CultureInfo.InvariantCulture) ?? string.Empty))
                    .Where(m => m.X is not null).Select(m => new ChartMarker(ToDouble(m.X), m.Label))],
                v => views.Tick(v, unit)))));
        data.Import("chart_radar", new Func<string, ScriptArray, ScriptArray, object, ScriptArray, Markup>((title, axes, values, max, texts) =>
            new Markup(SvgCharts.Radar(title, Strings(axes), Doubles(values), ToDouble(max), Strings(texts)))));
        return data;
    }

    /// <summary>
    /// What a comparison template sees: everything a report of the first scenario sees, and <c>scenarios</c> (each with
    /// <c>name</c>, <c>subject</c>, <c>results</c> presented, <c>findings_by_severity</c>, <c>decision</c> text, hashes),
    /// <c>comparison_rows</c> (each headline result: <c>label</c>, <c>texts</c> per scenario, <c>deltas</c> against the
    /// first, <c>numeric</c>), <c>input_changes</c> (each input that differs: <c>label</c>, <c>texts</c> per scenario),
    /// and the functions <c>compare_chart i</c> (a declared chart with every scenario overlaid) and
    /// <c>compare_bars id</c> (one result across the scenarios).
    /// </summary>
    public static ScriptObject BuildComparison(MethodDefinition method, IReadOnlyList<Scenario> scenarios, ReportOptions options)
    {
        var data = Build(method, scenarios[0].Record, options, []);
        var lang = options.Language;
        var formats = new NumberFormats(lang);
        var views = scenarios.Select(s => new ReportViews(method, s.Record, Central(method, s.Record["inputs"]) as JObject ?? [], lang, formats)).ToList();
        var report = (ScriptObject)data["report"]!;
        var decision = method.Report?.Decision;
        data["scenarios"] = new ScriptArray(scenarios.Select((s, i) => new ScriptObject(StringComparer.Ordinal)
        {
            ["name"] = s.Name,
            ["subject"] = views[i].Subject() ?? string.Empty,
            ["results"] = views[i].Results(),
            ["findings_by_severity"] = ReportViews.FindingsBySeverity(s.Record["findings"] as JArray ?? [], lang),
            ["decision"] = decision is null ? null : views[i].Present(decision)["text"],
            ["record_sha256"] = s.Record[Core.Evaluation.EvaluationRecord.HashProperty]?.Value<string>() ?? Core.Evaluation.EvaluationRecord.Hash(s.Record),
            ["inputs_sha256"] = s.Record["inputsSha256"]?.Value<string>() ?? string.Empty,
        }));

        var rows = new ScriptArray();
        foreach (var id in (report["headline"] as ScriptArray ?? []).OfType<string>())
        {
            var presented = views.Select(v => v.Present(id)).ToList();
            var numeric = presented.All(p => p["value"] is double or long);
            var first = presented[0]["value"];
            rows.Add(new ScriptObject(StringComparer.Ordinal)
            {
                ["id"] = id,
                ["label"] = presented[0]["label"],
                ["numeric"] = numeric,
                ["texts"] = new ScriptArray(presented.Select(p => p["text"])),
                ["deltas"] = new ScriptArray(presented.Select((p, i) => i == 0 || !numeric ? string.Empty
                    : Signed(views[i].Number(ToDouble(p["value"]) - ToDouble(first), Str(presented[0]["unit"]), null, p["value"] is long && first is long)))),
            });
        }

        data["comparison_rows"] = rows;

        var leaves = views.Select(v => v.Leaves()).ToList();
        var changes = new ScriptArray();
        foreach (var pointer in leaves.SelectMany(l => l.Keys).Distinct(StringComparer.Ordinal))
        {
            var texts = leaves.Select((l, i) => l.TryGetValue(pointer, out var token) ? views[i].LeafText(pointer, token) : NumberFormats.Missing).ToList();
            var raw = leaves.Select(l => l.TryGetValue(pointer, out var token) ? CanonicalJson.Write(token) : null).ToList();
            if (raw.Distinct(StringComparer.Ordinal).Count() > 1)
            {
                changes.Add(new ScriptObject(StringComparer.Ordinal) { ["label"] = PointerLabel(method, pointer, lang), ["pointer"] = pointer, ["texts"] = new ScriptArray(texts) });
            }
        }

        data["input_changes"] = changes;
        data.Import("compare_chart", new Func<int, Markup>(index => CompareChart(method, scenarios, views, index)));
        data.Import("compare_bars", new Func<string, Markup>(id =>
        {
            var presented = views.Select(v => v.Present(id)).ToList();
            var values = presented.Select(p => ToDouble(p["value"] ?? double.NaN)).ToList();
            var title = Str(presented[0]["label"]);
            var unit = Str(presented[0]["unit"]);
            return new Markup(SvgCharts.Spans(title, [.. scenarios.Select(s => s.Name)], [.. values.Select(v => (IReadOnlyList<double>)[v])], 0, string.Empty, [title],
                [.. presented.Select(p => Str(p["text"]))], v => views[0].Tick(v, unit)));
        }));
        return data;
    }

    private static string Signed(string text) => text.StartsWith('-') ? "−" + text[1..] : "+" + text;

    /// <summary>A declared chart with each scenario's curves (lines) or values (bars, radar: one row per scenario and result).</summary>
    private static Markup CompareChart(MethodDefinition method, IReadOnlyList<Scenario> scenarios, List<ReportViews> views, int index)
    {
        var charts = method.Report?.Charts ?? [];
        if (index < 0 || index >= charts.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"The method declares {charts.Count} chart(s).");
        }

        var chart = charts[index];
        if (chart.Type == "lines")
        {
            var series = new List<(string, double[])>();
            for (var i = 0; i < scenarios.Count; i++)
            {
                foreach (var id in chart.Results)
                {
                    var view = views[i].Present(id);
                    var name = chart.Results.Count == 1 ? scenarios[i].Name : $"{scenarios[i].Name} — {view["label"]}";
                    series.Add((name, [.. (view["rows"] as ScriptArray ?? []).OfType<ScriptObject>().Select(r => ToDouble(r["value"] ?? double.NaN))]));
                }
            }

            var title = Str(((views[0].Report()["charts"] as ScriptArray)?[index] as ScriptObject)?["title"]);
            return new Markup(views[0].Lines(title, series, chart.Cumulative, Str(views[0].Present(chart.Results[0])["unit"])));
        }

        return views[0].Chart(index);
    }

    private static string Str(object? value) => value as string ?? string.Empty;

    /// <summary>
    /// The inputs as the evaluation used them: each distribution replaced by its central value (mode, or mean for
    /// uniform), so that sections can compute with them; the audit section prints the document as read (inputs_json).
    /// </summary>
    internal static JToken? Central(MethodDefinition method, JToken? inputs)
    {
        if (inputs is not JObject || !inputs.SelectTokens("$..distribution").Any())
        {
            return inputs;
        }

        var diagnostics = new List<Core.Diagnostics.Diagnostic>();
        var source = JsonSource.Parse(CanonicalJson.Write(inputs), "inputs.json", diagnostics);
        var uncertain = source is null ? [] : InputValidator.Validate(method, source).Value?.Uncertain ?? [];
        if (uncertain.Count == 0)
        {
            return inputs;
        }

        var copy = inputs.DeepClone();
        foreach (var u in uncertain)
        {
            JToken? token = copy;
            foreach (var t in JsonPointer.Parse(u.Pointer))
            {
                token = token switch
                {
                    JObject o => o[t],
                    JArray a when int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < a.Count => a[k],
                    _ => null,
                };
            }

            token?.Replace(JToken.FromObject(u.Central));
        }

        return copy;
    }

    private static ScriptObject SimulationObject(MethodDefinition method, ReportUncertainty uncertainty, string lang, ReportViews views)
    {
        var sim = uncertainty.Simulation;
        var sensitivity = uncertainty.Sensitivity;
        var numbers = new ScriptObject(StringComparer.Ordinal);
        foreach (var s in sim.Numbers)
        {
            numbers[s.Id] = new ScriptObject(StringComparer.Ordinal)
            {
                ["id"] = s.Id,
                ["count"] = s.Count,
                ["missing"] = s.Missing,
                // The share of successful iterations where the result exists (a payback may never come): statistics are over those.
                ["present"] = s.Count + s.Missing == 0 ? 0.0 : (double)s.Count / (s.Count + s.Missing),
                ["mean"] = Finite(s.Mean),
                ["sd"] = Finite(s.StandardDeviation),
                ["min"] = Finite(s.Min),
                ["p5"] = Finite(s.P5),
                ["p10"] = Finite(s.P10),
                ["p50"] = Finite(s.P50),
                ["p90"] = Finite(s.P90),
                ["p95"] = Finite(s.P95),
                ["max"] = Finite(s.Max),
                ["p_nonnegative"] = Finite(s.ProbabilityNonNegative),
                ["edges"] = new ScriptArray(s.Histogram.Count == 0 ? [] : s.Histogram.Select(b => (object)b.Lower).Append(s.Histogram[^1].Upper)),
                ["counts"] = new ScriptArray(s.Histogram.Select(b => (object)b.Count)),
            };
        }

        var texts = new ScriptObject(StringComparer.Ordinal);
        foreach (var t in sim.Texts)
        {
            texts[t.Id] = new ScriptArray(t.Frequencies.Select(f => new ScriptObject(StringComparer.Ordinal) { ["value"] = f.Value, ["count"] = f.Count, ["share"] = f.Share }));
        }

        var tornado = new ScriptObject(StringComparer.Ordinal);
        foreach (var id in sensitivity.NumericResultIds)
        {
            tornado[id] = new ScriptArray(sensitivity.Rank(id).Select(e => new ScriptObject(StringComparer.Ordinal)
            {
                ["pointer"] = e.Pointer,
                ["label"] = PointerLabel(method, e.Pointer, lang),
                ["low"] = e.Low,
                ["high"] = e.High,
                ["result_low"] = e.ResultAtLow,
                ["result_high"] = e.ResultAtHigh,
                ["range"] = e.Range,
                ["failure"] = e.Failure,
            }));
        }

        return new ScriptObject(StringComparer.Ordinal)
        {
            ["iterations"] = sim.Iterations,
            ["seed"] = (long)sim.Seed,
            ["evaluated"] = sim.Iterations - sim.Failed,
            ["failed"] = sim.Failed,
            ["failures"] = new ScriptArray(sim.Failures.Select(f => new ScriptObject(StringComparer.Ordinal) { ["reason"] = f.Reason, ["count"] = f.Count })),
            ["inputs"] = new ScriptArray(sim.Inputs.Select(u => new ScriptObject(StringComparer.Ordinal)
            {
                ["pointer"] = u.Pointer,
                ["label"] = PointerLabel(method, u.Pointer, lang),
                ["distribution"] = u.Distribution.Name,
                ["min"] = u.Distribution.Min,
                ["mode"] = u.Distribution.Kind == DistributionKind.Uniform ? null : u.Distribution.Mode,
                ["max"] = u.Distribution.Max,
                ["mean"] = u.Distribution.Mean,
                // The bounds as the reader reads the input (its unit: euros, a percentage, a headcount).
                ["min_text"] = views.LeafText(u.Pointer, new JValue(u.Distribution.Min)),
                ["mode_text"] = u.Distribution.Kind == DistributionKind.Uniform ? NumberFormats.Missing : views.LeafText(u.Pointer, new JValue(u.Distribution.Mode)),
                ["max_text"] = views.LeafText(u.Pointer, new JValue(u.Distribution.Max)),
                ["distribution_label"] = (u.Distribution.Kind, lang) switch
                {
                    (DistributionKind.Triangular, "en") => "triangular",
                    (DistributionKind.Triangular, _) => "triangulaire",
                    (DistributionKind.Uniform, "en") => "uniform",
                    (DistributionKind.Uniform, _) => "uniforme",
                    _ => "PERT",
                },
            })),
            ["numbers"] = numbers,
            ["texts"] = texts,
            ["tornado"] = tornado,
            ["sensitivity_mode"] = sensitivity.Mode == SensitivityMode.Distributions ? "distributions" : "tenPercent",
        };
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>An input's label path, e.g. <c>Coûts › Coûts initiaux (année 0) › Intégration</c>; array items by their position (1-based).</summary>
    internal static string PointerLabel(MethodDefinition method, string pointer, string lang)
    {
        var parts = new List<string>();
        IReadOnlyList<Declaration> fields = method.Inputs;
        TypeSpec? current = null;
        foreach (var token in JsonPointer.Parse(pointer))
        {
            if (current is { Kind: TypeKind.Series or TypeKind.List or TypeKind.Collection } && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                parts[^1] += $" ({index + 1})";
                current = current.Kind == TypeKind.Collection ? current with { Kind = TypeKind.Record } : current.Of;
                fields = current?.Fields ?? [];
                continue;
            }

            if (current is { Kind: TypeKind.Map })
            {
                parts[^1] += $" ({token})";
                current = current.Of;
                fields = current?.Fields ?? [];
                continue;
            }

            var decl = fields.FirstOrDefault(f => f.Id == token);
            parts.Add(decl?.Label?.In(lang) ?? token);
            current = decl?.Type;
            fields = current?.Fields ?? [];
        }

        return string.Join(" › ", parts);
    }

    private static ScriptObject MethodObject(MethodDefinition method, string lang, NumberFormats formats, ReportViews views)
    {
        var o = new ScriptObject(StringComparer.Ordinal)
        {
            ["id"] = method.Id,
            ["version"] = method.Version,
            ["reference"] = method.Reference,
            ["sha256"] = method.Sha256,
            ["title"] = method.Title.In(lang),
            ["description"] = method.Description?.In(lang) ?? string.Empty,
        };
        o["params"] = ToScriptObject(new JObject(method.Parameters.Select(p => new JProperty(p.Id, p.Value))));
        o["parameters"] = new ScriptArray(method.Parameters.Select(p => new ScriptObject(StringComparer.Ordinal)
        {
            ["id"] = p.Id,
            ["label"] = p.Label?.In(lang) ?? p.Id,
            ["value"] = ParameterText(p.Value, formats),
            ["unit"] = p.Unit ?? string.Empty,
            ["text"] = views.ParameterText(p.Value, p.Unit, p.Type),
            ["numeric"] = p.Type.Kind is TypeKind.Number or TypeKind.Integer || (p.Type.Kind is TypeKind.List or TypeKind.Map or TypeKind.Series && p.Type.Of?.Kind is TypeKind.Number or TypeKind.Integer),
            ["source"] = p.Source.In(lang),
        }));
        o["indicators"] = new ScriptArray(method.Indicators.Select(i => new ScriptObject(StringComparer.Ordinal)
        {
            ["id"] = i.Id,
            ["label"] = i.Label.In(lang),
            ["unit"] = i.Unit ?? string.Empty,
            ["formula"] = i.Formula,
            ["description"] = i.Description?.In(lang) ?? string.Empty,
        }));
        o["rules"] = new ScriptArray(method.Rules.Select(r => new ScriptObject(StringComparer.Ordinal)
        {
            ["id"] = r.Id,
            ["severity"] = r.Severity.ToString().ToLowerInvariant(),
            ["when"] = r.When,
            ["message"] = r.Message.In(lang),
        }));
        o["scales"] = new ScriptArray(method.Scales.Select(s => new ScriptObject(StringComparer.Ordinal)
        {
            ["id"] = s.Id,
            ["label"] = s.Label?.In(lang) ?? s.Id,
            ["min"] = s.Min,
            ["max"] = s.Max,
            ["levels"] = new ScriptArray(s.Levels.OrderBy(l => l.Key).Select(l => new ScriptObject(StringComparer.Ordinal) { ["level"] = l.Key, ["label"] = l.Value.In(lang) })),
        }));
        return o;
    }

    private static string ParameterText(JToken value, NumberFormats formats) => value switch
    {
        JObject map => string.Join("; ", map.Properties().Select(p => $"{p.Name} → {ParameterText(p.Value, formats)}")),
        JArray list => string.Join(", ", list.Select(x => ParameterText(x, formats))),
        JValue { Type: JTokenType.Integer or JTokenType.Float } v => formats.Number(v.Value<double>(), Decimals(v.Value<double>())),
        _ => value.ToString(),
    };

    private static int Decimals(double v)
    {
        for (var d = 0; d < 6; d++)
        {
            if (Math.Abs(Math.Round(v, d) - v) < 1e-12)
            {
                return d;
            }
        }

        return 6;
    }

    private static (LocalizedText? Label, string? Unit) Describe(MethodDefinition method, string id)
    {
        id = method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        var indicator = method.Indicators.FirstOrDefault(i => i.Id == id);
        if (indicator is not null)
        {
            return (indicator.Label, indicator.Unit);
        }

        var input = method.Inputs.FirstOrDefault(i => i.Id == id);
        return (input?.Label, input?.Unit);
    }

    private static string Localize(object? value, string lang) => value switch
    {
        null => string.Empty,
        ScriptObject o when o.ContainsKey("fr") && o.ContainsKey("en") => Convert.ToString(o[lang == "en" ? "en" : "fr"], CultureInfo.InvariantCulture) ?? string.Empty,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static object? ToScript(JToken? token) => ReportViews.ToScript(token);

    private static ScriptObject ToScriptObject(JObject o) => ReportViews.ToScriptObject(o);

    private static double? ToNullableDouble(object? v) => v is null ? null : ToDouble(v);

    private static double ToDouble(object? v) => v switch
    {
        null => 0,
        double d => d,
        _ => Convert.ToDouble(v, CultureInfo.InvariantCulture),
    };

    private static double[] Doubles(IEnumerable values) => values.Cast<object?>().Select(ToDouble).ToArray();

    private static string[] Strings(IEnumerable values) => values.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
}
