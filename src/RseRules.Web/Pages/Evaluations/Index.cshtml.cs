using Microsoft.AspNetCore.Mvc;
using RseRules.Store;
using RseRules.Web.Scenarios;

namespace RseRules.Web.Pages.Evaluations;

/// <summary>Saved scenarios by project: open one, or tick several of one method to compare them.</summary>
public sealed class IndexModel(WorkbenchStore store) : WorkbenchPage
{
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];

    public IReadOnlyList<EvaluationSummary> Evaluations { get; private set; } = [];

    /// <summary>The project shown, or null for all.</summary>
    public string? Project { get; private set; }

    /// <summary>Whether archived scenarios are shown (instead of the others).</summary>
    public bool Archived { get; private set; }

    public string StoreDescription { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string? project, bool archived = false, CancellationToken ct = default)
    {
        var db = await store.GetAsync().ConfigureAwait(false);
        Project = string.IsNullOrWhiteSpace(project) ? null : project;
        Archived = archived;
        Projects = await db.ListProjectsAsync(ct).ConfigureAwait(false);
        Evaluations = await db.ListAsync(new EvaluationQuery(Project) { Archived = archived ? ArchiveFilter.Archived : ArchiveFilter.Active }, ct).ConfigureAwait(false);
        StoreDescription = db.Provider + " — " + db.Location;
        Title = T("Scénarios enregistrés", "Saved scenarios");
        return Page();
    }
}
