namespace RseRules.Core.Diffing;

/// <summary>
/// What changed about one item of a method between two versions. <see cref="MethodChange.Property"/> names the
/// property of the method file that changed; <see cref="MethodChange.Old"/> and <see cref="MethodChange.New"/> hold
/// its two values as text (null when absent on that side).
/// </summary>
public enum ChangeKind
{
    /// <summary>
    /// The item exists only in the new method. <see cref="MethodChange.New"/> is a one-line summary of it: a parameter's
    /// value (canonical JSON), a scale's <c>min..max</c>, an input's or field's type (<c>number, min 0, optional,
    /// default 0</c>), an indicator's formula, a rule's <c>severity: condition</c>, a result's source id.
    /// </summary>
    Added,

    /// <summary>The item exists only in the old method. <see cref="MethodChange.Old"/> is its summary (as for <see cref="Added"/>).</summary>
    Removed,

    /// <summary>
    /// The type changed: its kind (<c>type</c>: <c>number</c> → <c>integer</c>, or <c>of</c> when an element type
    /// appears or disappears), or what it refers to (<c>ref</c>, <c>scale</c>, <c>key</c>, <c>keys</c>), the allowed
    /// values of an enum (<c>values</c>, as a canonical JSON array), or whether an indicator may be null (<c>nullable</c>).
    /// </summary>
    TypeChanged,

    /// <summary>
    /// A bound changed: <c>min</c>, <c>max</c>, <c>maxLength</c>, <c>minItems</c>, <c>maxItems</c>, or a series'
    /// <c>length</c> (the id of the integer input) or <c>lengthOffset</c>; for scales, <c>min</c> or <c>max</c>.
    /// </summary>
    BoundsChanged,

    /// <summary>An input or field became optional or required (<c>required</c>: <c>true</c> / <c>false</c>).</summary>
    RequiredChanged,

    /// <summary>The default of an input or field changed (<c>default</c>, canonical JSON).</summary>
    DefaultChanged,

    /// <summary>A parameter's value changed (<c>value</c>, canonical JSON).</summary>
    ValueChanged,

    /// <summary>The source a parameter's value comes from changed (<c>source</c>).</summary>
    SourceChanged,

    /// <summary>An indicator's formula changed (<c>formula</c>: the old and the new C# expression).</summary>
    FormulaChanged,

    /// <summary>The digits an indicator's result is rounded to changed (<c>decimals</c>).</summary>
    DecimalsChanged,

    /// <summary>The unit changed (<c>unit</c>).</summary>
    UnitChanged,

    /// <summary>
    /// A label changed, one entry per language: <c>label.fr</c>, <c>label.en</c>; for an enum value
    /// <c>values.&lt;value&gt;.fr</c>; for a scale level <c>levels.&lt;level&gt;.fr</c>.
    /// </summary>
    LabelChanged,

    /// <summary>A description changed, one entry per language (<c>description.fr</c>, <c>description.en</c>).</summary>
    DescriptionChanged,

    /// <summary>A rule's condition changed: <c>when</c> (the C# expression) or <c>forEach</c> (the collection it runs over).</summary>
    ConditionChanged,

    /// <summary>A rule's severity changed (<c>severity</c>: <c>info</c>, <c>warning</c>, <c>error</c>).</summary>
    SeverityChanged,

    /// <summary>
    /// What a rule says or where it points changed: <c>message.fr</c>, <c>message.en</c>, or <c>at</c> (the JSON
    /// pointer of an input check).
    /// </summary>
    MessageChanged,

    /// <summary>A result exposes another indicator or input (<c>from</c>).</summary>
    FromChanged,

    /// <summary>
    /// A result kept in both methods moved relative to the others (<c>position</c>: its 1-based positions in the old
    /// and new lists). Only the results outside a longest common ordering are reported, as a text diff does.
    /// </summary>
    Reordered,
}
