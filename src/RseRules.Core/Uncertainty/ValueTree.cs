using System.Globalization;
using RseRules.Core.Json;

namespace RseRules.Core.Uncertainty;

/// <summary>
/// A private copy of bound input values in which some leaves (designated by JSON pointers) can be overwritten in place:
/// only the top-level inputs that hold such a leaf are copied, the rest is shared with the original (never written).
/// One instance per thread; the compiled model reads the values eagerly, so a tree can be rewritten between evaluations.
/// </summary>
internal sealed class ValueTree
{
    private readonly Slot[] slots;

    public ValueTree(IReadOnlyDictionary<string, object?> values, IReadOnlyList<string> pointers)
    {
        var root = new Dictionary<string, object?>(values, StringComparer.Ordinal);
        foreach (var top in pointers.Select(p => JsonPointer.Parse(p)[0]).Distinct(StringComparer.Ordinal))
        {
            root[top] = DeepCopy(root[top]);
        }

        Root = root;
        slots = [.. pointers.Select(p => Find(root, p))];
    }

    /// <summary>The values to evaluate.</summary>
    public IReadOnlyDictionary<string, object?> Root { get; }

    /// <summary>Overwrites leaf <paramref name="index"/> (in the order of the pointers given).</summary>
    public void Set(int index, object? value) => slots[index].Set(value);

    /// <summary>Puts leaf <paramref name="index"/> back to its original value.</summary>
    public void Reset(int index) => slots[index].Set(slots[index].Original);

    /// <summary>The original value of leaf <paramref name="index"/>.</summary>
    public object? Original(int index) => slots[index].Original;

    private static object? DeepCopy(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> o => o.ToDictionary(kv => kv.Key, kv => DeepCopy(kv.Value), StringComparer.Ordinal),
        object?[] a => a.Select(DeepCopy).ToArray(),
        _ => value,
    };

    private static Slot Find(Dictionary<string, object?> root, string pointer)
    {
        var tokens = JsonPointer.Parse(pointer);
        object? container = root;
        for (var t = 0; t < tokens.Count - 1; t++)
        {
            container = Child(container, tokens[t], pointer);
        }

        var last = tokens[^1];
        return container switch
        {
            Dictionary<string, object?> d when d.TryGetValue(last, out var v) => new Slot(d, last, null, 0, v),
            object?[] a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Length => new Slot(null, null, a, i, a[i]),
            _ => throw new InvalidOperationException($"No bound value at {pointer}."),
        };
    }

    private static object? Child(object? container, string token, string pointer) => container switch
    {
        IReadOnlyDictionary<string, object?> d when d.TryGetValue(token, out var v) => v,
        object?[] a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Length => a[i],
        _ => throw new InvalidOperationException($"No bound value at {pointer}."),
    };

    private readonly record struct Slot(Dictionary<string, object?>? Dictionary, string? Key, object?[]? Array, int Index, object? Original)
    {
        public void Set(object? value)
        {
            if (Dictionary is not null)
            {
                Dictionary[Key!] = value;
            }
            else
            {
                Array![Index] = value;
            }
        }
    }
}
