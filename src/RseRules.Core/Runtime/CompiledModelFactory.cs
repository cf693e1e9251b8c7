namespace RseRules.Core.Runtime;

/// <summary>Creates <see cref="CompiledModel"/> instances; generated code implements it.</summary>
public abstract class CompiledModelFactory
{
    /// <summary>Binds inputs and parameters (neutral values: see <see cref="GeneratedSupport"/>).</summary>
    public abstract CompiledModel Create(IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?> parameters);
}
