namespace RseRules.Core.Compilation;

/// <summary>Where a piece of user-written C# sits in a method.</summary>
public enum FormulaKind
{
    /// <summary>An indicator's <c>formula</c>.</summary>
    Indicator,

    /// <summary>A rule's <c>when</c>.</summary>
    RuleCondition,

    /// <summary>An <c>{expression}</c> hole of a rule's message.</summary>
    RuleMessageHole,
}
