using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using RseRules.Core.Compilation;
using RseRules.Core.Evaluation;
using RseRules.Core.Runtime;

namespace RseRules.Benchmarks.Scripting;

/// <summary>
/// The naive baseline: every indicator formula of a method compiled on its own as a Roslyn <c>CSharpScript</c>, run in
/// the engine's evaluation order against a globals object whose members are the method's inputs, parameters and
/// indicators. The globals class is generated from the method (<see cref="GlobalsSource"/>) and compiled once with
/// Roslyn. Each script is <c>T __v = &lt;formula&gt;; __v</c> with T the indicator's declared type, so that a formula
/// means what it means in the engine (checked arithmetic included). Scripts cannot be unloaded: build one per process.
/// </summary>
public sealed class ScriptedMethod
{
    private readonly IScriptGlobalsFactory factory;
    private readonly ScriptRunner<object>[] runners;
    private readonly int[] order;
    private readonly IReadOnlyDictionary<string, object?> parameters;

    private ScriptedMethod(IScriptGlobalsFactory factory, ScriptRunner<object>[] runners, int[] order, IReadOnlyDictionary<string, object?> parameters, TimeSpan setup)
    {
        this.factory = factory;
        this.runners = runners;
        this.order = order;
        this.parameters = parameters;
        SetupTime = setup;
    }

    /// <summary>How long generating and compiling the globals and every script took.</summary>
    public TimeSpan SetupTime { get; }

    /// <summary>How many scripts (one per indicator).</summary>
    public int ScriptCount => runners.Length;

    /// <summary>Compiles the globals class and one script per indicator.</summary>
    /// <param name="compiled">The engine's compiled method: its method, and its evaluation order.</param>
    /// <param name="workDir">Where the globals assembly is written (scripts reference it by path).</param>
    public static ScriptedMethod Create(CompiledMethod compiled, string workDir)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var watch = Stopwatch.StartNew();
        var method = compiled.Method;
        var source = new GlobalsSource(method);
        var globalsAssembly = CompileGlobals(source.Generate(), workDir, method.Sha256[..16]);
        var globalsType = globalsAssembly.GetType(GlobalsSource.Namespace + "." + GlobalsSource.GlobalsClass, throwOnError: true)!;
        var factoryType = globalsAssembly.GetType(GlobalsSource.Namespace + "." + GlobalsSource.FactoryClass, throwOnError: true)!;
        var factory = (IScriptGlobalsFactory)Activator.CreateInstance(factoryType)!;

        var options = ScriptOptions.Default
            .AddReferences(typeof(Fn).Assembly, globalsAssembly)
            .AddImports("System", "System.Linq", "System.Collections.Generic")
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithCheckOverflow(true)
            .WithAllowUnsafe(false);
        var runners = new ScriptRunner<object>[method.Indicators.Count];
        foreach (var i in compiled.EvaluationOrder)
        {
            var indicator = method.Indicators[i];
            var code = "using static RseRules.Core.Runtime.Fn;\n" + source.IndicatorType(indicator) + " __v =\n" + indicator.Formula + "\n;\n__v";
            var script = CSharpScript.Create<object>(code, options, globalsType);
            var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
            {
                throw new InvalidOperationException($"Script of indicator '{indicator.Id}' does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => e.ToString()))}");
            }

            runners[i] = script.CreateDelegate();
        }

        var parameters = method.Parameters.ToDictionary(p => p.Id, p => JsonValues.ToNeutral(p.Value), StringComparer.Ordinal);
        return new ScriptedMethod(factory, runners, [.. compiled.EvaluationOrder], parameters, watch.Elapsed);
    }

    /// <summary>Evaluates every indicator, each by its own script, in evaluation order; returns the globals holding them.</summary>
    public IScriptGlobals Evaluate(IReadOnlyDictionary<string, object?> inputs)
    {
        var globals = factory.Create(inputs, parameters);
        foreach (var i in order)
        {
            // A script without await completes synchronously: this reads the finished task's value.
            globals.Set(i, runners[i](globals).GetAwaiter().GetResult());
        }

        return globals;
    }

    private static Assembly CompileGlobals(string source, string workDir, string suffix)
    {
        var name = "RseRules.Benchmarks.ScriptGlobals_" + suffix + "_" + Guid.NewGuid().ToString("N")[..8];
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var references = tpa.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Fn).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(IScriptGlobals).Assembly.Location))
            .ToList();
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, checkOverflow: true));
        Directory.CreateDirectory(workDir);
        var path = Path.Combine(workDir, name + ".dll");
        var emit = compilation.Emit(path);
        if (!emit.Success)
        {
            throw new InvalidOperationException("The generated globals class does not compile:" + Environment.NewLine
                + string.Join(Environment.NewLine, emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + Environment.NewLine + source);
        }

        // Loaded from a file so that the scripts can reference it (Roslyn needs an assembly's location).
        return Assembly.LoadFrom(path);
    }
}
