using RseRules.Core.Compilation;
using RseRules.Core.Tests.Support;
using RseRules.Core.Validation;

namespace RseRules.Core.Tests.Uncertainty;

/// <summary>Small methods and documents for the uncertainty tests, written inline so that every figure is checkable by hand.</summary>
internal static class UncertainMethods
{
    /// <summary>Inputs x (number ≥ 0), y (number), n (integer), results x, y, n, r = 3x + y, and a text result band of n.</summary>
    public static CompiledMethod Linear() => TestMethods.Compiled(TestMethods.Method(
        inputs: """
            [ { "id": "x", "type": "number", "min": 0, "label": { "fr": "x", "en": "x" } },
              { "id": "y", "type": "number", "label": { "fr": "y", "en": "y" } },
              { "id": "n", "type": "integer", "min": 0, "max": 100, "required": false, "default": 2, "label": { "fr": "n", "en": "n" } } ]
            """,
        indicators: "[" + string.Join(", ",
            TestMethods.Indicator("r", "number", TestMethods.Quote("3 * x + y")),
            TestMethods.Indicator("band", "text", TestMethods.Quote("n == 1 ? \"one\" : n == 2 ? \"two\" : \"three or more\""))) + "]",
        rules: """[ { "id": "X_TOO_BIG", "severity": "error", "at": "/x", "when": "x > 6", "message": { "fr": "x > 6", "en": "x > 6" } } ]""",
        results: """["x", "y", "n", "r", "band"]"""));

    /// <summary>A document of <see cref="Linear"/>, which must be valid.</summary>
    public static InputDocument Document(CompiledMethod method, string json)
    {
        var loaded = InputValidator.Validate(method.Method, TestMethods.Json(json, "inputs.json"));
        loaded.Diagnostics.Where(d => d.Severity == RseRules.Core.Diagnostics.Severity.Error).ShouldBeEmpty(string.Join("\n", loaded.Diagnostics));
        return loaded.Value.ShouldNotBeNull();
    }
}
