using System.Collections;
using RseRules.Core.Model;

namespace RseRules.Core.Runtime;

/// <summary>
/// Conversions and checks used by generated code (never by formulas: the sandbox does not allow this type).
/// Neutral values are what <c>InputBinder</c> produces: <see cref="double"/>, <see cref="long"/>,
/// <see cref="bool"/>, <see cref="string"/>, <c>object?[]</c> for arrays and
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c> for objects.
/// </summary>
public static class GeneratedSupport
{
    /// <summary>A number.</summary>
    public static double Num(object? v) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => throw new InvalidCastException("A number was expected."),
    };

    /// <summary>A number or null.</summary>
    public static double? NumN(object? v) => v is null ? null : Num(v);

    /// <summary>An integer.</summary>
    public static long Int(object? v) => v switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
        _ => throw new InvalidCastException("An integer was expected."),
    };

    /// <summary>An integer or null.</summary>
    public static long? IntN(object? v) => v is null ? null : Int(v);

    /// <summary>A boolean.</summary>
    public static bool Bool(object? v) => v is bool b ? b : throw new InvalidCastException("A boolean was expected.");

    /// <summary>A boolean or null.</summary>
    public static bool? BoolN(object? v) => v is null ? null : Bool(v);

    /// <summary>A text (null stays null).</summary>
    public static string? Str(object? v) => v is null ? null : v as string ?? throw new InvalidCastException("A text was expected.");

    /// <summary>A localized text: bound from an input document, or read from a parameter's value (<c>{ "fr", "en" }</c>).</summary>
    public static LocalizedText? Loc(object? v) => v switch
    {
        null => null,
        LocalizedText text => text,
        IReadOnlyDictionary<string, object?> o when o.TryGetValue("fr", out var fr) && o.TryGetValue("en", out var en) && fr is string f && en is string e => new LocalizedText(f, e),
        _ => throw new InvalidCastException("A localized text { \"fr\", \"en\" } was expected."),
    };

    /// <summary>An object's members.</summary>
    public static IReadOnlyDictionary<string, object?> Obj(object? v) =>
        v as IReadOnlyDictionary<string, object?> ?? throw new InvalidCastException("An object was expected.");

    /// <summary>A member of an object, null when absent.</summary>
    public static object? Get(IReadOnlyDictionary<string, object?> o, string name)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>A bound input record made again along changed leaves (see <see cref="RecordValue.Rebind"/>).</summary>
    public static RecordValue Rebind(RecordValue record, RebindNode changes, object? values)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(changes);
        return record.Rebind(changes, values) ?? throw new InvalidOperationException($"A {record.GetType().Name} cannot be bound again in part.");
    }

    /// <summary>A series of numbers (absent: empty).</summary>
    public static BudgetedList<double> Nums(object? v) => new(v is null ? [] : ((object?[])v).Select(Num).ToArray());

    /// <summary>The value of a series indicator as formulas see every series (<c>Count</c>, <c>Length</c>, indexing,
    /// LINQ): the engine's own list as it is, any other sequence copied (its elements charged to the budget). Null stays
    /// null (then reported as such).</summary>
    public static BudgetedList<double> AsSeries(IEnumerable<double>? v) => v switch
    {
        null => null!,
        BudgetedList<double> list => list,
        _ => new BudgetedList<double>([.. Budget.Each(v)]),
    };

    /// <summary>The value of an enum indicator: one of its declared values, else the formula fails (reported at the
    /// indicator).</summary>
    public static string? EnumValue(string? v, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return v is null || Array.IndexOf(values, v) >= 0
            ? v
            : throw new InvalidOperationException($"the formula returned \"{v}\", which is not one of the enum's values ({string.Join(", ", values)}).");
    }

    /// <summary>The value of a list or map indicator of enum values: each element (each value of a map) one of the
    /// declared values or null, else the formula fails (reported at the indicator); the value itself is returned.</summary>
    public static T EnumValues<T>(T v, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        switch (v)
        {
            case IEnumerable<KeyValuePair<string, string?>> map:
                EnumMapValues(map, values);
                break;
            case IEnumerable<KeyValuePair<long, string?>> map:
                EnumMapValues(map, values);
                break;
            case IEnumerable<string?> list:
                foreach (var item in list is BudgetedList<string?> b ? b.Items : list)
                {
                    EnumValue(item, values);
                }

                break;
            default:
                break;
        }

        return v;
    }

    /// <summary>Each value of a map one of the declared values or null (<see cref="EnumValues"/>); the engine's own map read
    /// through its arrays or dictionary, charging nothing.</summary>
    private static void EnumMapValues<TKey>(IEnumerable<KeyValuePair<TKey, string?>> map, string[] values)
        where TKey : notnull
    {
        if (map is BudgetedDictionary<TKey, string?> engine)
        {
            foreach (var pair in engine.Pairs)
            {
                EnumValue(pair.Value, values);
            }

            return;
        }

        foreach (var pair in map)
        {
            EnumValue(pair.Value, values);
        }
    }

    /// <summary>A record indicator: the formula's value (an anonymous object, a record of the method…) converted to the
    /// declared record, field by field.</summary>
    public static TRecord? Record<TSource, TRecord>(TSource? v, Func<TSource, TRecord> convert)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(convert);
        return v is null ? null : convert(v);
    }

    /// <summary>A collection indicator: each element of the formula's value converted to the declared record.</summary>
    public static BudgetedList<TRecord> Records<TSource, TRecord>(IEnumerable<TSource>? v, Func<TSource, TRecord> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        return v is null ? null! : new BudgetedList<TRecord>([.. Budget.Each(v).Select(convert)]);
    }

    /// <summary>A scale as formulas read it (<c>Scales.name</c>).</summary>
    public static ScaleInfo Scale(long min, long max, long[] levels, string[] fr, string[] en)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(fr);
        ArgumentNullException.ThrowIfNull(en);
        var labels = new Dictionary<long, LocalizedText>();
        for (var i = 0; i < levels.Length; i++)
        {
            labels[levels[i]] = new LocalizedText(fr[i], en[i]);
        }

        return new ScaleInfo(min, max, labels);
    }

    /// <summary>The entries of a map, for a rule's <c>forEach</c>.</summary>
    public static Entry<TKey, TValue>[] Entries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> map)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map is not BudgetedDictionary<TKey, TValue> engine)
        {
            return [.. map.Select(kv => new Entry<TKey, TValue>(kv.Key, kv.Value))];
        }

        var entries = new Entry<TKey, TValue>[engine.Count];
        var i = 0;
        foreach (var (key, value) in engine.Pairs)
        {
            entries[i++] = new Entry<TKey, TValue>(key, value);
        }

        return entries;
    }

    /// <summary>The elements of a series with their index, for a rule's <c>forEach</c>.</summary>
    public static Entry<long, double>[] Entries(IReadOnlyList<double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var entries = new Entry<long, double>[series.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new Entry<long, double>(i, series[i]);
        }

        return entries;
    }

    /// <summary>A list converted element by element (absent: empty).</summary>
    public static IReadOnlyList<T> List<T>(object? v, Func<object?, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        return new BudgetedList<T>(v is null ? [] : ((object?[])v).Select(convert).ToArray());
    }

    /// <summary>A map with text keys, in document order (absent: empty).</summary>
    public static IReadOnlyDictionary<string, T> Map<T>(object? v, Func<object?, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        var d = new Dictionary<string, T>(StringComparer.Ordinal);
        if (v is not null)
        {
            foreach (var (key, value) in Obj(v))
            {
                d.Add(key, convert(value));
            }
        }

        return new BudgetedDictionary<string, T>(d);
    }

    /// <summary>A map with integer keys, in document order (absent: empty).</summary>
    public static IReadOnlyDictionary<long, T> IntMap<T>(object? v, Func<object?, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        var d = new Dictionary<long, T>();
        if (v is not null)
        {
            foreach (var (key, value) in Obj(v))
            {
                d.Add(long.Parse(key, System.Globalization.CultureInfo.InvariantCulture), convert(value));
            }
        }

        return new BudgetedDictionary<long, T>(d);
    }

    /// <summary>Whether a computed value is acceptable: no NaN or infinity anywhere in it, and not null unless allowed.</summary>
    public static bool Ok(double v, bool nullable) => double.IsFinite(v);

    /// <summary>Whether a computed value is acceptable.</summary>
    public static bool Ok(double? v, bool nullable) => v is null ? nullable : double.IsFinite(v.Value);

    /// <summary>Whether a computed value is acceptable.</summary>
    public static bool Ok(long v, bool nullable) => true;

    /// <summary>Whether a computed value is acceptable.</summary>
    public static bool Ok(long? v, bool nullable) => v is not null || nullable;

    /// <summary>Whether a computed value is acceptable.</summary>
    public static bool Ok(bool v, bool nullable) => true;

    /// <summary>Whether a computed value is acceptable.</summary>
    public static bool Ok(bool? v, bool nullable) => v is not null || nullable;

    /// <summary>Whether a computed series or list of numbers is acceptable: every element finite (read by index: no
    /// allocation, no boxing, no step charged).</summary>
    public static bool Ok(IReadOnlyList<double>? v, bool nullable)
    {
        if (v is null)
        {
            return nullable;
        }

        if (v is BudgetedList<double> { Items: var items })
        {
            // The engine's own series, read as the array it is (no interface call per element).
            foreach (var x in items)
            {
                if (!double.IsFinite(x))
                {
                    return false;
                }
            }

            return true;
        }

        for (var i = 0; i < v.Count; i++)
        {
            if (!double.IsFinite(v[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a computed list of texts is acceptable: no null element.</summary>
    public static bool Ok(IReadOnlyList<string>? v, bool nullable) => v switch
    {
        null => nullable,
        BudgetedList<string> list => Array.IndexOf(list.Items, null) < 0,
        string[] array => Array.IndexOf(array, null) < 0,
        _ => Ok((object)v, nullable),
    };

    /// <summary>Whether a computed map of numbers is acceptable: every value finite (the engine's own maps are read
    /// directly, charging no step).</summary>
    public static bool Ok<TKey>(IReadOnlyDictionary<TKey, double>? v, bool nullable)
        where TKey : notnull
    {
        if (v is null)
        {
            return nullable;
        }

        if (v is BudgetedDictionary<TKey, double> map)
        {
            // The dictionary's own enumerator (a struct): nothing allocated.
            foreach (var (_, x) in map.Pairs)
            {
                if (!double.IsFinite(x))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var x in v.Values)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a computed list of integers is acceptable (any integer is).</summary>
    public static bool Ok(IReadOnlyList<long>? v, bool nullable) => v is not null || nullable;

    /// <summary>Whether a computed map of integers is acceptable (any integer is).</summary>
    public static bool Ok<TKey>(IReadOnlyDictionary<TKey, long>? v, bool nullable)
        where TKey : notnull => v is not null || nullable;

    /// <summary>Whether a computed map of texts is acceptable: no null value (the engine's own maps are read directly, with
    /// the dictionary's struct enumerator: nothing allocated, no step charged, as through <see cref="Ok(object?, bool)"/>).</summary>
    public static bool Ok<TKey>(IReadOnlyDictionary<TKey, string>? v, bool nullable)
        where TKey : notnull
    {
        if (v is not BudgetedDictionary<TKey, string> map)
        {
            return Ok((object?)v, nullable);
        }

        foreach (var (_, x) in map.Pairs)
        {
            if (x is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a computed list of localized texts is acceptable: no null element, each in both languages (read by
    /// index: no enumerator, no step charged).</summary>
    public static bool Ok(IReadOnlyList<LocalizedText>? v, bool nullable)
    {
        if (v is null)
        {
            return nullable;
        }

        if (v is BudgetedList<LocalizedText>)
        {
            return Ok((object)v, nullable); // walked through its enumerator, as before: the same steps charged
        }

        for (var i = 0; i < v.Count; i++)
        {
            if (v[i] is not { Fr: not null, En: not null })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a computed value is acceptable.</summary>
    public static bool Ok(object? v, bool nullable) => v switch
    {
        null => nullable,
        string => true,
        LocalizedText l => l.Fr is not null && l.En is not null,
        double d => double.IsFinite(d),
        KeyValuePair<string, object?> field => Ok(field.Value, true),
        IDictionary map => map.Values.Cast<object?>().All(x => Ok(x, false)),
        IEnumerable e => e.Cast<object?>().All(x => Ok(x, false)),
        _ => true,
    };
}
