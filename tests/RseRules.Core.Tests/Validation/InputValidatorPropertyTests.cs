using CsCheck;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Tests.Support;
using RseRules.Tests.Shared;

namespace RseRules.Core.Tests.Validation;

/// <summary>The norm and the all-types test method, compiled once for the input property tests.</summary>
public sealed class CompiledMethodsFixture : IDisposable
{
    public CompiledMethodsFixture()
    {
        Norm = Compile(Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0"));
        AllTypes = Compile(AllTypesFixture.MethodPath);
        Loan = Compile(Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0"));
    }

    public CompiledMethod Norm { get; }

    public CompiledMethod AllTypes { get; }

    public CompiledMethod Loan { get; }

    public void Dispose()
    {
        Norm.Dispose();
        AllTypes.Dispose();
        Loan.Dispose();
    }

    private static CompiledMethod Compile(string reference)
    {
        var result = Engine.LoadAndCompile(reference);
        result.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return result.Method.ShouldNotBeNull();
    }
}

/// <summary>
/// Random mutations of valid input documents, validated and evaluated against one compiled method each (what
/// <c>rse evaluate</c> does, through <see cref="Engine.Evaluate"/>): nothing throws; a document is either rejected with
/// located errors or evaluated; an evaluated document gives an evaluation record.
/// </summary>
public sealed class InputValidatorPropertyTests(CompiledMethodsFixture methods) : IClassFixture<CompiledMethodsFixture>, IDisposable
{
    private const int Iterations = 600;

    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Theory]
    [InlineData("example.json")]
    [InlineData("example-uncertain.json")]
    public void Evaluate_MutatedNormExample_RejectedOrEvaluatedNeverThrows(string example)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0", "examples", example));
        JsonMutator.Steps.Sample(mutations => EvaluateNeverThrows(methods.Norm, JsonMutator.Apply(text, mutations), "rse-value"),
            iter: Iterations, print: m => JsonMutator.Describe(text, m));
    }

    [Fact]
    public void Evaluate_MutatedAllTypesInputs_RejectedOrEvaluatedNeverThrows()
    {
        var text = File.ReadAllText(AllTypesFixture.InputsPath);
        JsonMutator.Steps.Sample(mutations => EvaluateNeverThrows(methods.AllTypes, JsonMutator.Apply(text, mutations), "all-types"),
            iter: Iterations, print: m => JsonMutator.Describe(text, m));
    }

    [Fact]
    public void Evaluate_MutatedLoanExample_RejectedOrEvaluatedNeverThrows()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples", "delivery-van.json"));
        JsonMutator.Steps.Sample(mutations => EvaluateNeverThrows(methods.Loan, JsonMutator.Apply(text, mutations), "loan-vs-lease"),
            iter: Iterations, print: m => JsonMutator.Describe(text, m));
    }

    [Fact]
    public void Evaluate_RegressionInputs_RejectedOrEvaluatedNeverThrows()
    {
        // Documents that once crashed the validator (found by these properties or by the fuzzer): TestData/regressions/inputs/<method>/*.json.
        var root = TestMethods.Data("regressions", "inputs");
        var byMethod = new Dictionary<string, CompiledMethod>(StringComparer.Ordinal)
        {
            ["rse-value"] = methods.Norm, ["all-types"] = methods.AllTypes, ["loan-vs-lease"] = methods.Loan,
        };
        var files = Directory.Exists(root) ? Directory.GetFiles(root, "*.json", SearchOption.AllDirectories) : [];
        foreach (var file in files)
        {
            var method = byMethod[Path.GetFileName(Path.GetDirectoryName(file)!)];
            Should.NotThrow(() => EvaluateNeverThrows(method, File.ReadAllBytes(file), "regression"), file);
        }
    }

    private void EvaluateNeverThrows(CompiledMethod method, byte[] document, string kind) =>
        JsonMutator.Keeping(document, "inputs-" + kind, () => EvaluateNeverThrows(method, document));

    private void EvaluateNeverThrows(CompiledMethod method, byte[] document)
    {
        var path = scratch.NewFile(document);

        var (result, diagnostics) = Engine.Evaluate(method, path);

        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        errors.ShouldAllBe(d => d.File != null, string.Join("\n", diagnostics));
        if (result is { Success: true })
        {
            errors.ShouldBeEmpty();
            EvaluationRecord.ToText(result).ShouldNotBeNullOrEmpty();
        }
        else
        {
            errors.ShouldNotBeEmpty("a document that is not evaluated must be rejected with an error");
        }

        File.Delete(path);
    }
}
