namespace RseRules.Core.Runtime;

/// <summary>
/// An input document's values converted once for one compiled method (see <c>CompiledMethod.Bind</c>):
/// the typed, read-only objects its formulas read. Immutable and thread-safe; evaluating it many times converts nothing again.
/// </summary>
public sealed class BoundInputs
{
    internal BoundInputs(CompiledModelFactory owner, object?[] values)
    {
        Owner = owner;
        Values = values;
    }

    internal CompiledModelFactory Owner { get; }

    /// <summary>One converted value per input, in the method's input order (never written after construction).</summary>
    internal object?[] Values { get; }
}
