using Microsoft.AspNetCore.Mvc;
using RseRules.Store;
using RseRules.Web.Scenarios;

namespace RseRules.Web.Pages;

/// <summary>Scenarios side by side: the method's comparison report (results, differences, overlaid cash flows, what
/// changed in the inputs), shown in a sandboxed frame, and downloadable.</summary>
public sealed class CompareModel(WorkbenchStore store) : WorkbenchPage
{
    public IReadOnlyList<SavedEvaluation> Scenarios { get; private set; } = [];

    public string? Problem { get; private set; }

    public string Query { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string[]? keys, CancellationToken ct)
    {
        Title = T("Comparer des scénarios", "Compare scenarios");
        var distinct = (keys ?? []).Where(k => k.Length is > 0 and <= 64).Distinct(StringComparer.Ordinal).Take(12).ToArray();
        var db = await store.GetAsync().ConfigureAwait(false);
        var found = new List<SavedEvaluation>();
        foreach (var key in distinct)
        {
            if (await db.GetAsync(key, ct).ConfigureAwait(false) is { } s)
            {
                found.Add(s);
            }
        }

        Scenarios = found;
        Query = string.Join("&", found.Select(s => "keys=" + Uri.EscapeDataString(s.Key)));
        var methods = found.Select(s => s.Summary.MethodReference).Distinct(StringComparer.Ordinal).ToArray();
        Problem = found.Count < 2 ? T("Cochez au moins deux scénarios dans la liste pour les comparer.", "Tick at least two scenarios in the list to compare them.")
            : methods.Length > 1 ? T("Seuls des scénarios d'une même méthode se comparent ; ceux-ci utilisent ", "Only scenarios of one method can be compared; these use ") + string.Join(", ", methods) + "."
            : found.FirstOrDefault(s => !s.Integrity.IsVerified) is { } bad ? T("L'enregistrement de « ", "The record of '") + bad.Summary.Name + T(" » est altéré.", "' is tampered.")
            : null;
        return Page();
    }
}
