namespace RseRules.Spreadsheets;

/// <summary>An evaluation record as a workbook (placeholder, filled in below).</summary>
public static partial class RecordWorkbook
{
    /// <summary>The kind the <c>_map</c> sheet of a record workbook records.</summary>
    internal const string Kind = "record";

    /// <summary>The names of the record's own sheets in a language (input sheets take other names).</summary>
    internal static IReadOnlyCollection<string> SheetNames(string language)
    {
        var texts = Texts.For(language);
        return [texts.ResultsSheet, texts.FindingsSheet, texts.RecordSheet];
    }
}
