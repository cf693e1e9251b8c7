namespace RseRules.Core.Runtime;

/// <summary>
/// What the loops the compiler lowers formulas' queries into call (<see cref="Compilation.FormulaLowering"/>): generated
/// code only, never formulas (the sandbox does not allow this type, and the loops are written after the sandbox has
/// checked the formulas as their authors wrote them). A lowered loop walks the array behind one of the engine's lists,
/// charges the evaluation budget what the LINQ it replaces charges, and falls back to that LINQ for any other sequence.
/// </summary>
public static class Lowered
{
    /// <summary>The array behind an engine list, or the array itself; null for any other sequence (and for null), which
    /// the loop then leaves to the LINQ operators. The array is read, never written.</summary>
    public static T[]? Items<T>(IEnumerable<T>? source) => source switch
    {
        BudgetedList<T> list => list.Items,
        T[] array => array,
        _ => null,
    };

    /// <summary>Whether a loop that charges at most <paramref name="steps"/> steps may count them and charge them at its end
    /// (<see cref="Charge"/>): true when no step it defers could have stopped the evaluation before.</summary>
    public static bool Fits(long steps) => EvaluationBudget.Fits(steps);

    /// <summary>Charges the steps a loop counted, at its end (the budget, the clock and the memory checked as at any step).</summary>
    public static void Charge(long steps) => EvaluationBudget.Spend(steps);

    /// <summary>Charges the steps a loop counted before a formula failed inside it (without a check that could replace the
    /// formula's exception by another: they fit, <see cref="Fits"/>).</summary>
    public static void ChargeFailed(long steps) => EvaluationBudget.SpendUnchecked(steps);

    /// <summary>The array of a series of <paramref name="n"/> elements, checked and reserved as <see cref="Fn.Series"/> does.</summary>
    public static double[] SeriesArray(long n)
    {
        Fn.CheckLength(n);
        EvaluationBudget.Reserve(n);
        return new double[n];
    }

    /// <summary>
    /// <c>map[key]</c> inside a loop over <paramref name="source"/>, where <paramref name="key"/> is the member
    /// <paramref name="member"/> (<paramref name="keyOf"/>) of <c>source[index]</c>: the value laid out at that position when
    /// the map has a view for this array and member (<see cref="View"/>), else the lookup itself. The same value, or the same
    /// exception (a missing key, a null map or key).
    /// </summary>
    public static TValue At<TItem, TKey, TValue>(IReadOnlyDictionary<TKey, TValue> map, TKey key, TItem[] source, int index, string member, Func<TItem, TKey> keyOf)
        where TKey : notnull
    {
        if (View(map, source, member, keyOf) is { } view && (uint)index < (uint)view.Values.Length && view.Has(index))
        {
            return view.Values[index];
        }

        return map[key];
    }

