using System.ComponentModel;
using System.Globalization;
using RseRules.Core.Compilation;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>Options of the <c>rse cache</c> commands.</summary>
internal class CacheSettings : CommandSettings
{
    [CommandOption("--cache-dir <DIR>")]
    [Description("The cache folder (default: RSE_CACHE_DIR, else the user cache folder).")]
    public string? CacheDir { get; init; }

    /// <summary>The folder, or null (with an error on <paramref name="error"/>) when none is usable.</summary>
    public string? Folder(TextWriter error)
    {
        var folder = CacheMaintenance.Folder(CacheDir);
        if (folder is null)
        {
            error.WriteLine("rse: error: no usable compiled-method cache folder (set RSE_CACHE_DIR).");
        }

        return folder;
    }

    /// <summary>A size for people.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };

    /// <summary>Says what a clear or prune did; exit 1 when a file could not be deleted.</summary>
    public static int Report(CacheRemoval removal, string folder, TextWriter output, TextWriter error)
    {
        foreach (var failure in removal.Failed)
        {
            error.WriteLine("rse: error: cannot delete " + failure);
        }

        output.WriteLine($"removed {removal.Removed.Count} file(s), {Size(removal.Removed.Sum(f => f.Bytes))}, from {folder}");
        return removal.Failed.Count == 0 ? ExitCodes.Success : ExitCodes.Invalid;
    }
}

/// <summary><c>rse cache info</c>: where the compiled-method cache is and what it holds.</summary>
internal sealed class CacheInfoCommand(TextWriter output, TextWriter error) : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Folder(error) is not { } folder)
        {
            return ExitCodes.Invalid;
        }

        var inventory = CacheMaintenance.Inventory(folder);
        output.WriteLine($"cache folder: {folder}{(Directory.Exists(folder) ? string.Empty : " (not created yet)")}");
        output.WriteLine($"entries: {inventory.Entries.Count}, {CacheSettings.Size(inventory.EntryBytes)}");
        foreach (var entry in inventory.Entries)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Path.GetFileName(entry.Path)}  {CacheSettings.Size(entry.Bytes)}  last used {entry.LastUsedUtc:yyyy-MM-dd HH:mm} UTC"));
        }

        output.WriteLine($"temporary files: {inventory.Temporary.Count}");
        output.WriteLine($"method files remembered as schema-valid: {inventory.Passes.Count}");
        return ExitCodes.Success;
    }
}

/// <summary><c>rse cache clear</c>: deletes every compiled method in the cache.</summary>
internal sealed class CacheClearCommand(TextWriter output, TextWriter error) : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellationToken) =>
        settings.Folder(error) is { } folder ? CacheSettings.Report(CacheMaintenance.Clear(folder), folder, output, error) : ExitCodes.Invalid;
}

/// <summary><c>rse cache prune</c>: deletes the compiled methods not used for a number of days.</summary>
internal sealed class CachePruneCommand(TextWriter output, TextWriter error) : Command<CachePruneCommand.Settings>
{
    internal sealed class Settings : CacheSettings
    {
        [CommandOption("--unused-days <DAYS>")]
        [Description("Delete the entries not loaded for this many days (default 30; 0 deletes every entry not used in this very instant).")]
        [DefaultValue(30)]
        public int UnusedDays { get; init; } = 30;

        public override Spectre.Console.ValidationResult Validate() =>
            UnusedDays < 0 ? Spectre.Console.ValidationResult.Error("--unused-days must be 0 or more.") : Spectre.Console.ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        settings.Folder(error) is { } folder
            ? CacheSettings.Report(CacheMaintenance.Prune(folder, TimeSpan.FromDays(settings.UnusedDays), DateTime.UtcNow), folder, output, error)
            : ExitCodes.Invalid;
}
