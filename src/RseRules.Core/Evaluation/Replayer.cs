using Newtonsoft.Json.Linq;
using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Validation;

namespace RseRules.Core.Evaluation;

/// <summary>
/// Replays an evaluation record: checks the record's own hash, finds the method by id@version (or a given path) and
/// checks its hash, validates the recorded inputs and checks their hash, evaluates again and compares every result,
/// every finding and every trace value with the record.
/// </summary>
public static class Replayer
{
    /// <summary>Replays the record in <paramref name="recordPath"/>.</summary>
    /// <param name="recordPath">The evaluation record file.</param>
    /// <param name="methodReference">Where to find the method instead of the record's id@version (a path or reference), or null.</param>
    /// <param name="methodsDir">Where id@version references are looked up.</param>
    public static ReplayResult Replay(string recordPath, string? methodReference, string? methodsDir) =>
        Replay(recordPath, methodReference, reference => Engine.LoadAndCompile(reference, methodsDir));

    /// <summary>Replays the record in <paramref name="recordPath"/>, loading and compiling the method with <paramref name="loadAndCompile"/>
    /// (the command line passes its own, which honours <c>--no-cache</c> and <c>--verbose</c>).</summary>
    /// <param name="recordPath">The evaluation record file.</param>
    /// <param name="methodReference">Where to find the method instead of the record's id@version (a path or reference), or null.</param>
    /// <param name="loadAndCompile">Loads, validates and compiles a method reference.</param>
    public static ReplayResult Replay(string recordPath, string? methodReference, Func<string, CompileResult> loadAndCompile)
    {
        ArgumentNullException.ThrowIfNull(loadAndCompile);
        var diagnostics = new List<Diagnostic>();
        return Replay(JsonSource.Load(recordPath, diagnostics), recordPath, diagnostics, methodReference, loadAndCompile);
    }

    /// <summary>Replays a record given as text (a record kept in a database), loading and compiling the method with
    /// <paramref name="loadAndCompile"/>; the compiled method is disposed when the replay ends.</summary>
    /// <param name="recordText">The evaluation record's JSON text.</param>
    /// <param name="displayName">How diagnostics name the record.</param>
    /// <param name="methodReference">Where to find the method instead of the record's id@version, or null.</param>
    /// <param name="loadAndCompile">Loads, validates and compiles a method reference.</param>
    public static ReplayResult ReplayText(string recordText, string displayName, string? methodReference, Func<string, CompileResult> loadAndCompile)
    {
        ArgumentNullException.ThrowIfNull(recordText);
        ArgumentNullException.ThrowIfNull(loadAndCompile);
        var diagnostics = new List<Diagnostic>();
        return Replay(JsonSource.Parse(recordText, displayName, diagnostics), displayName, diagnostics, methodReference, loadAndCompile);
    }

    private static ReplayResult Replay(JsonSource? source, string recordPath, List<Diagnostic> diagnostics, string? methodReference, Func<string, CompileResult> loadAndCompile)
    {
        var differences = new List<ReplayDifference>();
        var notes = new List<string>();
        if (source is null)
        {
            return new ReplayResult(differences, diagnostics, notes);
        }

        if (source.Root is not JObject record || record["method"] is not JObject m || m["id"]?.Type != JTokenType.String || m["version"]?.Type != JTokenType.String
            || record["inputs"] is not JObject inputsToken || record["results"] is not JObject recordedResults)
        {
            diagnostics.Add(source.At(string.Empty, DiagnosticCode.RecordMismatch, "Not an evaluation record: method {id, version, sha256}, inputs and results are required."));
            return new ReplayResult(differences, diagnostics, notes);
        }

        // 1. The record is what was written.
        var recordedHash = TextOf(record[EvaluationRecord.HashProperty]) ?? "(none)";
        var actualHash = EvaluationRecord.Hash(record);
        if (recordedHash != actualHash)
        {
            differences.Add(new ReplayDifference("record hash", recordedHash, actualHash));
        }

        // 2. The method is the one the record was evaluated with.
        var reference = methodReference ?? $"{m["id"]}@{m["version"]}";
        var compiled = loadAndCompile(reference);
        diagnostics.AddRange(compiled.Diagnostics);
        using var method = compiled.Method;
        if (method is null)
        {
            return new ReplayResult(differences, diagnostics, notes);
        }

        var recordedMethodHash = TextOf(m["sha256"]) ?? "(none)";
        if (recordedMethodHash != method.Method.Sha256)
        {
            differences.Add(new ReplayDifference($"method sha256 ({method.Method.Reference} at {method.Method.Source.Path})", recordedMethodHash, method.Method.Sha256));
        }

        var recordedBases = (m["extends"] as JArray)?.OfType<JObject>().Select(b => $"{b["reference"]} {b["sha256"]}").ToArray() ?? [];
        var currentBases = method.Method.Bases.Select(b => $"{b.Reference} {b.Sha256}").ToArray();
        if (!recordedBases.SequenceEqual(currentBases, StringComparer.Ordinal))
        {
            differences.Add(new ReplayDifference("base methods (extends)", string.Join(", ", recordedBases), string.Join(", ", currentBases)));
        }

        // 3. The inputs are the recorded ones, and still valid.
        var inputSource = JsonSource.Parse(CanonicalJson.WriteIndented(inputsToken), recordPath + "#/inputs", diagnostics);
        if (inputSource is null)
        {
            return new ReplayResult(differences, diagnostics, notes);
        }

        var inputs = InputValidator.Validate(method.Method, inputSource);
        if (inputs.Value is null)
        {
            diagnostics.AddRange(inputs.Diagnostics);
            return new ReplayResult(differences, diagnostics, notes);
        }

        var recordedInputsHash = TextOf(record["inputsSha256"]) ?? "(none)";
        if (recordedInputsHash != inputs.Value.Sha256)
        {
            differences.Add(new ReplayDifference("inputs sha256", recordedInputsHash, inputs.Value.Sha256));
        }

        // 4. The same evaluation gives the same figures.
        var result = Evaluator.Evaluate(method, inputs.Value);
        if (!result.Success)
        {
            diagnostics.AddRange(result.Diagnostics);
            return new ReplayResult(differences, diagnostics, notes);
        }

        var replayed = EvaluationRecord.Build(result);
        var inputChanges = InputChanges(record["trace"] as JArray, replayed["trace"] as JArray);
        CompareMembers("result", recordedResults, (JObject)replayed["results"]!, differences);
        Compare("findings", record["findings"], replayed["findings"], differences);
        if (record["trace"] is JArray recordedTrace)
        {
            var replayedTrace = ((JArray)replayed["trace"]!).OfType<JObject>().ToDictionary(t => t["id"]!.Value<string>()!, StringComparer.Ordinal);
            foreach (var entry in recordedTrace.OfType<JObject>())
            {
                var id = TextOf(entry["id"]) ?? "?";
                var now = replayedTrace.GetValueOrDefault(id);
                Compare($"trace {id}", entry, now, differences);
            }
        }

        var recordedEngine = record["engine"] is JObject engine ? TextOf(engine["version"]) : null;
        if (recordedEngine != EvaluationRecord.EngineVersion)
        {
            notes.Add($"recorded with engine {recordedEngine ?? "(unknown)"}, replayed with engine {EvaluationRecord.EngineVersion}");
        }

        return new ReplayResult(differences, diagnostics, notes)
        {
            Record = record,
            Method = method.Method,
            InputChanges = inputChanges,
            RecordedEngine = recordedEngine,
            Signature = RecordSignature.Verify(record),
        };
    }

