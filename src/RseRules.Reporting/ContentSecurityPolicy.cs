namespace RseRules.Reporting;

/// <summary>
/// The Content-Security-Policy every HTML report carries: its own inline style and <c>data:</c> images and fonts, nothing
/// else — no script, no frame, no object, no network, no <c>file:</c>, no form, no <c>&lt;base&gt;</c>. Markup a template
/// writes (or a value that slipped through) can then neither run nor load anything when the report is opened or printed.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>The policy.</summary>
    public const string Policy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>The <c>&lt;meta&gt;</c> element that states <see cref="Policy"/>.</summary>
    public const string MetaElement = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + Policy + "\">";

    /// <summary>
    /// Puts <see cref="MetaElement"/> first in the document: right after a leading <c>&lt;!DOCTYPE …&gt;</c> (so the page
    /// keeps its standards mode), else at the very start. A policy in a <c>&lt;meta&gt;</c> applies only to what follows it,
    /// so it must come before anything a template wrote; the HTML parser moves it into <c>&lt;head&gt;</c> and keeps the
    /// template's own <c>&lt;html&gt;</c> attributes. A second policy a template adds can only restrict further.
    /// </summary>
    public static string Inject(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var start = 0;
        while (start < html.Length && (char.IsWhiteSpace(html[start]) || html[start] == '\uFEFF'))
        {
            start++;
        }

        var at = 0;
        if (string.Compare(html, start, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) == 0)
        {
            var end = html.IndexOf('>', start);
            at = end < 0 ? html.Length : end + 1;
        }

        return string.Concat(html.AsSpan(0, at), MetaElement, html.AsSpan(at));
    }
}
