namespace RseRules.Web.Forms;

/// <summary>What a scalar editor edits.</summary>
public enum FieldKind
{
    /// <summary>A number (a percentage on screen when its unit is <c>fraction</c>).</summary>
    Number,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>Yes or no.</summary>
    Boolean,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>One of the declared values, by label.</summary>
    Enum,

    /// <summary>A level of a scale, by label.</summary>
    Scale,

    /// <summary>The key of an item of a collection of the same document, by the item's label.</summary>
    Reference,

    /// <summary>A text in French and English.</summary>
    Localized,
}

/// <summary>One choice of a drop-down or of a set of check boxes.</summary>
/// <param name="Value">What the document holds.</param>
/// <param name="Label">What the reader sees.</param>
public sealed record Choice(string Value, string Label);

/// <summary>An uncertain number as the form shows it: the law and its bounds as typed.</summary>
/// <param name="Law"><c>triangular</c>, <c>pert</c> or <c>uniform</c>.</param>
/// <param name="Min">Lowest value, as shown.</param>
/// <param name="Mode">Most likely value, as shown (empty for uniform).</param>
/// <param name="Max">Highest value, as shown.</param>
public sealed record LawText(string Law, string Min, string Mode, string Max);

/// <summary>
/// A node of a generated form. Every node has the JSON pointer of the value it edits (the name of its form fields),
/// a label in the form's language, and the description, unit and requiredness its declaration gives.
/// </summary>
public abstract record FormNode
{
    /// <summary>JSON pointer of the value in the input document.</summary>
    public required string Pointer { get; init; }

    /// <summary>Label in the form's language (the declaration's id when it has none).</summary>
    public required string Label { get; init; }

    /// <summary>Help text, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Unit as shown (<c>%</c> for fractions, <c>€</c> for euros), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>Whether the document must give it.</summary>
    public bool Required { get; init; }

    /// <summary>The HTML id of the node's main control (unique in the form).</summary>
    public string ElementId => FormNames.Id(Pointer);
}

/// <summary>A scalar: number, integer, boolean, text, enum, scale, reference or localized text.</summary>
public sealed record FieldNode : FormNode
{
    /// <summary>What it edits.</summary>
    public required FieldKind Kind { get; init; }

    /// <summary>The value as shown ("" when absent).</summary>
    public string Value { get; init; } = string.Empty;

    /// <summary>For localized texts: the English text as shown (<see cref="Value"/> holds the French).</summary>
    public string ValueEn { get; init; } = string.Empty;

    /// <summary>Drop-down choices (enums, scales, references).</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>Lowest value accepted, as shown, or null.</summary>
    public string? Min { get; init; }

    /// <summary>Highest value accepted, as shown, or null.</summary>
    public string? Max { get; init; }

    /// <summary>Longest text accepted, or null.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Whether the value may be given as a distribution.</summary>
    public bool CanBeUncertain { get; init; }

    /// <summary>The distribution given, or null.</summary>
    public LawText? Law { get; init; }

    /// <summary>Whether changing it changes the form's shape (a series length, a collection key or label).</summary>
    public bool Structural { get; init; }

    /// <summary>Whether the number is shown as a percentage (unit <c>fraction</c>).</summary>
    public bool Percent { get; init; }

    /// <summary>The default the method gives when the value is left empty, as shown, or null.</summary>
    public string? DefaultText { get; init; }
}

/// <summary>A record: its fields as a group (an optional record can be left out as a whole).</summary>
public sealed record GroupNode : FormNode
{
    /// <summary>The fields.</summary>
    public required IReadOnlyList<FormNode> Children { get; init; }

    /// <summary>For an optional record: whether the document gives it.</summary>
    public bool Present { get; init; } = true;
}

/// <summary>A per-year series, or a list of scalars: one editor per element.</summary>
public sealed record SeriesNode : FormNode
{
    /// <summary>One editor per element, in order.</summary>
    public required IReadOnlyList<FieldNode> Items { get; init; }

    /// <summary>The label of each element ("Année 1"…).</summary>
    public required IReadOnlyList<string> ItemLabels { get; init; }

    /// <summary>Whether elements can be added and removed (a list; a series follows its length input).</summary>
    public bool Resizable { get; init; }
}

/// <summary>A list of enum values or of references: check boxes.</summary>
public sealed record ChoiceSetNode : FormNode
{
    /// <summary>Every choice.</summary>
    public required IReadOnlyList<Choice> Choices { get; init; }

    /// <summary>The values chosen, in the document's order.</summary>
    public required IReadOnlyList<string> Selected { get; init; }
}

/// <summary>A column of a table, with the group it belongs to (a map's columns share their field's label).</summary>
/// <param name="Label">The column's own label.</param>
/// <param name="Group">The label of the field it belongs to, or null.</param>
/// <param name="Unit">Unit as shown, or null.</param>
public sealed record TableColumn(string Label, string? Group, string? Unit);

/// <summary>A row of a table: the item's index and one cell per column.</summary>
/// <param name="Index">The item's position.</param>
/// <param name="Cells">One node per column.</param>
public sealed record TableRow(int Index, IReadOnlyList<FormNode> Cells);

/// <summary>
/// A collection of records as an editable table: a column per scalar field, per key of a map keyed by another
/// collection (the usages × stakes matrix), per year of a series; rows can be added, removed and moved.
/// </summary>
public sealed record TableNode : FormNode
{
    /// <summary>The columns.</summary>
    public required IReadOnlyList<TableColumn> Columns { get; init; }

    /// <summary>The rows.</summary>
    public required IReadOnlyList<TableRow> Rows { get; init; }

    /// <summary>For an optional collection: whether the document gives it.</summary>
    public bool Present { get; init; } = true;
}

/// <summary>A map: one editor per key (keys of a collection, fixed) or editable key/value rows (free keys).</summary>
public sealed record MapNode : FormNode
{
    /// <summary>Each entry: the key, its label and its editor.</summary>
    public required IReadOnlyList<(string Key, string Label, FormNode Editor)> Entries { get; init; }

    /// <summary>Whether keys are typed by the user (a map keyed by text or integers).</summary>
    public bool FreeKeys { get; init; }
}

/// <summary>A value the form cannot edit field by field: its JSON, in a text area.</summary>
public sealed record JsonNode : FormNode
{
    /// <summary>The JSON text.</summary>
    public required string Json { get; init; }
}

/// <summary>The generated form: its sections in declaration order.</summary>
/// <param name="Sections">Top-level scalars first (as one group), then one node per record, collection or other input.</param>
public sealed record FormModel(IReadOnlyList<FormNode> Sections);
