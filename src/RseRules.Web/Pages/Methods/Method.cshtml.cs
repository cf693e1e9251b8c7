using Microsoft.AspNetCore.Mvc;
using RseRules.Web.Catalog;

namespace RseRules.Web.Pages.Methods;

/// <summary>One method version: what it asks, what it computes, its parameters and their sources, its examples.</summary>
public sealed class MethodModel(MethodCatalog catalog) : WorkbenchPage
{
    public CatalogEntry Entry { get; private set; } = null!;

    public IActionResult OnGet(string id, string version)
    {
        if (catalog.Find(id, version) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        Title = entry.Method?.Title.In(Lang) ?? entry.Reference;
        return Page();
    }
}
