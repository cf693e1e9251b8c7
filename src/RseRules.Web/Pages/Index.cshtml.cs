using Markdig;
using RseRules.Web.Catalog;

namespace RseRules.Web.Pages;

/// <summary>The catalogue: each method with its versions, published or not, its changelog and a diff between versions.</summary>
public sealed class IndexModel(MethodCatalog catalog) : WorkbenchPage
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().DisableHtml().UseAdvancedExtensions().Build();

    /// <summary>Method versions grouped by id.</summary>
    public IReadOnlyList<IGrouping<string, CatalogEntry>> Methods { get; private set; } = [];

    public void OnGet()
    {
        Title = T("Méthodes", "Methods");
        Methods = [.. catalog.Entries.GroupBy(e => e.Id)];
    }

    /// <summary>A changelog as HTML: Markdown with raw HTML disabled (its text is escaped).</summary>
    public static string ChangelogHtml(string markdown) => Markdig.Markdown.ToHtml(markdown, Markdown);
}
