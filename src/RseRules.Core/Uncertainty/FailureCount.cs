namespace RseRules.Core.Uncertainty;

/// <summary>How many simulation iterations failed for one reason (an input check, an indicator that failed).</summary>
/// <param name="Reason">Why, e.g. <c>input check WEIGHTS_SUM</c>.</param>
/// <param name="Count">How many iterations.</param>
public sealed record FailureCount(string Reason, int Count);
