using System.ComponentModel;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>Options every command that reads methods accepts.</summary>
internal class MethodSettings : CommandSettings
{
    [CommandOption("--methods-dir <DIR>")]
    [Description("Folder where id@version references are looked up (default: RSE_METHODS_DIR, else the nearest methods/ folder).")]
    public string? MethodsDir { get; init; }
}
