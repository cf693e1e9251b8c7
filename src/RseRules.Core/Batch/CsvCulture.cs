namespace RseRules.Core.Batch;

/// <summary>How a batch summary's CSV writes its fields.</summary>
public enum CsvCulture
{
    /// <summary>For a French spreadsheet: fields separated by <c>;</c>, decimal comma; labels.</summary>
    French,

    /// <summary>For an English spreadsheet: fields separated by <c>,</c>, decimal point; labels.</summary>
    English,

    /// <summary>For programs: <c>,</c> and decimal point, enum codes and <c>true</c>/<c>false</c> rather than labels.</summary>
    Invariant,
}
