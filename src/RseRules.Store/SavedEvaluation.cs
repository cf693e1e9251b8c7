using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RseRules.Store.Records;

namespace RseRules.Store;

/// <summary>A saved evaluation as read back: its summary, its record and whether the record verified.</summary>
/// <param name="Summary">Key, project, name, author, times, method and record hash.</param>
/// <param name="RecordJson">The record as stored: canonical JSON (UTF-8 of it is what <c>recordSha256</c> hashes), or,
/// when <paramref name="Integrity"/> says tampered, whatever the database holds.</param>
/// <param name="Integrity">Whether the record is the one that was saved. Check it before trusting the record.</param>
public sealed record SavedEvaluation(EvaluationSummary Summary, string RecordJson, RecordIntegrity Integrity)
{
    /// <summary>The evaluation's key (<see cref="EvaluationSummary.Key"/>).</summary>
    public string Key => Summary.Key;

    /// <summary>
    /// A new JSON object of the record, read the way the store verifies it (dates stay texts, numbers doubles), or null
    /// when the stored text is not a JSON object. Each call returns a new object.
    /// </summary>
    public JObject? ParseRecord()
    {
        try
        {
            return RecordText.Parse(RecordJson) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
