using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;

namespace RseRules.Core.Validation;

/// <summary>
/// Validates a document against a JSON Schema (NJsonSchema) and turns its errors into located diagnostics, in the
/// language of an <see cref="InputMessages"/> catalogue, with what guides a writer to the fix: the declared names closest
/// to an unknown property or enum value ("did you mean …?", see <see cref="Suggestions"/>) — the "required property is
/// missing" error of the name suggested is then dropped, one typo being one error —, a percentage written as a whole
/// number where the bounds are those of a fraction, a number written as a text (<c>"0,07"</c>), a scale level written as its label.
/// </summary>
internal static class SchemaErrors
{
    /// <summary>
    /// Every leaf error of the validation, as diagnostics located in <paramref name="source"/>. A document
    /// <see cref="SchemaQuickCheck"/> finds valid is not validated again.
    /// </summary>
    public static IEnumerable<Diagnostic> Validate(JsonSchema schema, JsonSource source, DiagnosticCode code, InputMessages? messages = null) =>
        Validate(schema, source, code, messages, null);

    /// <summary>
    /// As <see cref="Validate(JsonSchema, JsonSource, DiagnosticCode, InputMessages?)"/>, and adds to <paramref name="refused"/>
    /// the pointer of every value the schema refused (a required property's absence or an undeclared property's presence
    /// refuses no value: the object itself may still be read).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(JsonSchema schema, JsonSource source, DiagnosticCode code, InputMessages? messages, ISet<string>? refused)
    {
        if (SchemaQuickCheck.IsValid(schema, source.Root))
        {
            return []; // the usual case, without building NJsonSchema's error tree
        }

        var errors = schema.Validate(source.Root);
        var context = new Context(source, code, messages ?? InputMessages.English);
        var found = Flatten(errors, context).ToList();
        refused?.UnionWith(context.Refused);
        return found
            .ToList()
            // A required property is not "missing" from a value of the wrong type (not an object), nor when a misspelt name
            // stands for it: either way another error of the same object remains, so the document is still refused.
            .Where(f => f.Missing is not { } missing || (!context.Suggested.Contains(missing) && !context.WrongType.Contains(missing.Parent)))
            .Select(f => f.Diagnostic)
            .DistinctBy(d => (d.Pointer, d.Message))
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What one validation needs, and the (object pointer, property) pairs an unknown property was taken for.</summary>
    private sealed class Context(JsonSource source, DiagnosticCode code, InputMessages messages)
    {
        public JsonSource Source { get; } = source;

        public DiagnosticCode Code { get; } = code;

        public InputMessages M { get; } = messages;

        public HashSet<(string Parent, string Name)> Suggested { get; } = [];

        public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

        /// <summary>Pointers of values reported as being of the wrong type (a number for an object, …).</summary>
        public HashSet<string> WrongType { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A diagnostic; for a missing required property, which one.</summary>
    private readonly record struct Found(Diagnostic Diagnostic, (string Parent, string Name)? Missing = null);

    private static IEnumerable<Found> Flatten(IEnumerable<ValidationError> errors, Context c)
    {
        foreach (var e in errors)
        {
            if (e is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                if (e.Kind == ValidationErrorKind.NotAnyOf && IsUncertainNumber(e.Schema))
                {
                    foreach (var d in UncertainNumber(child, c))
                    {
                        yield return d;
                    }

                    continue;
                }

                if (e.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf)
                {
                    // Branch errors say why each alternative failed: the first branch's reasons are rarely the right ones, so say it once.
                    yield return ToDiagnostic(e, c);
                    continue;
                }

                foreach (var inner in Flatten(child.Errors.SelectMany(x => x.Value), c))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return ToDiagnostic(e, c);
            }
        }
    }

    /// <summary>Whether a schema is a number that may be given as a distribution (see <see cref="InputSchemaGenerator"/>).</summary>
    private static bool IsUncertainNumber(JsonSchema? schema) =>
        schema is not null && schema.AnyOf.Count == 1 + InputSchemaGenerator.DistributionNames.Count
        && schema.AnyOf.Skip(1).All(b => b.Properties.ContainsKey("distribution"));

    /// <summary>
    /// A value that is neither a valid number nor a valid distribution: the errors of the branch it was meant for — the
    /// number's when it is not an object, else the named distribution's — instead of every branch's.
    /// </summary>
    private static IEnumerable<Found> UncertainNumber(ChildSchemaValidationError e, Context c)
    {
        var source = c.Source;
        var pointer = JsonPointer.FromJsonPath(e.Path);
        var branches = e.Schema!.AnyOf.ToList();
        var index = 0;
        if (Resolve(source.Root, pointer) is JObject o)
        {
            var name = o.Property("distribution", StringComparison.Ordinal)?.Value;
            if (name is null)
            {
                c.Refused.Add(pointer);
                return [new Found(source.At(pointer, c.Code, c.M.DistributionExpected))];
            }

            var known = name.Type == JTokenType.String ? InputSchemaGenerator.DistributionNames.ToList().IndexOf(name.Value<string>()!) : -1;
            if (known < 0)
            {
                c.Refused.Add(pointer);
                var at = JsonPointer.Append(pointer, "distribution");
                var suggestions = name.Type == JTokenType.String ? Suggestions.Closest(name.Value<string>(), InputSchemaGenerator.DistributionNames) : [];
                return [new Found(source.At(at, c.Code, c.M.NotADistribution(Value(c, at), suggestions)))];
            }

            index = 1 + known;
        }

        return e.Errors.TryGetValue(branches[index], out var inner) ? Flatten(inner, c) : [ToDiagnostic(e, c)];
    }

    private static Found ToDiagnostic(ValidationError e, Context c)
    {
        var source = c.Source;
        var m = c.M;
        var pointer = JsonPointer.FromJsonPath(e.Path);
        var property = e.Property;
        string message;
        switch (e.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                var parent = pointer.Length > 0 && property is not null && pointer.EndsWith("/" + JsonPointer.Escape(property), StringComparison.Ordinal)
                    ? pointer[..^(JsonPointer.Escape(property).Length + 1)]
                    : pointer;
                return new Found(source.At(parent, c.Code, m.RequiredMissing(property ?? "?")), property is null ? null : (parent, property));
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                c.Refused.Add(pointer);
                return new Found(source.AtKey(pointer, c.Code, m.NotAllowed(property ?? "?", SuggestProperty(e, c, pointer, property))));
            case ValidationErrorKind.NumberTooSmall:
            case ValidationErrorKind.NumberTooBig:
                var (fraction, percent) = FractionHint(e.Schema, Resolve(source.Root, pointer));
                message = e.Kind == ValidationErrorKind.NumberTooSmall
                    ? m.BelowMinimum(Value(c, pointer), Num(e.Schema?.ExclusiveMinimum ?? e.Schema?.Minimum), fraction, percent)
                    : m.AboveMaximum(Value(c, pointer), Num(e.Schema?.ExclusiveMaximum ?? e.Schema?.Maximum), fraction, percent);
                break;
            case ValidationErrorKind.NotInEnumeration:
                var allowed = e.Schema?.Enumeration.Select(x => x?.ToString() ?? "null").ToList() ?? [];
                var token = Resolve(source.Root, pointer);
                message = m.NotOneOf(Value(c, pointer), allowed, token?.Type == JTokenType.String ? Suggestions.Closest(token.Value<string>(), allowed) : []);
                break;
            case ValidationErrorKind.TooFewItems:
                message = m.AtLeastItems(e.Schema?.MinItems ?? 0);
                break;
            case ValidationErrorKind.TooManyItems:
                message = m.AtMostItems(e.Schema?.MaxItems ?? 0);
                break;
            case ValidationErrorKind.StringTooLong:
                message = m.TextTooLong(e.Schema?.MaxLength ?? 0);
                break;
            case ValidationErrorKind.StringTooShort:
                message = m.TextTooShort(e.Schema?.MinLength ?? 0);
                break;
            case ValidationErrorKind.PatternMismatch:
                message = m.PatternMismatch(Value(c, pointer), e.Schema?.Pattern);
                break;
            case ValidationErrorKind.ItemsNotUnique:
                message = m.ItemsNotUnique;
                break;
            case ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected:
                c.WrongType.Add(pointer);
                message = NumberExpected(e, c, pointer);
                break;
            case ValidationErrorKind.StringExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected
                or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected:
                c.WrongType.Add(pointer);
                message = m.WrongType(e.Kind.ToString(), Value(c, pointer));
                break;
            default:
                message = m.Other(e.Kind.ToString(), property is null || pointer.EndsWith(property, StringComparison.Ordinal) ? null : property, Value(c, pointer));
                break;
        }

        c.Refused.Add(pointer);
        return new Found(source.At(pointer, c.Code, message));
    }

    /// <summary>The declared properties closest to an unknown one, among those the object does not have; remembered when only one.</summary>
    private static IReadOnlyList<string> SuggestProperty(ValidationError e, Context c, string pointer, string? property)
    {
        var tokens = JsonPointer.Parse(pointer);
        if (property is null || tokens.Count == 0)
        {
            return [];
        }

        var parent = string.Concat(tokens.Take(tokens.Count - 1).Select(t => "/" + JsonPointer.Escape(t)));
        var present = Resolve(c.Source.Root, parent) as JObject;
        var declared = e.Schema?.ActualSchema.Properties.Keys ?? (IEnumerable<string>)[];
        var suggestions = Suggestions.Closest(property, declared.Where(k => present?.ContainsKey(k) != true));
        if (suggestions.Count == 1)
        {
            c.Suggested.Add((parent, suggestions[0]));
        }

        return suggestions;
    }

    /// <summary>
    /// For a number out of bounds that are those of a fraction (maximum at most 1), whose hundredth is within them: that
    /// hundredth in JSON notation, and the value read as a percentage.
    /// </summary>
    private static (string? Fraction, double Percent) FractionHint(JsonSchema? schema, JToken? token)
    {
        if (schema is null || token is not JValue { Type: JTokenType.Integer or JTokenType.Float } value || schema.Maximum is not { } max || max > 1)
        {
            return (null, 0);
        }

        decimal v;
        try
        {
            v = value.Value<decimal>();
        }
        catch (OverflowException)
        {
            return (null, 0);
        }

        var hundredth = v / 100;
        var fits = (schema.ExclusiveMaximum is { } xmax ? hundredth < xmax : hundredth <= max)
            && (schema.ExclusiveMinimum is { } xmin ? hundredth > xmin : schema.Minimum is not { } min || hundredth >= min);
        return fits ? (Json(hundredth), (double)v) : (null, 0);
    }

    /// <summary>
    /// A number or integer expected: for a text that reads as a number — with a decimal point or comma, spaces between
    /// thousands, a trailing percent sign — what to write instead; for a scale (integer with levels) written as the label
    /// of a level, the level; else "Number expected: found …".
    /// </summary>
    private static string NumberExpected(ValidationError e, Context c, string pointer)
    {
        var integer = e.Kind == ValidationErrorKind.IntegerExpected;
        if (Resolve(c.Source.Root, pointer) is JValue { Type: JTokenType.String } text && text.Value<string>() is { } written)
        {
            if (ParseLoose(written) is { } number && (!integer || decimal.Truncate(number) == number))
            {
                return c.M.NumberAsText(integer, Json(number));
            }

            if (integer && Levels(e.Schema) is { Count: > 0 } levels)
            {
                var labels = levels.SelectMany(l => new[] { (l.Label, l.Level), (l.Other, l.Level) }).ToList();
                var exact = labels.FirstOrDefault(l => string.Equals(l.Item1, written.Trim(), StringComparison.OrdinalIgnoreCase));
                long? level = exact.Item1 is not null ? exact.Level : null;
                if (level is null && Suggestions.Closest(written.Trim(), labels.Select(l => l.Item1)) is [var closest])
                {
                    level = labels.First(l => l.Item1 == closest).Level;
                }

                return c.M.ScaleLevelExpected(Value(c, pointer), string.Join(", ", levels.Select(l => $"{l.Level.ToString(CultureInfo.InvariantCulture)} = {(c.M.Language == "fr" ? l.Label : l.Other)}")), level);
            }
        }

        return c.M.WrongType(e.Kind.ToString(), Value(c, pointer));
    }

    /// <summary>
    /// A number as a person may write it in a text: invariant (<c>0.07</c>, <c>1e3</c>) or French (<c>0,07</c>,
    /// <c>1 234,5</c> with spaces or no-break spaces between thousands), possibly followed by <c>%</c> (then divided by 100).
    /// </summary>
    internal static decimal? ParseLoose(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length == 0 || t.Length > 40)
        {
            return null;
        }

        var percent = t.EndsWith('%');
        if (percent)
        {
            t = t[..^1].TrimEnd();
        }

        decimal value;
        if (!decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            var french = new string([.. t.Where(ch => ch is not (' ' or '\u00A0' or '\u202F'))]);
            if (french.Contains('.', StringComparison.Ordinal)
                || !decimal.TryParse(french, NumberStyles.Float, Cultures.French, out value))
            {
                return null;
            }
        }

        return percent ? value / 100 : value;
    }

    /// <summary>A decimal in JSON notation, without trailing zeros.</summary>
    private static string Json(decimal d) => d.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>The levels of a scale, read from the description <see cref="InputSchemaGenerator"/> writes ("1 = Faible / Low; 2 = …").</summary>
    private static List<(long Level, string Label, string Other)>? Levels(JsonSchema? schema)
    {
        if (schema?.Description is not { Length: > 0 } description)
        {
            return null;
        }

        var levels = new List<(long, string, string)>();
        foreach (var part in description.Split("; "))
        {
            var eq = part.IndexOf(" = ", StringComparison.Ordinal);
            var slash = part.IndexOf(" / ", StringComparison.Ordinal);
            if (eq <= 0 || slash < eq || !long.TryParse(part.AsSpan(0, eq), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var level))
            {
                return null;
            }

            levels.Add((level, part[(eq + 3)..slash], part[(slash + 3)..]));
        }

        return levels;
    }

    private static string Num(decimal? d) => d?.ToString("0.############", CultureInfo.InvariantCulture) ?? "?";

    private static string Value(Context c, string pointer)
    {
        var token = Resolve(c.Source.Root, pointer);
        if (token is null)
        {
            return c.M.TheValue;
        }

        var text = token.Type switch
        {
            JTokenType.Object => c.M.AnObject,
            JTokenType.Array => c.M.AnArray,
            JTokenType.String => "\"" + token.Value<string>() + "\"",
            JTokenType.Null => "null",
            _ => token.ToString(Newtonsoft.Json.Formatting.None),
        };
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    /// <summary>The value at a pointer, or null. Walks the tree token by token: a JSONPath query would have to escape names.</summary>
    private static JToken? Resolve(JToken root, string pointer) => JsonPointer.Resolve(root, pointer);
}
