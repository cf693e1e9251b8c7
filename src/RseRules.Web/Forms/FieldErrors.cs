using System.Text.RegularExpressions;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;

namespace RseRules.Web.Forms;

/// <summary>
/// Places each problem at the field it is about: a diagnostic's JSON pointer when a field edits it, the missing
/// property of a "required" error, else the nearest enclosing field or table; what has no field is listed on its own.
/// </summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> byPointer = new(StringComparer.Ordinal);
    private readonly List<(string Message, string? Pointer)> general = [];

    /// <summary>Places the problems of a form and the diagnostics of its evaluation among a form's fields.</summary>
    public static FieldErrors Place(FormModel form, IEnumerable<FormProblem> problems, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(form);
        var pointers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in form.Sections)
        {
            Collect(node, pointers);
        }

        var errors = new FieldErrors();
        foreach (var p in problems)
        {
            errors.Add(pointers, p.Pointer, p.Message);
        }

        foreach (var d in diagnostics.Where(d => d.Severity == Severity.Error))
        {
            var pointer = d.Pointer;
            if (pointer is not null && Missing().Match(d.Message) is { Success: true } m)
            {
                pointer = JsonPointer.Append(pointer, m.Groups[1].Value);
            }

            errors.Add(pointers, pointer, $"{d.CodeText}: {d.Message}");
        }

        return errors;
    }

    /// <summary>The messages at a field.</summary>
    public IReadOnlyList<string> At(string pointer) => byPointer.TryGetValue(pointer, out var list) ? list : [];

    /// <summary>Every placed message with its field pointer, then the general ones (pointer null or not on the form).</summary>
    public IEnumerable<(string Message, string? Pointer)> All =>
        byPointer.SelectMany(kv => kv.Value.Select(m => (m, (string?)kv.Key))).Concat(general);

    /// <summary>Whether there is any error.</summary>
    public bool Any => byPointer.Count > 0 || general.Count > 0;

    /// <summary>How many errors.</summary>
    public int Count => byPointer.Values.Sum(v => v.Count) + general.Count;

    private void Add(HashSet<string> pointers, string? pointer, string message)
    {
        for (var p = pointer; p is not null; p = Parent(p))
        {
            if (pointers.Contains(p))
            {
                if (!byPointer.TryGetValue(p, out var list))
                {
                    byPointer[p] = list = [];
                }

                list.Add(message);
                return;
            }
        }

        general.Add((message, pointer));
    }

    private static string? Parent(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? null : pointer[..slash];
    }

    private static void Collect(FormNode node, HashSet<string> pointers)
    {
        if (node.Pointer.Length > 0)
        {
            pointers.Add(node.Pointer);
        }

        switch (node)
        {
            case GroupNode g:
                foreach (var c in g.Children)
                {
                    Collect(c, pointers);
                }

                break;
            case SeriesNode s:
                foreach (var i in s.Items)
                {
                    Collect(i, pointers);
                }

                break;
            case TableNode t:
                foreach (var row in t.Rows)
                {
                    pointers.Add(JsonPointer.Append(t.Pointer, row.Index));
                    foreach (var c in row.Cells)
                    {
                        Collect(c, pointers);
                    }
                }

                break;
            case MapNode m:
                foreach (var (_, _, editor) in m.Entries)
                {
                    Collect(editor, pointers);
                }

                break;
        }
    }

    [GeneratedRegex("^Required property '(.+)' is missing\\.$", RegexOptions.CultureInvariant)]
    private static partial Regex Missing();
}
