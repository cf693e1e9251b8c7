using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RseRules.Web.Hosting;

namespace RseRules.Web.Pages;

/// <summary>What every page knows: the language of the request, and how to say something in it.</summary>
public abstract class WorkbenchPage : PageModel
{
    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public string Lang { get; private set; } = "fr";

    /// <summary>The page's title (the layout prints it).</summary>
    public string Title { get; protected set; } = "RseRules";

    /// <summary>The text in the page's language.</summary>
    public string T(string fr, string en) => Lang == "en" ? en : fr;

    /// <inheritdoc />
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Lang = WebLanguage.Of(context.HttpContext);
        base.OnPageHandlerSelected(context);
    }
}
