using System.Globalization;

namespace RseRules.Spreadsheets.Layout;

/// <summary>
/// The drop-down lists of a workbook: each list of choices (yes/no, distributions, an enum's labels, a scale's levels) is a
/// column of the hidden <c>_lists</c> sheet behind a defined name; a reference to a collection's items lists the key column
/// of its table. Names are given in order of first use, so the same method gives the same names.
/// </summary>
internal sealed class ListCatalog
{
    private readonly List<(string Name, IReadOnlyList<string> Values)> lists = [];
    private readonly Dictionary<string, string> byContent = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> keyLists = new(StringComparer.Ordinal);

    /// <summary>The lists of values, in the order of their columns in <c>_lists</c>.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Lists => lists;

    /// <summary>Collection pointer → the name of the list of its keys.</summary>
    public IReadOnlyDictionary<string, string> KeyLists => keyLists;

    /// <summary>The name of a list of these values.</summary>
    public string Values(IReadOnlyList<string> values)
    {
        var content = string.Join("\u0001", values);
        if (!byContent.TryGetValue(content, out var name))
        {
            name = "rse_list_" + (lists.Count + 1).ToString(CultureInfo.InvariantCulture);
            lists.Add((name, values));
            byContent[content] = name;
        }

        return name;
    }

    /// <summary>The name of the list of a collection's keys.</summary>
    public string Keys(string collectionPointer)
    {
        if (!keyLists.TryGetValue(collectionPointer, out var name))
        {
            name = "rse_keys_" + (keyLists.Count + 1).ToString(CultureInfo.InvariantCulture);
            keyLists[collectionPointer] = name;
        }

        return name;
    }
}
