namespace RseRules.Spreadsheets.Reading;

/// <summary>What a cell holds, as stored: its type (<c>n</c>, <c>s</c>, <c>str</c>, <c>inlineStr</c>, <c>b</c>, <c>e</c>, <c>d</c>), its value text (a shared string already resolved and decoded), whether it is a formula.</summary>
internal readonly record struct RawCell(string Type, string? Value, bool Formula)
{
    /// <summary>Whether the cell holds anything: a value other than blank text, or a formula.</summary>
    public bool IsFilled => Formula || (Value is not null && (IsNumeric || !string.IsNullOrWhiteSpace(Value)));

    public bool IsNumeric => Type is "n" or "";

    public bool IsText => Type is "s" or "str" or "inlineStr" or "d";
}
