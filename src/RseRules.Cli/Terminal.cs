namespace RseRules.Cli;

/// <summary>
/// Where a command's output goes, as the commands need to know it: whether stdout and stderr are a terminal (a table fits
/// the terminal's width, a progress line is drawn), and the terminal's width. In process, the console's own; for a
/// command forwarded to the resident process, the client's (<see cref="Resident.ResidentClient"/>).
/// </summary>
/// <param name="Output">Whether stdout is a terminal.</param>
/// <param name="Error">Whether stderr is a terminal.</param>
/// <param name="Width">The terminal's width in columns; 0: not known (the console's own is used).</param>
internal sealed record Terminal(bool Output, bool Error, int Width)
{
    /// <summary>Neither output is a terminal (writers of tests, files).</summary>
    public static Terminal None { get; } = new(false, false, 0);

    /// <summary>The process's terminal, for these writers: a writer other than the console's is never a terminal.</summary>
    public static Terminal Of(TextWriter output, TextWriter error) => new(
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected,
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected,
        0);
}
