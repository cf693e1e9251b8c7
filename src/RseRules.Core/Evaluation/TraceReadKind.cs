namespace RseRules.Core.Evaluation;

/// <summary>What a name read by a formula is.</summary>
public enum TraceReadKind
{
    /// <summary>A top-level input of the document (its value is in the record's inputs).</summary>
    Input,

    /// <summary>A parameter of the method (its value and source are in the method).</summary>
    Parameter,

    /// <summary>Another indicator (its own trace entry explains it).</summary>
    Indicator,
}
