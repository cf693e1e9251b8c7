namespace RseRules.Core.Runtime;

/// <summary>The item a rule with <c>forEach</c> over a map (one entry per key) or a series (one entry per year index) is
/// evaluated on: <c>item.Key</c> and <c>item.Value</c>.</summary>
/// <typeparam name="TKey">The key (text or integer for a map, the year index for a series).</typeparam>
/// <typeparam name="TValue">The value.</typeparam>
/// <param name="Key">The map key, or the index in the series.</param>
/// <param name="Value">The value at that key or index.</param>
public readonly record struct Entry<TKey, TValue>(TKey Key, TValue Value)
{
    /// <summary>The key as a text (how findings name the item).</summary>
    public override string ToString() => Convert.ToString(Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
