namespace RseRules.Cli;

/// <summary>The exit codes of <c>rse</c>, documented in README.md.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Invalid method or inputs (diagnostics on stderr), or a failing test case.</summary>
    public const int Invalid = 1;

    /// <summary>Command-line usage error.</summary>
    public const int Usage = 2;

    /// <summary>A replayed evaluation differs from its record; with <c>diff --exit-code</c>, the methods differ.</summary>
    public const int Mismatch = 3;

    /// <summary>Interrupted (Ctrl+C): what a shell reports for a process ended by SIGINT (128 + 2).</summary>
    public const int Interrupted = 130;
}
