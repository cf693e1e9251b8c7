namespace RseRules.Reporting.Tests.Support;

/// <summary>
/// Texts an input document, a method or a record may carry, each trying to become markup in a report: HTML elements that
/// load or run something, attribute and element breakouts, CSS breakouts, comment and CDATA ends, Markdown links, images,
/// HTML, emphasis and block openers, template syntax, control and line-separator characters, accented names.
/// </summary>
public static class HostileText
{
    public static readonly string[] All =
    [
        "<img src=http://127.0.0.1:8765/u>",
        "<iframe src=/etc/passwd></iframe>",
        "\"><script>alert(1)</script>",
        "' onmouseover='alert(1)' x='",
        "</style><img src=x onerror=alert(1)>",
        "</title><svg onload=alert(1)>",
        "</textarea><object data=file:///etc/passwd>",
        "<!-- <img src=x> -->",
        "--><img src=x>",
        "]]><img src=x>",
        "<![CDATA[<img src=x>]]>",
        "javascript:alert(1)",
        "&lt;script&gt;&#60;img&#62;",
        "\"; } body { background: url(http://127.0.0.1:8765/css) } p { content: \"",
        "*/ @import url(http://127.0.0.1:8765/i); /*",
        "\\\"; color: red; \\",
        "Mutuelle Armorique Santé « l'œuvre » & Cie — 50 %",
        "line one\nline two\r\n# not a heading\n- not a list",
        "tab\there\u0000nul\u0007bell\u2028ls\u2029ps",
        "{{ include \"_audit\" }} {% raw %}",
        "[click](http://127.0.0.1:8765/md) ![img](http://127.0.0.1:8765/mdimg)",
        "<http://127.0.0.1:8765/auto> | pipe | `code` *bold* _em_ ~~strike~~ $x^2$",
        "1. not a list",
        "> not a quote",
        "```\nnot a fence\n```",
        "    indented code",
        "<meta http-equiv=refresh content=\"0;url=file:///etc/passwd\">",
        "<base href=http://127.0.0.1:8765/><link rel=stylesheet href=s.css>",
        "<math><mtext><table><mglyph><style><img src=x>",
        "<svg><foreignObject><iframe src=file:///etc/passwd>",
    ];
}