    /// <summary>
    /// The view of <paramref name="map"/> by the position of the items of <paramref name="source"/> keyed by their member
    /// <paramref name="member"/>, or null (not one of the engine's maps, or a view of it made for another array). A map has
    /// at most one view, made here on first use — one lookup per item, uncharged, so only for an array at most about twice
    /// the map's size: never more work than making the map itself cost — or made as the map was (<see cref="Positioned"/>).
    /// </summary>
    public static PositionView<TValue>? View<TItem, TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? map, TItem[] source, string member, Func<TItem, TKey> keyOf)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        if (map is not BudgetedDictionary<TKey, TValue> engine || source is null)
        {
            return null;
        }

        var view = engine.Positions;
        if (view is null)
        {
            if (source.Length > (2 * engine.Count) + 16)
            {
                return null;
            }

            var values = new TValue[source.Length];
            var present = new bool[source.Length];
            for (var i = 0; i < source.Length; i++)
            {
                var item = source[i];
                present[i] = item is not null && keyOf(item) is { } k && engine.Inner.TryGetValue(k, out values[i]!);
            }

            engine.Positions = new PositionView<TValue>(source, member, values, present);
            view = engine.Positions!;
        }

        return ReferenceEquals(view.Source, source) && string.Equals(view.Member, member, StringComparison.Ordinal) ? view : null;
    }

    /// <summary>Lays out a map made by a lowered <c>Map(items, x => x.member, …)</c> by the position of its items (its values
    /// in the items' order: every item has its key), for the loops that read it at <c>x.member</c>.</summary>
    public static BudgetedDictionary<TKey, TValue> Positioned<TItem, TKey, TValue>(BudgetedDictionary<TKey, TValue> map, TItem[] source, string member, TValue[] values)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Positions = new PositionView<TValue>(source, member, values, null);
        return map;
    }

    /// <summary>
    /// <c>list.Contains(value)</c> inside a loop over <paramref name="source"/>, where <paramref name="value"/> is the member
    /// <paramref name="member"/> (<paramref name="keyOf"/>) of <c>source[index]</c>, for one of the engine's lists or an
    /// array: charged as the formulas' LINQ charges it (its length and one), answered from <paramref name="cache"/> (a field of
    /// the model, one per call site) once the calls have charged more than making it costs — whether each item's member is in
    /// the list, by the same equality — else by walking the list. Any other sequence: the formulas' LINQ.
    /// </summary>
    public static bool Contains<TItem, T>(IEnumerable<T> list, T value, TItem[] source, int index, string member, Func<TItem, T> keyOf, EvaluationBudget.Meter meter, ref object? cache)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        ArgumentNullException.ThrowIfNull(meter);
        if (cache is Membership { Flags: { } answers } table && ReferenceEquals(table.ListObject, list) && ReferenceEquals(table.Source, source)
            && (uint)index < (uint)answers.Length && string.Equals(table.Member, member, StringComparison.Ordinal))
        {
            // The call site's table, made for this list and this array: the same charge, the answer without a search
            // (and without finding the list's array again).
            meter.Spend(table.Length + 1);
            return answers[index];
        }

        if (!Budget.TryGetArray(list, out var items))
        {
            return Linq.Enumerable.Contains(list, value);
        }

        meter.Spend(items.Length + 1);
        if (source is null || (uint)index >= (uint)source.Length)
        {
            return Array.IndexOf(items, value) >= 0;
        }

        if (cache is not Membership known || !ReferenceEquals(known.ListObject, list) || !ReferenceEquals(known.Source, source) || !string.Equals(known.Member, member, StringComparison.Ordinal))
        {
            known = new Membership(list, items.Length, source, member);
            cache = known;
        }

        if (known.Flags is { } flags)
        {
            return flags[index];
        }

        // Made once the calls have charged as much as making it costs (a set of the list, one lookup per item).
        known.Charged += items.Length + 1;
        if (known.Charged >= items.Length + source.Length)
        {
            var made = new bool[source.Length];
            if (items.Length <= ShortList)
            {
                // A short list is searched faster than hashed (the same equality: the type's default).
                for (var i = 0; i < source.Length; i++)
                {
                    made[i] = source[i] is { } item && Array.IndexOf(items, keyOf(item)) >= 0;
                }
            }
            else
            {
                var set = new HashSet<T>(items, EqualityComparer<T>.Default);
                for (var i = 0; i < source.Length; i++)
                {
                    made[i] = source[i] is { } item && set.Contains(keyOf(item));
                }
            }

            known.Flags = made;
            return made[index];
        }

        return Array.IndexOf(items, value) >= 0;
    }

    /// <summary>The longest list whose membership table is made by searching it for each item rather than hashing it.</summary>
    internal const int ShortList = 16;

    /// <summary>Whether each item's member is in a list (see <see cref="Contains"/>): for one list (the engine's list or the
    /// array itself, whose elements never change) and one array of items. Not generic, so that a call site tells its table
    /// by one type check.</summary>
    private sealed class Membership(object list, int length, Array source, string member)
    {
        /// <summary>The list as the formula gave it.</summary>
        public object ListObject => list;

        /// <summary>The list's length (what each search charges, plus one).</summary>
        public int Length => length;

        public Array Source => source;

        public string Member => member;

        public long Charged { get; set; }

        public bool[]? Flags { get; set; }
    }

    /// <summary>Throws what System.Linq throws for an empty sequence (its own exception, message included).</summary>
    public static T NoElements<T>() => System.Linq.Enumerable.First(Array.Empty<T>());

    /// <summary>Throws what System.Linq throws when no element matches (its own exception, message included).</summary>
    public static T NoMatch<T>() => System.Linq.Enumerable.First(Array.Empty<T>(), static _ => true);
}
