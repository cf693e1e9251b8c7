using RseRules.Web.Forms;

namespace RseRules.Web.Pages.Methods;

/// <summary>What a form partial renders: a node, the page (language, errors), and whether it sits in a table cell.</summary>
/// <param name="Page">The evaluation page.</param>
/// <param name="Node">The node.</param>
/// <param name="InCell">Whether the node is a table cell (compact, labelled for assistive technology only).</param>
public sealed record NodeView(EvaluateModel Page, FormNode Node, bool InCell = false);
