namespace RseRules.Core.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum Severity
{
    /// <summary>Information only; never changes the exit code.</summary>
    Info,

    /// <summary>Something suspicious that does not stop the command.</summary>
    Warning,

    /// <summary>The method or input is invalid; the command fails with exit code 1.</summary>
    Error,
}
