using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;

namespace RseRules.Core.Validation;

/// <summary>Validates a document against a JSON Schema (NJsonSchema) and turns its errors into located diagnostics.</summary>
internal static partial class SchemaErrors
{
    /// <summary>
    /// Every leaf error of the validation, as diagnostics located in <paramref name="source"/>. A document
    /// <see cref="SchemaQuickCheck"/> finds valid is not validated again.
    /// </summary>
    public static IEnumerable<Diagnostic> Validate(JsonSchema schema, JsonSource source, DiagnosticCode code)
    {
        if (SchemaQuickCheck.IsValid(schema, source.Root))
        {
            return []; // the usual case, without building NJsonSchema's error tree
        }

        var errors = schema.Validate(source.Root);
        return Flatten(errors, source, code)
            .DistinctBy(d => (d.Pointer, d.Message))
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Message, StringComparer.Ordinal);
    }

    private static IEnumerable<Diagnostic> Flatten(IEnumerable<ValidationError> errors, JsonSource source, DiagnosticCode code)
    {
        foreach (var e in errors)
        {
            if (e is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                if (e.Kind == ValidationErrorKind.NotAnyOf && IsUncertainNumber(e.Schema))
                {
                    foreach (var d in UncertainNumber(child, source, code))
                    {
                        yield return d;
                    }

                    continue;
                }

                if (e.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf)
                {
                    // Branch errors say why each alternative failed: the first branch's reasons are rarely the right ones, so say it once.
                    yield return ToDiagnostic(e, source, code);
                    continue;
                }

                foreach (var inner in Flatten(child.Errors.SelectMany(x => x.Value), source, code))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return ToDiagnostic(e, source, code);
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
    private static IEnumerable<Diagnostic> UncertainNumber(ChildSchemaValidationError e, JsonSource source, DiagnosticCode code)
    {
        var pointer = JsonPointer.FromJsonPath(e.Path);
        var branches = e.Schema!.AnyOf.ToList();
        var index = 0;
        if (Resolve(source.Root, pointer) is JObject o)
        {
            var name = o.Property("distribution", StringComparison.Ordinal)?.Value;
            if (name is null)
            {
                return [source.At(pointer, code, "A number, or a distribution object with a 'distribution' member (triangular, pert or uniform), was expected.")];
            }

            var known = name.Type == JTokenType.String ? InputSchemaGenerator.DistributionNames.ToList().IndexOf(name.Value<string>()!) : -1;
            if (known < 0)
            {
                return [source.At(JsonPointer.Append(pointer, "distribution"), code, $"{Value(source, JsonPointer.Append(pointer, "distribution"))} is not a distribution: triangular, pert or uniform.")];
            }

            index = 1 + known;
        }

        return e.Errors.TryGetValue(branches[index], out var inner) ? Flatten(inner, source, code) : [ToDiagnostic(e, source, code)];
    }

    private static Diagnostic ToDiagnostic(ValidationError e, JsonSource source, DiagnosticCode code)
    {
        var pointer = JsonPointer.FromJsonPath(e.Path);
        var property = e.Property;
        string message;
        switch (e.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                var parent = pointer.Length > 0 && property is not null && pointer.EndsWith("/" + JsonPointer.Escape(property), StringComparison.Ordinal)
                    ? pointer[..^(property.Length + 1)]
                    : pointer;
                return source.At(parent, code, $"Required property '{property}' is missing.");
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                return source.AtKey(pointer, code, $"Property '{property}' is not allowed here.");
            case ValidationErrorKind.NumberTooSmall:
                message = $"{Value(source, pointer)} is below the minimum {Num(e.Schema?.ExclusiveMinimum ?? e.Schema?.Minimum)}.";
                break;
            case ValidationErrorKind.NumberTooBig:
                message = $"{Value(source, pointer)} is above the maximum {Num(e.Schema?.ExclusiveMaximum ?? e.Schema?.Maximum)}.";
                break;
            case ValidationErrorKind.NotInEnumeration:
                message = $"{Value(source, pointer)} is not one of {string.Join(", ", e.Schema?.Enumeration.Select(x => x?.ToString() ?? "null") ?? [])}.";
                break;
            case ValidationErrorKind.TooFewItems:
                message = $"At least {e.Schema?.MinItems} item(s) expected.";
                break;
            case ValidationErrorKind.TooManyItems:
                message = $"At most {e.Schema?.MaxItems} item(s) expected.";
                break;
            case ValidationErrorKind.StringTooLong:
                message = $"Text longer than {e.Schema?.MaxLength} characters.";
                break;
            case ValidationErrorKind.StringTooShort:
                message = $"Text shorter than {e.Schema?.MinLength} character(s).";
                break;
            case ValidationErrorKind.PatternMismatch:
                message = $"{Value(source, pointer)} does not match the pattern {e.Schema?.Pattern}.";
                break;
            case ValidationErrorKind.ItemsNotUnique:
                message = "Items must be unique.";
                break;
            default:
                message = $"{Humanize(e.Kind.ToString())}{(property is null || pointer.EndsWith(property, StringComparison.Ordinal) ? string.Empty : $" ('{property}')")}: found {Value(source, pointer)}.";
                break;
        }

        return source.At(pointer, code, message);
    }

    private static string Num(decimal? d) => d?.ToString("0.############", CultureInfo.InvariantCulture) ?? "?";

    private static string Value(JsonSource source, string pointer)
    {
        var token = Resolve(source.Root, pointer);
        if (token is null)
        {
            return "the value";
        }

        var text = token.Type switch
        {
            JTokenType.Object => "an object",
            JTokenType.Array => "an array",
            JTokenType.String => "\"" + token.Value<string>() + "\"",
            JTokenType.Null => "null",
            _ => token.ToString(Newtonsoft.Json.Formatting.None),
        };
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    /// <summary>The value at a pointer, or null. Walks the tree token by token: a JSONPath query would have to escape names.</summary>
    private static JToken? Resolve(JToken root, string pointer)
    {
        JToken? token = root;
        foreach (var t in JsonPointer.Parse(pointer))
        {
            token = token switch
            {
                JObject o => o.Property(t, StringComparison.Ordinal)?.Value,
                JArray a when int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (token is null)
            {
                return null;
            }
        }

        return token;
    }

    private static string Humanize(string kind)
    {
        var words = CamelCase().Replace(kind, " $1").Trim();
        return char.ToUpperInvariant(words[0]) + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CamelCase();
}
