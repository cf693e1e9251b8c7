namespace RseRules.Store;

/// <summary>An evaluation that cannot be saved as given (an HTTP 400); nothing was saved.</summary>
public sealed class InvalidEvaluationException : StoreException
{
    /// <summary>An invalid evaluation.</summary>
    public InvalidEvaluationException()
    {
    }

    /// <summary>An invalid evaluation with its message.</summary>
    public InvalidEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>An invalid evaluation with its message and cause.</summary>
    public InvalidEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An invalid evaluation: why, which field, and a message for people.</summary>
    public InvalidEvaluationException(InvalidEvaluationReason reason, string field, string message)
        : base(message)
    {
        Reason = reason;
        Field = field;
    }

    /// <summary>Why.</summary>
    public InvalidEvaluationReason Reason { get; }

    /// <summary>The field at fault: <c>project</c>, <c>name</c>, <c>author</c> or <c>record</c>.</summary>
    public string Field { get; } = string.Empty;
}
