namespace RseRules.Web.Forms;

/// <summary>A posted form: each name with its values in the order they were sent.</summary>
public sealed class FormData
{
    private readonly Dictionary<string, string[]> values;

    /// <summary>A form from names and values.</summary>
    public FormData(IEnumerable<KeyValuePair<string, string[]>> values)
    {
        this.values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, v) in values)
        {
            this.values[name] = v;
        }
    }

    /// <summary>Every name.</summary>
    public IEnumerable<string> Names => values.Keys;

    /// <summary>The first value of a name, or null.</summary>
    public string? this[string name] => values.TryGetValue(name, out var v) && v.Length > 0 ? v[0] : null;

    /// <summary>Every value of a name.</summary>
    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var v) ? v : [];

    /// <summary>Whether the name was sent.</summary>
    public bool Has(string name) => values.ContainsKey(name);
}