    /// <summary>
    /// Inputs whose value, as the recorded evaluation read it (the trace's reads of inputs), is not what the replay read
    /// from the record's inputs now: leaf by leaf, by JSON pointer, old → new. Both sides are bound values (defaults
    /// filled in), so an input left to its default is no change. Inputs no formula read cannot be told apart here (the
    /// inputs hash still says they differ).
    /// </summary>
    private static List<ReplayDifference> InputChanges(JArray? recordedTrace, JArray? replayedTrace)
    {
        var changes = new List<ReplayDifference>();
        if (recordedTrace is null || replayedTrace is null)
        {
            return changes;
        }

        var before = InputReads(recordedTrace);
        var after = InputReads(replayedTrace);
        foreach (var (name, old) in before.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (after.TryGetValue(name, out var now))
            {
                Leaves(JsonPointer.Append(string.Empty, name), old, now, changes);
            }
        }

        return changes;
    }

    private static Dictionary<string, JToken> InputReads(JArray trace)
    {
        var reads = new Dictionary<string, JToken>(StringComparer.Ordinal);
        foreach (var read in trace.OfType<JObject>().SelectMany(t => (t["reads"] as JArray ?? []).OfType<JObject>()))
        {
            if (TextOf(read["kind"]) == "input" && TextOf(read["name"]) is { } name && read["value"] is { } value)
            {
                reads.TryAdd(name, value);
            }
        }

        return reads;
    }

    private static void Leaves(string pointer, JToken? old, JToken? now, List<ReplayDifference> changes)
    {
        switch (old, now)
        {
            case (JObject a, JObject b):
                foreach (var name in a.Properties().Select(p => p.Name).Union(b.Properties().Select(p => p.Name)).Order(StringComparer.Ordinal))
                {
                    Leaves(JsonPointer.Append(pointer, name), a[name], b[name], changes);
                }

                break;
            case (JArray a, JArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Leaves(JsonPointer.Append(pointer, i), a[i], b[i], changes);
                }

                break;
            default:
                var x = old is null ? "(absent)" : CanonicalJson.Write(old);
                var y = now is null ? "(absent)" : CanonicalJson.Write(now);
                if (x != y)
                {
                    changes.Add(new ReplayDifference(pointer, Shorten(x), Shorten(y)));
                }

                break;
        }
    }

    private static void CompareMembers(string prefix, JObject recorded, JObject replayed, List<ReplayDifference> differences)
    {
        foreach (var p in recorded.Properties())
        {
            Compare($"{prefix} {p.Name}", p.Value, replayed[p.Name], differences);
        }

        foreach (var p in replayed.Properties().Where(p => !recorded.ContainsKey(p.Name)))
        {
            differences.Add(new ReplayDifference($"{prefix} {p.Name}", "(absent)", Text(p.Value)));
        }
    }

    private static void Compare(string what, JToken? recorded, JToken? replayed, List<ReplayDifference> differences)
    {
        var a = recorded is null ? "(absent)" : CanonicalJson.Write(recorded);
        var b = replayed is null ? "(absent)" : CanonicalJson.Write(replayed);
        if (a != b)
        {
            differences.Add(new ReplayDifference(what, Shorten(a), Shorten(b)));
        }
    }

    private static string Text(JToken token) => Shorten(CanonicalJson.Write(token));

    /// <summary>A member that should be a text: its value, or null when it is absent or not a text (a record may be forged).</summary>
    private static string? TextOf(JToken? token) => token is JValue { Type: JTokenType.String } v ? v.Value<string>() : null;

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";
}
