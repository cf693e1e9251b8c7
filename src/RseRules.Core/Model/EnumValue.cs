namespace RseRules.Core.Model;

/// <summary>One allowed value of an <see cref="TypeKind.Enum"/> type.</summary>
public sealed record EnumValue(string Value, LocalizedText? Label);
