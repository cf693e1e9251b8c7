using BenchmarkDotNet.Attributes;
using RseRules.Benchmarks.HandWritten;
using RseRules.Benchmarks.Scripting;
using RseRules.Benchmarks.Support;
using RseRules.Core.Compilation;
using RseRules.Core.Evaluation;
using RseRules.Core.Runtime;
using RseRules.Core.Validation;

namespace RseRules.Benchmarks;

/// <summary>
/// One evaluation of the norm on the shipped example, three ways, in one run: hand-written C# (the baseline), the
/// engine's compiled method, and one Roslyn script per formula. Setup compiles once and checks that the hand-written
/// norm and the scripts compute what the engine computes (every indicator to 1e-9, findings exactly); a mismatch
/// fails the benchmark instead of reporting a flattering number. Each setup then runs its workload until the JIT is
/// quiet (<see cref="JitSettle"/>).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class NormEvaluationBenchmarks
{
    private CompiledMethod compiled = null!;
    private InputDocument inputs = null!;
    private NormDocument document = null!;
    private ScriptedMethod scripted = null!;
    private string? scriptDir;
    private BoundInputs bound = null!;
    private readonly List<RuleHit> hits = [];

    [GlobalSetup(Target = nameof(HandWritten))]
    public void SetupHandWritten()
    {
        Setup();
        JitSettle.Run("hand-written", () => HandWritten());
    }

    [GlobalSetup(Target = nameof(Engine))]
    public void SetupEngine()
    {
        Setup();
        JitSettle.Run("engine", () => Engine());
    }

    [GlobalSetup(Target = nameof(EngineNewDocument))]
    public void SetupEngineNewDocument()
    {
        Setup();
        JitSettle.Run("engine, new document", () => EngineNewDocument());
    }

    [GlobalSetup(Target = nameof(EngineModelOnly))]
    public void SetupEngineModelOnly()
    {
        Setup();
        JitSettle.Run("engine model", () => EngineModelOnly());
    }

    [GlobalSetup(Target = nameof(Scripting))]
    public void SetupScripting()
    {
        Setup();
        scriptDir = Path.Combine(Path.GetTempPath(), "rse-bench-scripts-" + Environment.ProcessId);
        scripted = ScriptedMethod.Create(compiled, scriptDir);
        Console.WriteLine($"// Scripting setup: {scripted.ScriptCount} scripts compiled in {scripted.SetupTime.TotalSeconds:F1} s");
        SelfCheck.Require("The per-formula scripts", SelfCheck.Scripted(Evaluator.Evaluate(compiled, inputs), scripted.Evaluate(inputs.Values)));
        JitSettle.Run("scripts", () => Scripting());
    }

    private void Setup()
    {
        var method = Norm.LoadMethod();
        compiled = Norm.Compile(method);
        inputs = Norm.LoadInputs(method, Norm.ExamplePath);
        document = NormDocument.Parse(File.ReadAllText(Norm.ExamplePath));
        bound = compiled.Bind(inputs);
        var engine = Evaluator.Evaluate(compiled, inputs);
        SelfCheck.Require("The hand-written norm", SelfCheck.HandWritten(engine, RseValueNorm.Evaluate(document)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        compiled?.Dispose();
        if (scriptDir is not null)
        {
            try
            {
                Directory.Delete(scriptDir, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; harmless.
            }
        }
    }

    /// <summary>Every result and finding of the norm, from the document deserialized once into plain objects.</summary>
    [Benchmark(Baseline = true, Description = "Hand-written C#")]
    public NormResults HandWritten() => RseValueNorm.Evaluate(document);

    /// <summary>The engine: input checks, every indicator in order, findings, results (rounded) and trace, on a document
    /// whose inputs it bound at its first evaluation (in setup).</summary>
    [Benchmark(Description = "Engine (compiled method)")]
    public EvaluationResult Engine() => Evaluator.Evaluate(compiled, inputs);

    /// <summary>
    /// The engine on a document it has not seen: a copy of the document with a copy of its values dictionary (a shallow
    /// copy of 14 entries, part of the measure), so its inputs are bound (converted into the typed objects formulas read)
    /// before the evaluation, as at the first evaluation of every document of a batch. <see cref="Engine"/> binds once
    /// per document and reuses it.
    /// </summary>
    [Benchmark(Description = "Engine, a new document each call (binds it)")]
    public EvaluationResult EngineNewDocument() => Evaluator.Evaluate(compiled, inputs with { Values = new Dictionary<string, object?>(inputs.Values) });

    /// <summary>
    /// Diagnostic row, not one of the three compared: the compiled method's model through the public API on bound inputs
    /// — compute every indicator in order, evaluate every rule — without the evaluation record (results rounded, trace,
    /// findings as records, culture and budget scope) that <see cref="Evaluator.Evaluate"/> also builds.
    /// </summary>
    [Benchmark(Description = "Engine: model + indicators + rules only")]
    public CompiledModel EngineModelOnly() => EngineModel.Run(compiled, bound, hits);

    /// <summary>One CSharpScript delegate per indicator, in evaluation order (indicators only: no rules, results or trace).</summary>
    [Benchmark(Description = "CSharpScript per formula")]
    public IScriptGlobals Scripting() => scripted.Evaluate(inputs.Values);
}
