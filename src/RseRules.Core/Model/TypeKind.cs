namespace RseRules.Core.Model;

/// <summary>The kinds of value a declaration can have (see methods/README.md, "Types").</summary>
public enum TypeKind
{
    /// <summary>A double-precision number (<c>double</c>).</summary>
    Number,

    /// <summary>A whole number (<c>long</c>).</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A string, optionally a reference to a collection item's key.</summary>
    Text,

    /// <summary>One of a declared list of strings.</summary>
    Enum,

    /// <summary>An integer level of a named ordinal scale.</summary>
    Scale,

    /// <summary>An array of numbers whose length follows an integer input.</summary>
    Series,

    /// <summary>An array of elements of one type.</summary>
    List,

    /// <summary>An object with declared fields.</summary>
    Record,

    /// <summary>An array of records identified by a key field.</summary>
    Collection,

    /// <summary>An object whose property names are keys (of a collection, free text or integers).</summary>
    Map,

    /// <summary>A text in French and English.</summary>
    Localized,
}
