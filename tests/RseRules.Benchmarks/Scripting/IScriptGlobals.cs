namespace RseRules.Benchmarks.Scripting;

/// <summary>
/// What the generated globals class of a method offers the runner: its members (one per input, parameter and indicator,
/// named by their ids) are what the scripts read; indicator values are stored in them by index after each script runs.
/// </summary>
public interface IScriptGlobals
{
    /// <summary>Stores indicator <paramref name="index"/> (declaration order).</summary>
    void Set(int index, object? value);

    /// <summary>Reads indicator <paramref name="index"/> (declaration order).</summary>
    object? Get(int index);
}

/// <summary>Creates the globals of one evaluation from the bound input values and the parameters.</summary>
public interface IScriptGlobalsFactory
{
    /// <summary>A fresh globals object; indicators are all default.</summary>
    IScriptGlobals Create(IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?> parameters);
}
