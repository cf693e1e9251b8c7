namespace RseRules.Web.Hosting;

/// <summary>
/// How the workbench runs, bound from the configuration section <c>Workbench</c> (the command line's
/// <c>rse serve</c> options) and checked at start.
/// </summary>
public sealed class WorkbenchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workbench";

    /// <summary>The methods folder (null: as the command line finds it: RSE_METHODS_DIR, else the nearest methods/).</summary>
    public string? MethodsDir { get; set; }

    /// <summary>The store: a SQLite file, a PostgreSQL connection string, or null for the default SQLite file.</summary>
    public string? Store { get; set; }

    /// <summary>The template sets folder (null: as <c>rse report</c> finds it).</summary>
    public string? TemplatesDir { get; set; }

    /// <summary>The address to listen on (default 127.0.0.1; any other requires <see cref="Token"/>).</summary>
    public string Listen { get; set; } = "127.0.0.1";

    /// <summary>The port (0: any free port).</summary>
    public int Port { get; set; } = 5480;

    /// <summary>The access token every request must carry when set (required beyond loopback).</summary>
    public string? Token { get; set; }

    /// <summary>Whether <see cref="Listen"/> is a loopback address.</summary>
    public bool IsLoopback => Listen is "127.0.0.1" or "localhost" or "::1" or "[::1]";
}
