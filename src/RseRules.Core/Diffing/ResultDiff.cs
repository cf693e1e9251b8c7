using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;

namespace RseRules.Core.Diffing;

/// <summary>
/// The effect of a method change on one input document: every result of either evaluation, old and new value and the
/// change. Numbers are equal within an absolute <see cref="Tolerance"/>; series and maps of numbers are compared
/// element by element; other values (texts, booleans, lists, localized texts) are equal or not. Order: the new
/// method's results, then those only the old one exposes. The findings are compared too (<see cref="Findings"/>).
/// </summary>
public sealed record ResultDiff
{
    /// <summary>The absolute tolerance under which two numbers count as unchanged.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>SHA-256 of the canonical JSON of the input document both methods evaluated.</summary>
    public required string InputsSha256 { get; init; }

    /// <summary>Every result, in order.</summary>
    public required IReadOnlyList<ResultChange> Changes { get; init; }

    /// <summary>Every finding either evaluation raised, matched by code and item (see <see cref="FindingChange.CompareAll"/>).</summary>
    public IReadOnlyList<FindingChange> Findings { get; init; } = [];

    /// <summary>Whether any result or finding differs.</summary>
    public bool HasChanges => Changes.Any(c => c.Kind != ResultChangeKind.Unchanged) || Findings.Any(f => f.Kind != ResultChangeKind.Unchanged);

    /// <summary>Compares the results of two successful evaluations of the same document.</summary>
    public static ResultDiff Compare(EvaluationResult a, EvaluationResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new ResultDiff { InputsSha256 = b.Inputs.Sha256, Changes = CompareValues(a.Results, b.Results), Findings = FindingChange.CompareAll(a.Findings, b.Findings) };
    }

    /// <summary>Compares two lists of results (id, value), as <see cref="EvaluationResult.Results"/> holds them.</summary>
    public static IReadOnlyList<ResultChange> CompareValues(IReadOnlyList<KeyValuePair<string, object?>> a, IReadOnlyList<KeyValuePair<string, object?>> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var old = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (id, value) in a)
        {
            old.TryAdd(id, value);
        }

        var changes = new List<ResultChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, value) in b)
        {
            if (seen.Add(id))
            {
                changes.Add(old.TryGetValue(id, out var previous)
                    ? Compare(id, previous, value)
                    : new ResultChange(id, ResultChangeKind.Added, null, value, null, null, null));
            }
        }

        foreach (var (id, value) in a)
        {
            if (seen.Add(id))
            {
                changes.Add(new ResultChange(id, ResultChangeKind.Removed, value, null, null, null, null));
            }
        }

        return changes;
    }

    private static ResultChange Compare(string id, object? a, object? b)
    {
        var x = JsonValues.ToJson(a);
        var y = JsonValues.ToJson(b);
        if (IsNumber(x) && IsNumber(y))
        {
            var (kind, difference, relative) = Numbers(x.Value<double>(), y.Value<double>());
            return new ResultChange(id, kind, a, b, difference, relative, null);
        }

        if (NumberElements(x) is { } oldElements && NumberElements(y) is { } newElements)
        {
            var elements = Elements(oldElements, newElements);
            var changed = elements.Any(e => e.Kind != ResultChangeKind.Unchanged);
            return new ResultChange(id, changed ? ResultChangeKind.Changed : ResultChangeKind.Unchanged, a, b, null, null, elements);
        }

        return new ResultChange(id, Same(x, y) ? ResultChangeKind.Unchanged : ResultChangeKind.Changed, a, b, null, null, null);
    }

    private static (ResultChangeKind Kind, double Difference, double? Relative) Numbers(double a, double b)
    {
        var difference = Subtract(b, a);
        var kind = Math.Abs(b - a) <= Tolerance ? ResultChangeKind.Unchanged : ResultChangeKind.Changed;
        return (kind, difference, a == 0 ? null : difference / Math.Abs(a));
    }

    /// <summary>
    /// b − a, in decimal arithmetic when both are of a size decimals hold exactly enough (so that 0.3 − 0.1 is 0.2, not
    /// 0.19999999999999998), else in double.
    /// </summary>
    private static double Subtract(double b, double a)
    {
        static bool Fits(double v) => v == 0 || (Math.Abs(v) >= 1e-6 && Math.Abs(v) <= 1e15);
        return Fits(a) && Fits(b) ? (double)((decimal)b - (decimal)a) : b - a;
    }

    private static List<ElementChange> Elements(List<(string Key, double? Value)> a, List<(string Key, double? Value)> b)
    {
        var old = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (key, value) in a)
        {
            old.TryAdd(key, value);
        }

        var elements = new List<ElementChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in b)
        {
            if (!seen.Add(key))
            {
                continue;
            }

            if (!old.TryGetValue(key, out var previous))
            {
                elements.Add(new ElementChange(key, ResultChangeKind.Added, null, value, null, null));
            }
            else if (previous is { } x && value is { } y)
            {
                var (kind, difference, relative) = Numbers(x, y);
                elements.Add(new ElementChange(key, kind, x, y, difference, relative));
            }
            else
            {
                var kind = previous is null && value is null ? ResultChangeKind.Unchanged : ResultChangeKind.Changed;
                elements.Add(new ElementChange(key, kind, previous, value, null, null));
            }
        }

        foreach (var (key, value) in a)
        {
            if (seen.Add(key))
            {
                elements.Add(new ElementChange(key, ResultChangeKind.Removed, value, null, null, null));
            }
        }

        return elements;
    }

    private static bool IsNumber(JToken t) => t.Type is JTokenType.Integer or JTokenType.Float;

    /// <summary>The elements of an array or object whose values are all numbers or null, keyed by index or name; else null.</summary>
    private static List<(string Key, double? Value)>? NumberElements(JToken t)
    {
        IEnumerable<(string Key, JToken Value)> items = t switch
        {
            JArray array => array.Select((v, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), v)),
            JObject o => o.Properties().Select(p => (p.Name, p.Value)),
            _ => [],
        };
        if (t is not (JArray or JObject))
        {
            return null;
        }

        var list = new List<(string Key, double? Value)>();
        foreach (var (key, value) in items)
        {
            if (IsNumber(value))
            {
                list.Add((key, value.Value<double>()));
            }
            else if (value.Type == JTokenType.Null)
            {
                list.Add((key, null));
            }
            else
            {
                return null;
            }
        }

        return list;
    }

    /// <summary>Deep equality, numbers within the tolerance.</summary>
    private static bool Same(JToken a, JToken b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return Math.Abs(a.Value<double>() - b.Value<double>()) <= Tolerance;
        }

        return (a, b) switch
        {
            (JArray x, JArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
            (JObject x, JObject y) => x.Count == y.Count && x.Properties().All(p => y.TryGetValue(p.Name, out var v) && Same(p.Value, v)),
            _ => JToken.DeepEquals(a, b),
        };
    }
}
