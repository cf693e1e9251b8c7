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
}
