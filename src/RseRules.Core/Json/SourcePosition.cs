namespace RseRules.Core.Json;

/// <summary>A 1-based line and column (UTF-16 code units) in a text file.</summary>
public readonly record struct SourcePosition(int Line, int Column);
