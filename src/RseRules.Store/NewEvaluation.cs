using Newtonsoft.Json.Linq;

namespace RseRules.Store;

/// <summary>An evaluation to save.</summary>
/// <param name="Project">The project it belongs to (1 to <see cref="StoreLimits.MaxTextLength"/> characters, trimmed).</param>
/// <param name="Name">The scenario's name, unique in its project among non-archived evaluations (same bounds).</param>
/// <param name="Author">Who saved it, as typed by the user (same bounds).</param>
/// <param name="Record">The evaluation record, as <c>EvaluationRecord.Build</c> makes it, with its <c>recordSha256</c>.
/// The store writes it as canonical JSON when saving and keeps no reference to it.</param>
public sealed record NewEvaluation(string Project, string Name, string Author, JObject Record);
