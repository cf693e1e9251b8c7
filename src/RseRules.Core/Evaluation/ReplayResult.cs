using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;

namespace RseRules.Core.Evaluation;

/// <summary>The outcome of replaying an evaluation record.</summary>
/// <param name="Differences">Every difference between the record and the replay; empty when identical.</param>
/// <param name="Diagnostics">Errors that prevented the replay (unreadable record, method not found…).</param>
/// <param name="Notes">Facts that are not differences (for example a different engine version with identical results).</param>
public sealed record ReplayResult(IReadOnlyList<ReplayDifference> Differences, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Notes)
{
    /// <summary>Whether the replay could run.</summary>
    public bool Ran => !Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Whether the replay ran and reproduced the record exactly.</summary>
    public bool Identical => Ran && Differences.Count == 0;

    /// <summary>The record as read (when it could be read).</summary>
    public JObject? Record { get; init; }

    /// <summary>The method the record was replayed with (when it loaded and compiled).</summary>
    public MethodDefinition? Method { get; init; }

    /// <summary>
    /// The inputs that differ, leaf by leaf (JSON pointer, the value the recorded evaluation read, the value in the record
    /// now): the cause of the differing results when someone edited the record's inputs. Empty when the replay did not get
    /// that far or nothing read differs.
    /// </summary>
    public IReadOnlyList<ReplayDifference> InputChanges { get; init; } = [];

    /// <summary>The engine version the record names (null when absent).</summary>
    public string? RecordedEngine { get; init; }

    /// <summary>The record's signature, checked (unsigned when it has none or the replay did not get that far).</summary>
    public SignatureCheck Signature { get; init; } = SignatureCheck.Unsigned;

    /// <summary>The differences in results (<c>result …</c>).</summary>
    public IReadOnlyList<ReplayDifference> ResultDifferences => [.. Differences.Where(d => d.What.StartsWith("result ", StringComparison.Ordinal))];

    /// <summary>The differences in trace entries (<c>trace …</c>).</summary>
    public IReadOnlyList<ReplayDifference> TraceDifferences => [.. Differences.Where(d => d.What.StartsWith("trace ", StringComparison.Ordinal))];

    /// <summary>Whether the findings differ.</summary>
    public bool FindingsDiffer => Differences.Any(d => d.What == "findings");

    /// <summary>The differences that are causes rather than effects: hashes of the record, method, bases and inputs.</summary>
    public IReadOnlyList<ReplayDifference> CauseDifferences =>
        [.. Differences.Where(d => !d.What.StartsWith("result ", StringComparison.Ordinal) && !d.What.StartsWith("trace ", StringComparison.Ordinal) && d.What != "findings")];
}
