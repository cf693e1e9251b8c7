namespace RseRules.Spreadsheets.Layout;

/// <summary>What an input cell holds, which says how it is written, validated and read.</summary>
internal enum ValueKind
{
    /// <summary>A number (decimal validation with the declared bounds).</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>Yes or no, from a drop-down list.</summary>
    Boolean,

    /// <summary>A text (a reference to a collection's item: a drop-down of its keys).</summary>
    Text,

    /// <summary>One of an enum's values, shown by its label.</summary>
    Enum,

    /// <summary>A level of a scale, shown as <c>3 — label</c>.</summary>
    Scale,

    /// <summary>What the grid cannot lay out (a collection inside a collection's item, a list of records…), as JSON text.</summary>
    Json,

    /// <summary>The name of a distribution (triangular, pert, uniform).</summary>
    Distribution,
}
