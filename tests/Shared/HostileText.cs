using Newtonsoft.Json.Linq;

namespace RseRules.Tests.Shared;

/// <summary>
/// Texts an input document, a method or a record may carry, each trying to become markup in a report: HTML elements that
/// load or run something, attribute and element breakouts, CSS breakouts, comment and CDATA ends, Markdown links, images,
/// HTML, emphasis and block openers, template syntax, control and line-separator characters, accented names.
/// </summary>
internal static class HostileText
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

    /// <summary>
    /// The norm's example document (<c>methods/rse-value/1.0.0/examples/example.json</c>) with its texts replaced by hostile
    /// ones, starting at <paramref name="offset"/> in <see cref="All"/>: organization name and sector, the ids and labels of
    /// stakes, usages and risks (ids cut to the norm's 40 characters and kept unique, and followed wherever the document
    /// names them), mitigations. Returns the document and every text put in.
    /// </summary>
    public static (JObject Document, string[] Texts) Example(string repoRoot, int offset)
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(repoRoot, "methods", "rse-value", "1.0.0", "examples", "example.json")));
        var k = offset;
        var used = new List<string>();
        string Take(string suffix = "")
        {
            var text = All[k++ % All.Length];
            text = suffix.Length == 0 ? text : text[..Math.Min(36, text.Length)] + suffix;
            used.Add(text);
            return text;
        }

        document["organization"]!["name"] = Take();
        document["organization"]!["sector"] = Take();
        var stakeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stake, i) in ((JArray)document["stakes"]!).Select((s, i) => ((JObject)s, i)))
        {
            stakeIds[stake["id"]!.Value<string>()!] = Take($" #S{i}");
            stake["id"] = stakeIds[stake["id"]!.Value<string>()!];
            stake["label"] = Take();
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (usage, i) in ((JArray)document["usages"]!).Select((u, i) => ((JObject)u, i)))
        {
            ids[usage["id"]!.Value<string>()!] = Take($" #U{i}");
            usage["id"] = ids[usage["id"]!.Value<string>()!];
            usage["label"] = Take();
            var contributions = (JObject)usage["contributions"]!;
            usage["contributions"] = new JObject(contributions.Properties().Select(p => new JProperty(stakeIds[p.Name], p.Value)));
        }

        foreach (var (risk, i) in ((JArray)document["risks"]!).Select((r, i) => ((JObject)r, i)))
        {
            ids[risk["id"]!.Value<string>()!] = Take($" #R{i}");
            risk["id"] = ids[risk["id"]!.Value<string>()!];
            risk["label"] = Take();
            risk["mitigation"] = Take();
        }

        // Other places name usages and risks by id (the gains' usages): they follow.
        foreach (var value in document.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String && v.Parent is JArray).ToList())
        {
            if (ids.TryGetValue(value.Value<string>()!, out var renamed))
            {
                value.Value = renamed;
            }
        }

        return (document, [.. used]);
    }
}
