using Newtonsoft.Json.Linq;
using RseRules.Core.Model;

namespace RseRules.Reporting;

/// <summary>
/// The results of an evaluation record as a reader sees them, outside a report (the command line's table): each with its
/// label and its value formatted as the reports format it — numbers in the language's culture with their unit, money,
/// percentages, the labels of enums, scale levels, localized texts and collection items; series and maps summarized.
/// One formatter for reports and the command line (<see cref="ReportViews"/>).
/// </summary>
public sealed class ResultPresenter
{
    private readonly ReportViews views;
    private readonly MethodDefinition method;
    private readonly string lang;

    /// <param name="method">The method.</param>
    /// <param name="record">An evaluation record, or any object with its <c>results</c> (and, for labels of collection
    /// items and the subject, its <c>inputs</c>).</param>
    /// <param name="lang"><c>fr</c> or <c>en</c>.</param>
    public ResultPresenter(MethodDefinition method, JObject record, string lang)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(record);
        this.method = method;
        this.lang = lang;
        var central = ReportData.Central(method, record["inputs"]) as JObject ?? [];
        views = new ReportViews(method, record, central, lang, new NumberFormats(lang));
    }

    /// <summary>Every result of the method, in order.</summary>
    public IReadOnlyList<PresentedResult> Results() => [.. method.Results.Select(r => Present(r.Id))];

    /// <summary>One result (or indicator, or top-level input) by id.</summary>
    public PresentedResult Present(string id)
    {
        var view = views.Present(id);
        var kind = view["kind"] as string ?? "text";
        IReadOnlyList<string> lines = [];
        if (kind == "map" && view["rows"] is Scriban.Runtime.ScriptArray rows && rows.Count > 0)
        {
            // One line per key (a map's keys are codes: "U1 : 60 points"), at most twelve.
            var named = rows.OfType<Scriban.Runtime.ScriptObject>().Select(r => $"{r["key"]}{(lang == "en" ? ": " : "\u00A0: ")}{r["text"]}");
            lines = [.. named.Take(12), .. rows.Count > 12 ? ["…"] : Array.Empty<string>()];
        }

        return new PresentedResult(id, view["label"] as string ?? id, view["text"] as string ?? NumberFormats.Missing, kind, view["missing"] is true) { Lines = lines };
    }

    /// <summary>A number in a result's unit (money, percentage, years…) for the language; an em dash for null or NaN.</summary>
    public string Number(string id, double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return NumberFormats.Missing;
        }

        var from = method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        var indicator = method.Indicators.FirstOrDefault(i => i.Id == from);
        var input = indicator is null ? method.Inputs.FirstOrDefault(i => i.Id == from) : null;
        var type = indicator?.Type ?? input?.Type;
        return views.Number(v, indicator?.Unit ?? input?.Unit, indicator?.Decimals, type?.Kind is TypeKind.Integer);
    }

    /// <summary>A value of a result formatted as the result's type says (an enum value as its label…).</summary>
    public string Format(string id, JToken value)
    {
        var from = method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        var indicator = method.Indicators.FirstOrDefault(i => i.Id == from);
        var input = indicator is null ? method.Inputs.FirstOrDefault(i => i.Id == from) : null;
        return views.Scalar(value, indicator?.Type ?? input?.Type, indicator?.Unit ?? input?.Unit, indicator?.Decimals);
    }

    /// <summary>
    /// A field of a record or collection value (as the engine holds it: a number, a text, a boolean, a localized text),
    /// formatted by its declared type — numbers in the language's culture, without their unit (a table's column heading
    /// carries it), enum values and scale levels by their labels, booleans as yes or no.
    /// </summary>
    public string Field(object? value, TypeSpec type) => value switch
    {
        LocalizedText text => text.In(lang),
        null => NumberFormats.Missing,
        JToken token => views.Scalar(token, type, null, null),
        _ => views.Scalar(new JValue(value), type, null, null),
    };

    /// <summary>A result's (or indicator's, or input's) label in the language, else its id.</summary>
    public string Label(string id)
    {
        var from = method.Results.FirstOrDefault(r => r.Id == id)?.From ?? id;
        return (method.Indicators.FirstOrDefault(i => i.Id == from)?.Label ?? method.Inputs.FirstOrDefault(i => i.Id == from)?.Label)?.In(lang) ?? id;
    }

    /// <summary>The text the method's declared subject (<c>report.subject</c>) or <paramref name="pointer"/> names in the inputs, or null.</summary>
    public string? Subject(string? pointer = null) => views.Subject(pointer);
}

/// <summary>A result presented for a reader.</summary>
/// <param name="Id">The result id.</param>
/// <param name="Label">Its label in the language.</param>
/// <param name="Text">Its value formatted, with its unit (series, maps and lists as a short summary).</param>
/// <param name="Kind"><c>number</c>, <c>text</c>, <c>boolean</c>, <c>series</c>, <c>map</c> or <c>list</c>.</param>
/// <param name="Missing">Whether the value is absent (null).</param>
public sealed record PresentedResult(string Id, string Label, string Text, string Kind, bool Missing)
{
    /// <summary>For maps: one line per key, "key : value" (at most twelve, then "…"); empty otherwise.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
}
