namespace RseRules.Store;

/// <summary>Why an evaluation cannot be saved (an HTTP 400).</summary>
public enum InvalidEvaluationReason
{
    /// <summary>The project, name or author is empty (or only white space).</summary>
    TextMissing,

    /// <summary>The project, name or author is longer than <see cref="StoreLimits.MaxTextLength"/> characters.</summary>
    TextTooLong,

    /// <summary>The project, name or author holds a control character (a line break, a tab, NUL, ...).</summary>
    TextInvalid,

    /// <summary>The record's canonical JSON is larger than <see cref="StoreLimits.MaxRecordBytes"/> bytes.</summary>
    RecordTooLarge,

    /// <summary>The record has no <c>method</c> member with a text <c>id</c>, <c>version</c> and <c>sha256</c>.</summary>
    RecordMethodMissing,

    /// <summary>The record has no <c>recordSha256</c>, or it is not the record's hash: the record was changed after it was made.</summary>
    RecordHashMismatch,

    /// <summary>The record cannot be stored as canonical JSON (a NaN or infinite number, text that is not valid Unicode).</summary>
    RecordInvalid,
}
