using Microsoft.AspNetCore.Mvc;
using RseRules.Core.Diffing;
using RseRules.Web.Catalog;

namespace RseRules.Web.Pages.Methods;

/// <summary>What changed between two versions of a method (as <c>rse diff</c>).</summary>
public sealed class DiffModel(MethodCatalog catalog) : WorkbenchPage
{
    public CatalogEntry From { get; private set; } = null!;

    public CatalogEntry To { get; private set; } = null!;

    public MethodDiff Diff { get; private set; } = null!;

    public IActionResult OnGet(string id, string from, string to)
    {
        if (catalog.Find(id, from ?? string.Empty) is not { Method: { } a } fromEntry || catalog.Find(id, to ?? string.Empty) is not { Method: { } b } toEntry)
        {
            return NotFound();
        }

        (From, To) = (fromEntry, toEntry);
        Diff = MethodDiff.Compare(a, b);
        Title = $"{id} {from} → {to}";
        return Page();
    }

    public string SectionLabel(DiffSection section) => section switch
    {
        DiffSection.Parameters => T("Paramètres", "Parameters"),
        DiffSection.Scales => T("Échelles", "Scales"),
        DiffSection.Inputs => T("Données d'entrée", "Inputs"),
        DiffSection.Indicators => T("Indicateurs", "Indicators"),
        DiffSection.Rules => T("Règles", "Rules"),
        _ => T("Résultats", "Results"),
    };

    public string KindLabel(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => T("ajouté", "added"),
        ChangeKind.Removed => T("retiré", "removed"),
        ChangeKind.FormulaChanged => T("formule", "formula"),
        ChangeKind.ValueChanged => T("valeur", "value"),
        ChangeKind.SourceChanged => T("source", "source"),
        ChangeKind.LabelChanged => T("libellé", "label"),
        ChangeKind.TypeChanged => T("type", "type"),
        ChangeKind.BoundsChanged => T("bornes", "bounds"),
        ChangeKind.RequiredChanged => T("obligatoire", "required"),
        ChangeKind.DefaultChanged => T("valeur par défaut", "default"),
        ChangeKind.UnitChanged => T("unité", "unit"),
        ChangeKind.DescriptionChanged => T("description", "description"),
        ChangeKind.ConditionChanged => T("condition", "condition"),
        ChangeKind.SeverityChanged => T("gravité", "severity"),
        ChangeKind.MessageChanged => T("message", "message"),
        ChangeKind.DecimalsChanged => T("décimales", "decimals"),
        ChangeKind.FromChanged => T("origine", "source result"),
        _ => T("ordre", "order"),
    };
}
