namespace RseRules.Core.Model;

/// <summary>The type of a declaration. Which properties matter depends on <see cref="Kind"/>.</summary>
public sealed record TypeSpec
{
    /// <summary>The kind of value.</summary>
    public required TypeKind Kind { get; init; }

    /// <summary>Inclusive lower bound (number, integer; elements of a series through <see cref="Of"/>).</summary>
    public double? Min { get; init; }

    /// <summary>Inclusive upper bound.</summary>
    public double? Max { get; init; }

    /// <summary>Longest text accepted.</summary>
    public int? MaxLength { get; init; }

    /// <summary>For text: the collection input whose item keys the text must name.</summary>
    public string? Ref { get; init; }

    /// <summary>For enums: the allowed values.</summary>
    public IReadOnlyList<EnumValue> Values { get; init; } = [];

    /// <summary>For scales: the name of the scale in the method's <c>scales</c>.</summary>
    public string? Scale { get; init; }

    /// <summary>For series: the integer input that gives the length.</summary>
    public string? Length { get; init; }

    /// <summary>For series: added to the length input's value.</summary>
    public int LengthOffset { get; init; }

    /// <summary>Element type of series, lists and maps.</summary>
    public TypeSpec? Of { get; init; }

    /// <summary>Fields of records and collection items.</summary>
    public IReadOnlyList<Declaration> Fields { get; init; } = [];

    /// <summary>For collections: the text field that identifies an item.</summary>
    public string? Key { get; init; }

    /// <summary>
    /// For collection inputs (format 2): the collection parameter whose items start a document (<c>rse new inputs
    /// --from-catalogue</c>): each item gives the fields it shares with the input's items, by id.
    /// </summary>
    public string? Catalogue { get; init; }

    /// <summary>For maps: a collection input id, <c>text</c> or <c>integer</c>.</summary>
    public string? Keys { get; init; }

    /// <summary>Fewest items (lists, collections).</summary>
    public int? MinItems { get; init; }

    /// <summary>Most items (lists, collections).</summary>
    public int? MaxItems { get; init; }

    /// <summary>Whether an indicator of this type may be null.</summary>
    public bool Nullable { get; init; }

    /// <summary>JSON pointer of the declaration that holds this type in the method file.</summary>
    public string Pointer { get; init; } = string.Empty;

    /// <summary>Whether values are integer-valued map keys.</summary>
    public bool HasIntegerKeys => Kind == TypeKind.Map && Keys == "integer";
}
