namespace RseRules.Core.Evaluation;

/// <summary>One way a replayed evaluation differs from its record.</summary>
/// <param name="What">What differs: <c>record hash</c>, <c>method sha256</c>, <c>inputs sha256</c>, <c>result npv</c>, <c>findings</c>…</param>
/// <param name="Recorded">The value in the record (JSON text).</param>
/// <param name="Recomputed">The value found now (JSON text).</param>
public sealed record ReplayDifference(string What, string Recorded, string Recomputed);
