namespace RseRules.Core.Runtime;

/// <summary>
/// Binds values and creates <see cref="CompiledModel"/> instances; generated code implements it. Binding converts
/// neutral values (see <see cref="GeneratedSupport"/>) into the typed, read-only objects formulas see; a bound value
/// is immutable, so it can be shared by any number of models, on any number of threads.
/// </summary>
public abstract class CompiledModelFactory
{
    /// <summary>How many inputs the method declares (the length of a bound-input array).</summary>
    public abstract int InputCount { get; }

    /// <summary>Converts the neutral value of input <paramref name="index"/> (the method's input order).</summary>
    public abstract object? BindInput(int index, object? value);

    /// <summary>Converts the method's parameters (neutral values by id).</summary>
    public abstract object BindParameters(IReadOnlyDictionary<string, object?> parameters);

    /// <summary>Creates the state of one evaluation from bound inputs (one per input, method order) and bound parameters.</summary>
    public abstract CompiledModel Create(object?[] inputs, object parameters);
}
