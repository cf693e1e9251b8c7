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
    /// (<see cref="Charge"/>): true when no step it defers could have stopped the evaluation before. The meter is the
    /// thread's (<see cref="EvaluationBudget.Current"/>), read once by the loop's method.</summary>
    public static bool Fits(EvaluationBudget.Meter meter, long steps)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.Fits(steps);
    }

    /// <summary>Charges the steps a loop counted, at its end (the budget, the clock and the memory checked as at any step).</summary>
    public static void Charge(EvaluationBudget.Meter meter, long steps)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.Spend(steps);
    }

    /// <summary>Charges the steps a loop counted before a formula failed inside it (without a check that could replace the
    /// formula's exception by another: they fit, <see cref="Fits"/>).</summary>
    public static void ChargeFailed(EvaluationBudget.Meter meter, long steps)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.SpendUnchecked(steps);
    }

    /// <summary>The array of a series of <paramref name="n"/> elements, checked and reserved as <see cref="Fn.Series"/> does.</summary>
    public static double[] SeriesArray(EvaluationBudget.Meter meter, long n)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Fn.CheckLength(n);
        meter.Reserve(n);
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
                present[i] = item is not null && keyOf(item) is { } k && engine.TryGetValue(k, out values[i]!);
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
    /// The keys of a lowered <c>Map(items, x => x.member, …)</c> over <paramref name="items"/>, in order, when it may be made
    /// as its keys and values (<see cref="Laid"/>) rather than a dictionary: the items are one of the engine's lists whose
    /// members <paramref name="member"/> are all there and unique (<see cref="BudgetedList{T}.UniqueKeys"/>, found once per
    /// list and shared by its maps), so that no key could fail where the dictionary's <c>Add</c> would. Any other sequence:
    /// null (the dictionary).
    /// </summary>
    public static TKey[]? UniqueKeys<TItem, TKey>(IEnumerable<TItem>? items, string member, Func<TItem, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        return items is BudgetedList<TItem> list ? list.UniqueKeys(member, keyOf) : null;
    }

    /// <summary>The map a lowered <c>Map(items, x => x.member, …)</c> made as its keys (<see cref="UniqueKeys"/>: shared, never
    /// written) and values, in the items' order, laid out by the position of its items (see <see cref="Positioned"/>).</summary>
    public static BudgetedDictionary<TKey, TValue> Laid<TItem, TKey, TValue>(TKey[] keys, TItem[] source, string member, TValue[] values)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        return Positioned(new BudgetedDictionary<TKey, TValue>(keys, values), source, member, values);
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
        if (cache is Membership { Flags: { } answers } table && (uint)index < (uint)answers.Length && table.IsFor(list, source, member))
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

        if (cache is not Membership known || !known.IsFor(list, source, member))
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
            known.Flags = Answers(items, source, keyOf);
            return known.Flags[index];
        }

        return Array.IndexOf(items, value) >= 0;
    }

    /// <summary>
    /// The table that answers <c>list.Contains(x.member)</c> for each item x of <paramref name="source"/>, made before a loop
    /// that walks every item (its steps are then no fewer than the table's lookups): kept in <paramref name="cache"/> (a field
    /// of the model, one per call site) for the list and the array it was made for. Charges nothing (each search charges when
    /// it is answered, <see cref="Found{T}(IEnumerable{T}, T, object, int, ref long)"/>). Null when the list is not one of the
    /// engine's lists or an array (or is null), or when there is no array: the loop then runs the query as written.
    /// </summary>
    public static object? Searched<TItem, T>(IEnumerable<T>? list, TItem[]? source, string member, Func<TItem, T> keyOf, ref object? cache)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        if (list is null || source is null || !Budget.TryGetArray(list, out var items))
        {
            return null;
        }

        if (cache is Membership { Flags: not null } known && known.IsFor(list, source, member))
        {
            return known;
        }

        var made = new Membership(list, items.Length, source, member) { Flags = Answers(items, source, keyOf) };
        cache = made;
        return made;
    }

    /// <summary>What a search answered from a table charges: the list's length and one (as the formulas' LINQ charges it).</summary>
    public static long SearchSteps(object table) => ((Membership)table).Length + 1;

    /// <summary>
    /// <c>list.Contains(value)</c> at the item <paramref name="index"/> of the array a table was made for (<see cref="Searched"/>),
    /// <paramref name="value"/> that item's member: the answer from the table, its charge (<see cref="SearchSteps"/>) counted in
    /// <paramref name="counted"/> — a loop that charges its steps at its end.
    /// </summary>
    public static bool Found<T>(IEnumerable<T> list, T value, object table, int index, ref long counted)
    {
        var known = (Membership)table;
        counted += known.Length + 1;
        return Answer(known, list, value, index);
    }

    /// <summary>As <see cref="Found{T}(IEnumerable{T}, T, object, int, ref long)"/>, its charge spent at once (a loop that
    /// charges step by step).</summary>
    public static bool Found<T>(IEnumerable<T> list, T value, object table, int index, EvaluationBudget.Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var known = (Membership)table;
        meter.Spend(known.Length + 1);
        return Answer(known, list, value, index);
    }

    private static bool Answer<T>(Membership known, IEnumerable<T> list, T value, int index) =>
        ReferenceEquals(known.ListObject, list) && known.Flags is { } flags && (uint)index < (uint)flags.Length
            ? flags[index]
            : Budget.TryGetArray(list, out var items) && Array.IndexOf(items, value) >= 0; // never taken: the loop's list and array are the table's

    /// <summary>Whether each item's member is in the list, by the same equality as <see cref="Array.IndexOf{T}(T[], T)"/>.</summary>
    private static bool[] Answers<TItem, T>(T[] items, TItem[] source, Func<TItem, T> keyOf)
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

        return made;
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

        public long Charged { get; set; }

        public bool[]? Flags { get; set; }

        /// <summary>Whether this is the table of <paramref name="formulaList"/> for the items of <paramref name="items"/>
        /// by their member <paramref name="itemMember"/>.</summary>
        public bool IsFor(object formulaList, Array items, string itemMember) =>
            ReferenceEquals(list, formulaList) && ReferenceEquals(source, items) && string.Equals(member, itemMember, StringComparison.Ordinal);
    }

    /// <summary>Throws what System.Linq throws for an empty sequence (its own exception, message included).</summary>
    public static T NoElements<T>() => System.Linq.Enumerable.First(Array.Empty<T>());

    /// <summary>Throws what System.Linq throws when no element matches (its own exception, message included).</summary>
    public static T NoMatch<T>() => System.Linq.Enumerable.First(Array.Empty<T>(), static _ => true);
}
