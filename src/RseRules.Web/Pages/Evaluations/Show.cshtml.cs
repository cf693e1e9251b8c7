using Microsoft.AspNetCore.Mvc;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Reporting;
using RseRules.Store;
using RseRules.Web.Evaluation;
using RseRules.Web.Scenarios;

namespace RseRules.Web.Pages.Evaluations;

/// <summary>
/// A saved scenario: who saved it, when, with which method, whether its record verifies; its results (the method's
/// panel); its report to download; replayed on demand; archived; reopened in the form as a new scenario.
/// </summary>
public sealed class ShowModel(WorkbenchStore store, ScenarioService scenarios, ReportSets sets) : WorkbenchPage
{
    public SavedEvaluation Saved { get; private set; } = null!;

    public MethodDefinition? Method { get; private set; }

    /// <summary>Whether the methods folder's id@version is the one the record was evaluated with.</summary>
    public bool SameMethod { get; private set; }

    public string? PanelHtml { get; private set; }

    public ReplayResult? Replayed { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, bool saved = false, CancellationToken ct = default)
    {
        if (await LoadAsync(key, ct).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        if (saved)
        {
            Notice = T("Scénario enregistré.", "Scenario saved.");
        }

        return Page();
    }

    /// <summary>Replays the record with the methods folder, as <c>rse replay</c> does.</summary>
    public async Task<IActionResult> OnPostReplayAsync(string key, CancellationToken ct)
    {
        if (await LoadAsync(key, ct).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        Replayed = scenarios.Replay(Saved);
        return Page();
    }

    /// <summary>Archives the scenario (kept; hidden from lists).</summary>
    public async Task<IActionResult> OnPostArchiveAsync(string key, CancellationToken ct)
    {
        var db = await store.GetAsync().ConfigureAwait(false);
        return await db.ArchiveAsync(key, ct).ConfigureAwait(false) ? Redirect("/evaluations/" + key) : NotFound();
    }

    private async Task<IActionResult?> LoadAsync(string key, CancellationToken ct)
    {
        var db = await store.GetAsync().ConfigureAwait(false);
        if (key.Length is 0 or > 64 || await db.GetAsync(key, ct).ConfigureAwait(false) is not { } saved)
        {
            return NotFound();
        }

        Saved = saved;
        (Method, SameMethod) = scenarios.MethodOf(saved.Summary);
        Title = saved.Summary.Name + " — " + saved.Summary.Project;
        if (Method is not null && saved.Integrity.IsVerified && saved.ParseRecord() is { } record)
        {
            PanelHtml = sets.Panel(Method, record, Lang);
        }

        return null;
    }
}
