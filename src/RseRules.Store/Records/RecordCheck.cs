using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RseRules.Core.Evaluation;
using RseRules.Core.Json;

namespace RseRules.Store.Records;

/// <summary>What the store checks of an evaluation before it saves it, and of a record when it reads it back.</summary>
internal static class RecordCheck
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks an evaluation to save and writes its record as canonical JSON.</summary>
    /// <exception cref="InvalidEvaluationException">Anything is wrong with it.</exception>
    public static PreparedEvaluation Prepare(NewEvaluation evaluation)
    {
        var project = Text(evaluation.Project, "project");
        var name = Text(evaluation.Name, "name");
        var author = Text(evaluation.Author, "author");
        var record = evaluation.Record ?? throw new ArgumentException("The evaluation has no record.", nameof(evaluation));

        if (record["method"] is not JObject method || TextOf(method["id"]) is not { Length: > 0 } methodId
            || TextOf(method["version"]) is not { Length: > 0 } methodVersion || TextOf(method["sha256"]) is not { Length: > 0 } methodSha256)
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.RecordMethodMissing, "record",
                "The record has no method member with its id, version and sha256: it is not an evaluation record.");
        }

        if (TextOf(record[EvaluationRecord.HashProperty]) is not { } recordSha256)
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.RecordHashMismatch, "record",
                $"The record has no {EvaluationRecord.HashProperty}: it is not an evaluation record as the engine writes it.");
        }

        string text;
        int bytes;
        try
        {
            text = CanonicalJson.Write(record);
            bytes = StrictUtf8.GetByteCount(text);
        }
        catch (Exception e) when (e is ArgumentException or EncoderFallbackException)
        {
            // ArgumentOutOfRangeException: a NaN or infinite number; EncoderFallbackException: a lone UTF-16 surrogate.
            throw new InvalidEvaluationException(InvalidEvaluationReason.RecordInvalid, "record",
                "The record cannot be stored as canonical JSON: " + e.Message);
        }

        if (bytes > StoreLimits.MaxRecordBytes)
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.RecordTooLarge, "record",
                $"The record is {bytes:N0} bytes of canonical JSON; the store keeps records of {StoreLimits.MaxRecordBytes:N0} bytes at most.");
        }

        // Verified on the text that will be stored, read back as it will be on every read.
        var integrity = Verify(text, recordSha256, methodId, methodVersion, methodSha256);
        if (!integrity.IsVerified)
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.RecordHashMismatch, "record",
                "The record does not verify: " + integrity.Reason);
        }

        return new PreparedEvaluation(project, name, author, methodId, methodVersion, methodSha256, recordSha256, text);
    }

    /// <summary>
    /// Verifies a record read from the store against the row that holds it: its recomputed hash equals the stored hash
    /// and its own <c>recordSha256</c>, its text is canonical, its method is the row's. Never throws.
    /// </summary>
    public static RecordIntegrity Verify(string text, string storedHash, string methodId, string methodVersion, string methodSha256)
    {
        JToken token;
        try
        {
            token = RecordText.Parse(text);
        }
        catch (JsonException e)
        {
            return RecordIntegrity.Tampered("the stored record is not valid JSON: " + e.Message);
        }

        if (token is not JObject record)
        {
            return RecordIntegrity.Tampered($"the stored record is a JSON {token.Type.ToString().ToLowerInvariant()}, not an object");
        }

        var problems = new List<string>();
        string actual;
        try
        {
            actual = EvaluationRecord.Hash(record);
        }
        catch (ArgumentException e)
        {
            return RecordIntegrity.Tampered("the stored record cannot be hashed: " + e.Message);
        }

        if (!string.Equals(actual, storedHash, StringComparison.Ordinal))
        {
            problems.Add($"the record's hash is {actual}, the store holds {storedHash}");
        }

        var own = TextOf(record[EvaluationRecord.HashProperty]);
        if (!string.Equals(actual, own, StringComparison.Ordinal))
        {
            problems.Add($"the record's hash is {actual}, its {EvaluationRecord.HashProperty} says {own ?? "(none)"}");
        }

        if (!string.Equals(CanonicalJson.Write(record), text, StringComparison.Ordinal))
        {
            problems.Add("the stored text is not the record's canonical JSON");
        }

        var method = record["method"] as JObject;
        Same("method id", TextOf(method?["id"]), methodId, problems);
        Same("method version", TextOf(method?["version"]), methodVersion, problems);
        Same("method sha256", TextOf(method?["sha256"]), methodSha256, problems);
        return problems.Count == 0 ? RecordIntegrity.Verified : RecordIntegrity.Tampered(string.Join("; ", problems));
    }

    private static void Same(string what, string? inRecord, string inRow, List<string> problems)
    {
        if (!string.Equals(inRecord, inRow, StringComparison.Ordinal))
        {
            problems.Add($"the record's {what} is {inRecord ?? "(none)"}, the store's row says {inRow}");
        }
    }

    private static string Text(string? value, string field)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.TextMissing, field, $"The {field} is empty.");
        }

        if (text.Length > StoreLimits.MaxTextLength)
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.TextTooLong, field,
                $"The {field} has {text.Length} characters; {StoreLimits.MaxTextLength} at most.");
        }

        if (text.Any(char.IsControl))
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.TextInvalid, field,
                $"The {field} holds a control character (a line break, a tab, ...): one line of text is expected.");
        }

        try
        {
            StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            throw new InvalidEvaluationException(InvalidEvaluationReason.TextInvalid, field, $"The {field} is not valid Unicode text (a lone surrogate).");
        }

        return text;
    }

    private static string? TextOf(JToken? token) => token is JValue { Type: JTokenType.String } v ? v.Value<string>() : null;
}
