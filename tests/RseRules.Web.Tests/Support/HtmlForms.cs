using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using RseRules.Web.Forms;

namespace RseRules.Web.Tests.Support;

/// <summary>What a browser would submit for a form (HTML successful controls), read from the page's HTML.</summary>
public static class HtmlForms
{
    /// <summary>Parses a page strictly (an HTML5 parse error throws).</summary>
    public static IDocument Parse(string html) => new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(html);

    /// <summary>The name/value pairs of a form's successful controls, in tree order (buttons left out).</summary>
    public static List<KeyValuePair<string, string>> Fields(IElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                    }

                    break;
                case IHtmlInputElement { Type: "file" or "submit" or "button" or "image" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.GetAttribute("value") ?? string.Empty));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.ToList();
                    var chosen = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (chosen.Count == 0 && options.Count > 0 && !select.IsMultiple)
                    {
                        chosen = [options[0]];
                    }

                    foreach (var o in chosen)
                    {
                        fields.Add(new(name, o.GetAttribute("value") ?? o.TextContent));
                    }

                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.TextContent.StartsWith('\n') ? area.TextContent[1..] : area.TextContent));
                    break;
            }
        }

        return fields;
    }

    /// <summary>The form's fields as the reader takes them.</summary>
    public static FormData Data(IEnumerable<KeyValuePair<string, string>> fields) =>
        new(fields.GroupBy(f => f.Key, StringComparer.Ordinal).Select(g => new KeyValuePair<string, string[]>(g.Key, [.. g.Select(f => f.Value)])));

    /// <summary>The fields as a URL-encoded body, with a field changed or added.</summary>
    public static FormUrlEncodedContent Body(IEnumerable<KeyValuePair<string, string>> fields, params (string Name, string Value)[] changes)
    {
        var list = fields.ToList();
        foreach (var (name, value) in changes)
        {
            var at = list.FindIndex(f => f.Key == name);
            if (at >= 0)
            {
                list[at] = new(name, value);
            }
            else
            {
                list.Add(new(name, value));
            }
        }

        return new FormUrlEncodedContent(list);
    }
}
