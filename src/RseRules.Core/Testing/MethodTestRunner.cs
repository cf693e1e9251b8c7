using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Validation;

namespace RseRules.Core.Testing;

/// <summary>
/// Runs a method's test cases (<c>tests/*.json</c> beside <c>method.json</c>): each gives inputs and the results,
/// findings or input errors expected, numbers compared within a tolerance. See methods/README.md, "Test cases".
/// </summary>
public static class MethodTestRunner
{
    /// <summary>Tolerance used when a case gives none.</summary>
    public const double DefaultTolerance = 1e-6;

    private static readonly Lazy<JsonSchema> TestCaseSchema = new(() => MethodLoader.LoadEmbeddedSchema("RseRules.Core.test-case.schema.json"));

    /// <summary>The test files of a method, in name order.</summary>
    public static IReadOnlyList<string> FindCases(CompiledMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var dir = Path.Combine(Path.GetDirectoryName(method.Method.Source.Path) ?? ".", "tests");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
    }

    /// <summary>Runs one test file.</summary>
    public static TestCaseResult Run(CompiledMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = Path.GetFileNameWithoutExtension(path);
        var failures = new List<string>();
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Load(path, diagnostics);
        if (source is not null)
        {
            diagnostics.AddRange(SchemaErrors.Validate(TestCaseSchema.Value, source, DiagnosticCode.InvalidTestCase));
        }

        if (source is null || diagnostics.Count > 0)
        {
            return new TestCaseResult(name, null, diagnostics.Select(d => d.ToString()).ToArray());
        }

        var test = (JObject)source.Root;
        var description = test["description"]?.Value<string>();
        var tolerance = test["tolerance"]?.Value<double>() ?? DefaultTolerance;

        // Inputs: a file relative to the test, or inline.
        JsonSource? inputSource;
        var inputDiagnostics = new List<Diagnostic>();
        if (test["inputs"] is JValue { Type: JTokenType.String } file)
        {
            var inputPath = Path.Combine(Path.GetDirectoryName(path) ?? ".", file.Value<string>()!);
            inputSource = JsonSource.Load(inputPath, inputDiagnostics, Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(inputPath)));
        }
        else
        {
            inputSource = JsonSource.Parse(CanonicalJson.WriteIndented(test["inputs"]!), path + "#/inputs", inputDiagnostics);
        }

        EvaluationResult? result = null;
        if (inputSource is not null)
        {
            var inputs = InputValidator.Validate(method.Method, inputSource, inputDiagnostics);
            if (inputs.Value is not null)
            {
                result = Evaluator.Evaluate(method, inputs.Value);
                inputDiagnostics.AddRange(result.Diagnostics);
            }
        }

        var expectedErrors = test["expectedErrors"] as JArray;
        if (expectedErrors is not null)
        {
            foreach (var e in expectedErrors.OfType<JObject>())
            {
                var code = e["code"]!.Value<string>();
                var pointer = e["pointer"]?.Value<string>();
                if (!inputDiagnostics.Any(d => d.Severity == Severity.Error && d.CodeText == code && (pointer is null || d.Pointer == pointer)))
                {
                    failures.Add($"expected error {code}{(pointer is null ? string.Empty : " at " + (pointer.Length == 0 ? "/" : pointer))}, got: "
                        + (inputDiagnostics.Count == 0 ? "none" : string.Join("; ", inputDiagnostics.Select(d => $"{d.CodeText} at {d.Pointer}: {d.Message}"))));
                }
            }
        }
        else if (Engine.HasErrors(inputDiagnostics))
        {
            failures.AddRange(inputDiagnostics.Where(d => d.Severity == Severity.Error).Select(d => "unexpected error: " + d));
        }

        if (result is { Success: true })
        {
            var actual = new JObject(result.Results.Select(kv => new JProperty(kv.Key, JsonValues.ToJson(kv.Value))));
            if (test["expected"] is JObject expected)
            {
                foreach (var p in expected.Properties())
                {
                    if (actual[p.Name] is not { } value)
                    {
                        failures.Add($"{p.Name}: not a result of {method.Method.Reference}");
                        continue;
                    }

                    Compare(p.Value, value, tolerance, p.Name, failures);
                }
            }

            if (test["expectedFindings"] is JArray findings)
            {
                foreach (var f in findings.Select(x => x.Value<string>()))
                {
                    if (!result.Findings.Any(x => x.Code == f))
                    {
                        failures.Add($"expected finding {f}, raised: {(result.Findings.Count == 0 ? "none" : string.Join(", ", result.Findings.Select(x => x.Code).Distinct()))}");
                    }
                }
            }
        }

