using System.Runtime.Loader;
using RseRules.Core.Model;
using RseRules.Core.Runtime;

namespace RseRules.Core.Compilation;

/// <summary>
/// A method whose formulas are compiled into one assembly, loaded in a collectible load context. Immutable and
/// thread-safe: each evaluation creates its own <see cref="CompiledModel"/>. Dispose to unload the assembly.
/// </summary>
public sealed class CompiledMethod : IDisposable
{
    private readonly AssemblyLoadContext context;
    private readonly CompiledModelFactory factory;

    internal CompiledMethod(
        MethodDefinition method,
        AssemblyLoadContext context,
        CompiledModelFactory factory,
        IReadOnlyList<int> order,
        IReadOnlyList<IReadOnlyList<string>> reads,
        string generatedSource)
    {
        Method = method;
        this.context = context;
        this.factory = factory;
        EvaluationOrder = order;
        Reads = reads;
        GeneratedSource = generatedSource;
    }

    /// <summary>The method.</summary>
    public MethodDefinition Method { get; }

    /// <summary>Indicator indexes in the order they are computed (dependencies first, then declaration order).</summary>
    public IReadOnlyList<int> EvaluationOrder { get; }

    /// <summary>For each indicator (declaration order): the inputs, parameters and indicators its formula reads, in order of first use.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Reads { get; }

    /// <summary>The C# source the formulas were compiled in (for diagnosis: <c>rse compile --emit-source</c>).</summary>
    public string GeneratedSource { get; }

    /// <summary>Creates the state of one evaluation.</summary>
    public CompiledModel CreateModel(IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?> parameters) =>
        factory.Create(inputs, parameters);

    /// <summary>Unloads the compiled assembly (when no model of it is still referenced).</summary>
    public void Dispose() => context.Unload();
}
