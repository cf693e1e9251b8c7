namespace RseRules.Core.Runtime;

/// <summary>An evaluation took more steps than its <see cref="EvaluationBudget"/> allows.</summary>
public sealed class EvaluationBudgetExceededException : Exception
{
    /// <summary>Whether the time limit stopped the evaluation (not the steps).</summary>
    public bool OutOfTime { get; init; }

    /// <summary>Whether the memory limit stopped the evaluation (not the steps).</summary>
    public bool OutOfMemory { get; init; }

    /// <summary>Whether a text would have been longer than <see cref="EvaluationBudget.MaxTextLength"/>.</summary>
    public bool TextTooLong { get; init; }

    /// <summary>Creates the exception.</summary>
    public EvaluationBudgetExceededException()
        : base("The evaluation exceeded its budget of steps (a query over the data that never ends in practice).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EvaluationBudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EvaluationBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