        return new TestCaseResult(name, description, failures);
    }

    /// <summary>
    /// Compares an expected value with an actual one. An expected object whose only members are <c>value</c> and a
    /// number <c>tolerance</c> is a value with its own tolerance. Numbers match within the tolerance; arrays match
    /// element by element; objects need the same members, except inside <c>{ "$partial": { … } }</c>, which compares
    /// only the members it lists (of a map or a record result, or of one item of a list of records).
    /// </summary>
    /// <summary>The member of an expected object that asks to compare only the members it lists.</summary>
    internal const string PartialMember = "$partial";

    internal static void Compare(JToken expected, JToken actual, double tolerance, string path, List<string> failures)
    {
        if (expected is JObject partial && partial.Count == 1 && partial[PartialMember] is JObject listed)
        {
            if (actual is not JObject actualMembers)
            {
                failures.Add($"{path}: expected an object with {string.Join(", ", listed.Properties().Select(p => p.Name))}, got {actual.ToString(Newtonsoft.Json.Formatting.None)}");
                return;
            }

            foreach (var p in listed.Properties())
            {
                if (actualMembers[p.Name] is { } v)
                {
                    Compare(p.Value, v, tolerance, $"{path}.{p.Name}", failures);
                }
                else
                {
                    failures.Add($"{path}.{p.Name}: expected {p.Value.ToString(Newtonsoft.Json.Formatting.None)}, missing");
                }
            }

            return;
        }

        if (expected is JObject wrapper && wrapper.ContainsKey("value") && wrapper.Properties().All(p => p.Name is "value" or "tolerance")
            && wrapper["tolerance"]?.Type is null or JTokenType.Integer or JTokenType.Float)
        {
            Compare(wrapper["value"]!, actual, wrapper["tolerance"]?.Value<double>() ?? tolerance, path, failures);
            return;
        }

        switch (expected.Type)
        {
            case JTokenType.Integer or JTokenType.Float when actual.Type is JTokenType.Integer or JTokenType.Float:
                var e = expected.Value<double>();
                var a = actual.Value<double>();
                if (Math.Abs(e - a) > tolerance)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: expected {e:R}, got {a:R} (difference {a - e:R}, tolerance {tolerance:R})"));
                }

                return;
            case JTokenType.Array when actual is JArray actualArray:
                var expectedArray = (JArray)expected;
                if (expectedArray.Count != actualArray.Count)
                {
                    failures.Add($"{path}: expected {expectedArray.Count} element(s), got {actualArray.Count}: {actual.ToString(Newtonsoft.Json.Formatting.None)}");
                    return;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], tolerance, $"{path}[{i}]", failures);
                }

                return;
            case JTokenType.Object when actual is JObject actualObject:
                var expectedObject = (JObject)expected;
                foreach (var missing in actualObject.Properties().Select(p => p.Name).Except(expectedObject.Properties().Select(p => p.Name)))
                {
                    failures.Add($"{path}.{missing}: not expected, got {actualObject[missing]!.ToString(Newtonsoft.Json.Formatting.None)}");
                }

                foreach (var p in expectedObject.Properties())
                {
                    if (actualObject[p.Name] is { } v)
                    {
                        Compare(p.Value, v, tolerance, $"{path}.{p.Name}", failures);
                    }
                    else
                    {
                        failures.Add($"{path}.{p.Name}: expected {p.Value.ToString(Newtonsoft.Json.Formatting.None)}, missing");
                    }
                }

                return;
            default:
                if (!JToken.DeepEquals(expected, actual))
                {
                    failures.Add($"{path}: expected {expected.ToString(Newtonsoft.Json.Formatting.None)}, got {actual.ToString(Newtonsoft.Json.Formatting.None)}");
                }

                return;
        }
    }
}
