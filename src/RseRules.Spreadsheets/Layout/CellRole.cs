namespace RseRules.Spreadsheets.Layout;

/// <summary>Which part of a value an input cell holds.</summary>
internal enum CellRole
{
    /// <summary>The value itself.</summary>
    Value,

    /// <summary>The name of the distribution of an uncertain number.</summary>
    Distribution,

    /// <summary>Its <c>min</c>.</summary>
    Min,

    /// <summary>Its <c>mode</c>.</summary>
    Mode,

    /// <summary>Its <c>max</c>.</summary>
    Max,

    /// <summary>The key of an entry of a map keyed by free text or integers.</summary>
    Key,
}
