namespace RseRules.Core.Model;

/// <summary>
/// In an overlay (<c>"tighten"</c>): narrower bounds for a base input, one of its record or collection fields
/// (<see cref="Fields"/>) or its elements (<see cref="Of"/>). Each bound given must be at least as strict as the base's:
/// a higher <see cref="Min"/>, a lower <see cref="Max"/>, <see cref="MaxLength"/> or <see cref="MaxItems"/>, a higher
/// <see cref="MinItems"/>, a subset of the enum's <see cref="Values"/>.
/// </summary>
public sealed record BoundsTightening
{
    /// <summary>New inclusive lower bound (number, integer), or null.</summary>
    public double? Min { get; init; }

    /// <summary>New inclusive upper bound (number, integer), or null.</summary>
    public double? Max { get; init; }

    /// <summary>New longest text, or null.</summary>
    public int? MaxLength { get; init; }

    /// <summary>New fewest items (lists, collections), or null.</summary>
    public int? MinItems { get; init; }

    /// <summary>New most items (lists, collections), or null.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The enum values kept (the others are removed), or null.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Tightening of the element type (series, lists, maps), or null.</summary>
    public BoundsTightening? Of { get; init; }

    /// <summary>Tightening of fields (records, collections), by field id.</summary>
    public IReadOnlyDictionary<string, BoundsTightening> Fields { get; init; } = new Dictionary<string, BoundsTightening>();

    /// <summary>JSON pointer of this tightening in the overlay file.</summary>
    public string Pointer { get; init; } = string.Empty;
}
