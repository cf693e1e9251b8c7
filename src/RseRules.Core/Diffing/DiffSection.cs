namespace RseRules.Core.Diffing;

/// <summary>The part of a method a <see cref="MethodChange"/> belongs to, in the order a diff lists them.</summary>
public enum DiffSection
{
    /// <summary>Constants (<c>parameters</c>).</summary>
    Parameters,

    /// <summary>Named ordinal scales (<c>scales</c>).</summary>
    Scales,

    /// <summary>Declarations of the input document (<c>inputs</c>), fields of records and collections included.</summary>
    Inputs,

    /// <summary>Computed values (<c>indicators</c>).</summary>
    Indicators,

    /// <summary>Findings and input checks (<c>rules</c>).</summary>
    Rules,

    /// <summary>What an evaluation exposes (<c>results</c>).</summary>
    Results,
}
