using System.Text.RegularExpressions;

namespace RseRules.Reporting;

/// <summary>
/// The Content-Security-Policy every HTML report carries: its own inline style and <c>data:</c> images and fonts, nothing
/// else — no script, no frame, no object, no network, no <c>file:</c>, no form, no <c>&lt;base&gt;</c>. Markup a template
/// writes (or a value that slipped through) can then neither run nor load anything when the report is opened or printed.
/// </summary>
public static partial class ContentSecurityPolicy
{
    /// <summary>The policy.</summary>
    public const string Policy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>The <c>&lt;meta&gt;</c> element that states <see cref="Policy"/>.</summary>
    public const string MetaElement = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + Policy + "\">";

    /// <summary>
    /// Puts <see cref="MetaElement"/> before anything a template wrote that could load or run something (a policy in a
    /// <c>&lt;meta&gt;</c> applies only to what follows it): first in <c>&lt;head&gt;</c> when the document opens with
    /// nothing but a doctype, an <c>&lt;html&gt;</c> tag and <c>&lt;head&gt;</c>; else right after a leading doctype (the
    /// page keeps its standards mode), else at the very start — the HTML parser then moves it into the head it creates.
    /// A second policy a template adds can only restrict further.
    /// </summary>
    public static string Inject(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var head = LeadingHead().Match(html);
        if (head.Success)
        {
            return string.Concat(html.AsSpan(0, head.Length), MetaElement, html.AsSpan(head.Length));
        }

        var doctype = LeadingDoctype().Match(html);
        var at = doctype.Success ? doctype.Length : 0;
        return string.Concat(html.AsSpan(0, at), MetaElement, html.AsSpan(at));
    }

    [GeneratedRegex(@"\A[\s\uFEFF]*(?:<!DOCTYPE[^<>]*>)?\s*(?:<html(?:\s[^<>""']*(?:(?:""[^""<>]*""|'[^'<>]*')[^<>""']*)*)?>)?\s*<head(?:\s[^<>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingHead();

    [GeneratedRegex(@"\A[\s\uFEFF]*<!DOCTYPE[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDoctype();
}
