namespace RseRules.Store.Records;

/// <summary>An evaluation checked and ready to insert: trimmed texts, the record's canonical text and what the row
/// repeats of it.</summary>
internal sealed record PreparedEvaluation(
    string Project,
    string Name,
    string Author,
    string MethodId,
    string MethodVersion,
    string MethodSha256,
    string RecordSha256,
    string RecordJson);
