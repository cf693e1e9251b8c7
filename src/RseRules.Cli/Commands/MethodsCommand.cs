using System.ComponentModel;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Web.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse methods [--methods-dir D] [--format text|json] [--lang fr|en]</c>: the methods folder in use and where it comes
/// from (<see cref="MethodLocator.Locate"/>), and every method version in it: title, whether it is published (recorded
/// in the folder's manifest with its current hash), what it extends, whether it loads.
/// </summary>
internal sealed class MethodsCommand(TextWriter output, TextWriter error, IAnsiConsole console) : Command<MethodsCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--methods-dir <DIR>")]
        [Description("Folder to list (default: RSE_METHODS_DIR, else the nearest methods/ folder, else the methods shipped with rse).")]
        public string? MethodsDir { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("text (default) or json.")]
        public string Format { get; init; } = "text";

        [CommandOption("-l|--lang <LANG>")]
        [Description("Language of the titles: fr (default) or en.")]
        public string Lang { get; init; } = "fr";

        public override ValidationResult Validate() =>
            Format is not ("text" or "json") ? ValidationResult.Error("--format must be text or json.")
            : Lang is not ("fr" or "en") ? ValidationResult.Error("--lang must be fr or en.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var folder = MethodLocator.Locate(settings.MethodsDir);
        if (folder is null || !Directory.Exists(folder.Path))
        {
            error.WriteLine(folder is null
                ? $"rse: error RSE0002: No methods folder: pass --methods-dir, set {MethodLocator.MethodsDirVariable}, or run from a folder that has methods/."
                : $"rse: error RSE0002: The methods folder '{folder.Path}' does not exist.");
            return ExitCodes.Invalid;
        }

        using var catalog = new MethodCatalog(folder.Path);
        var entries = catalog.Entries;
        if (settings.Format == "json")
        {
            var json = new JObject
            {
                ["folder"] = Path.GetFullPath(folder.Path),
                ["source"] = SourceId(folder.Source),
                ["methods"] = new JArray(entries.Select(e => new JObject
                {
                    ["reference"] = e.Reference,
                    ["title"] = e.Method is null ? null : new JObject { ["fr"] = e.Method.Title.Fr, ["en"] = e.Method.Title.En },
                    ["published"] = e.Published,
                    ["extends"] = new JArray((e.Method?.Bases ?? []).Select(b => b.Reference)),
                    ["sha256"] = e.Method?.Sha256,
                    ["path"] = Path.GetFullPath(e.Path),
                    ["valid"] = e.Method is not null,
                })),
            };
            output.Write(CanonicalJson.WriteIndented(json));
            return ExitCodes.Success;
        }

        var fr = settings.Lang == "fr";
        output.WriteLine(fr
            ? $"Dossier des méthodes : {Path.GetFullPath(folder.Path)} ({SourceText(folder.Source, fr)})"
            : $"Methods folder: {Path.GetFullPath(folder.Path)} ({SourceText(folder.Source, fr)})");
        if (entries.Count == 0)
        {
            output.WriteLine(fr ? "Aucune méthode." : "No method.");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(fr ? "Méthode" : "Method")
            .AddColumn(fr ? "Titre" : "Title")
            .AddColumn(fr ? "Publiée" : "Published")
            .AddColumn(fr ? "Étend" : "Extends");
        foreach (var e in entries)
        {
            var title = e.Method is null ? (fr ? "(ne se charge pas : rse validate)" : "(does not load: rse validate)") : fr ? e.Method.Title.Fr : e.Method.Title.En;
            table.AddRow(
                Markup.Escape(e.Reference),
                Markup.Escape(title),
                e.Published ? (fr ? "oui" : "yes") : (fr ? "non" : "no"),
                Markup.Escape(string.Join(", ", (e.Method?.Bases ?? []).Select(b => b.Reference))));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private static string SourceId(MethodsFolderSource source) => source switch
    {
        MethodsFolderSource.Option => "option",
        MethodsFolderSource.Environment => "environment",
        MethodsFolderSource.Nearest => "nearest",
        _ => "shipped",
    };

    private static string SourceText(MethodsFolderSource source, bool fr) => source switch
    {
        MethodsFolderSource.Option => "--methods-dir",
        MethodsFolderSource.Environment => MethodLocator.MethodsDirVariable,
        MethodsFolderSource.Nearest => fr ? "le dossier methods/ le plus proche" : "the nearest methods/ folder",
        _ => fr ? "livré avec rse" : "shipped with rse",
    };
}
